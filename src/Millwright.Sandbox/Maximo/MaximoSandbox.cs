using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// One running Maximo (MAS Manage) emulator: settings, the seeded tenant, the optional gateway rate
/// limit, stable-paging result sets and fault knobs. Created by <see cref="MaximoSandboxModule"/>.
/// </summary>
public sealed class MaximoSandbox : ISandbox
{
    private readonly Lazy<MaximoSandboxData> data;

    internal MaximoSandbox(MaximoSandboxSettings settings, TimeProvider time)
    {
        settings.Validate();
        Settings = settings;
        Time = time;
        RateLimiter = settings.RequestsPerMinute > 0 ? new SandboxRateLimiter(settings.RequestsPerMinute, TimeSpan.FromSeconds(60), time) : null;
        StablePages = new MxmStablePages(time, settings.StablePagingLifetime);
        data = new Lazy<MaximoSandboxData>(() => MaximoSandboxSeed.Build(settings, time.GetUtcNow()));
    }

    public MaximoSandboxSettings Settings { get; }

    /// <summary>Error rate, latency, forced statuses and revoked keys of this instance.</summary>
    public SandboxFaults Faults { get; } = new();

    internal SandboxRateLimiter? RateLimiter { get; }

    internal MxmStablePages StablePages { get; }

    internal TimeProvider Time { get; }

    /// <summary>The tenant's data, seeded on first use.</summary>
    internal MaximoSandboxData Data => data.Value;

    /// <summary>Now, to the second as Maximo stores timestamps.</summary>
    internal DateTimeOffset Now() => MxmJson.Seconds(Time.GetUtcNow());

    /// <summary>Starts every key's rate-limit window afresh and forgets cached stable-paging sets.</summary>
    public void Reset()
    {
        RateLimiter?.Reset();
        StablePages.Clear();
    }
}
