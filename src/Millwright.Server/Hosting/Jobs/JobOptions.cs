namespace Millwright.Server.Hosting.Jobs;

/// <summary>Background job processing, bound from <c>Millwright:Jobs</c>. Defaults live here.</summary>
internal sealed class JobOptions
{
    public const string Section = "Millwright:Jobs";

    /// <summary>Jobs this node runs at once. Syncs mostly wait on vendors, so more than the core count pays off.</summary>
    public int Workers { get; set; } = Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary>
    /// How often idle workers look for queued work (PostgreSQL storage) and schedulers look for due
    /// delayed and recurring jobs (both storages). A queued sync starts within about this long.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a stopping node waits for running jobs to notice their cancellation.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);

    internal static bool IsValid(JobOptions o) =>
        o.Workers is >= 1 and <= 256
        && o.PollInterval >= TimeSpan.FromMilliseconds(100) && o.PollInterval <= TimeSpan.FromMinutes(1)
        && o.ShutdownTimeout > TimeSpan.Zero;
}
