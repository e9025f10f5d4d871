namespace Millwright.Server.Features.Sync;

/// <summary>How the sync engine pages, retries and schedules; bound from <c>Millwright:Sync</c>. Defaults live here.</summary>
internal sealed class SyncOptions
{
    public const string Section = "Millwright:Sync";

    /// <summary>Records asked for per page (connectors cap it at the vendor's maximum).</summary>
    public int PageSize { get; set; } = 200;

    /// <summary>How often a connection gets a full run that also finds records deleted without notice.</summary>
    public TimeSpan FullSyncInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Incremental runs read from the watermark minus this, so that a record the system stamped a little
    /// before the watermark (clock skew, late commits) is not missed. Re-reading it is harmless: an
    /// unchanged source document is not an update.
    /// </summary>
    public TimeSpan WatermarkOverlap { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest single wait a vendor's Retry-After can impose before the page is retried.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Wait when a vendor throttles without saying for how long.</summary>
    public TimeSpan DefaultRateLimitWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Throttled answers tolerated for one page before the run fails.</summary>
    public int MaxRateLimitRetries { get; set; } = 10;

    /// <summary>Retries of a page after transient failures (timeouts, 5xx) before the run fails.</summary>
    public int TransientRetries { get; set; } = 3;

    /// <summary>First backoff after a transient failure; doubled on each retry.</summary>
    public TimeSpan TransientBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a worker's claim on a run lasts without renewal; a run whose worker died is taken over after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Longest gap between scheduled runs of a <c>degraded</c> connection: after each failed run in a row its interval
    /// doubles up to this (see <see cref="SyncSchedule.BackoffDue"/>); the first successful run restores the interval.
    /// </summary>
    public TimeSpan DegradedBackoffCap { get; set; } = TimeSpan.FromHours(4);

    /// <summary>
    /// When the recovery sweep re-queues runs without a live worker (a node killed mid-run: once its lease has expired).
    /// Hangfire cron, UTC; six fields include seconds (a test cluster uses <c>*/2 * * * * *</c>).
    /// A takeover happens within <see cref="LeaseDuration"/> plus one period of this.
    /// </summary>
    public string RecoveryCron { get; set; } = "* * * * *";

    /// <summary>Recurring interval of a connection when none is given.</summary>
    public int DefaultIntervalMinutes { get; set; } = 15;

    internal static bool IsValid(SyncOptions o) =>
        o.PageSize is >= 1 and <= 1000
        && o.FullSyncInterval > TimeSpan.Zero
        && o.WatermarkOverlap >= TimeSpan.Zero
        && o.MaxRateLimitWait >= TimeSpan.Zero
        && o.DefaultRateLimitWait >= TimeSpan.Zero
        && o.MaxRateLimitRetries >= 0
        && o.TransientRetries >= 0
        && o.TransientBaseDelay >= TimeSpan.Zero
        && o.LeaseDuration >= TimeSpan.FromSeconds(1)
        && !string.IsNullOrWhiteSpace(o.RecoveryCron)
        && o.DegradedBackoffCap > TimeSpan.Zero
        && SyncSchedule.IsValidInterval(o.DefaultIntervalMinutes);
}
