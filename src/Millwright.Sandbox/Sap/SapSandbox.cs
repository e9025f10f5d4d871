using System.Collections.Concurrent;
using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// One running SAP S/4HANA emulator: settings, seeded data, CSRF sessions, per-user rate limiter and
/// fault knobs. Created by <see cref="SapSandboxModule"/>; tests keep the instance to
/// turn the knobs from C#.
/// </summary>
public sealed class SapSandbox : ISandbox
{
    private readonly Lazy<SapSandboxData> data;

    internal SapSandbox(SapSandboxSettings settings, TimeProvider time)
    {
        settings.Validate();
        Settings = settings;
        Time = time;
        RateLimiter = new SandboxRateLimiter(settings.RequestsPerMinute, TimeSpan.FromSeconds(60), time);
        data = new(() => SapSandboxSeed.Build(settings, time.GetUtcNow()));
    }

    public SapSandboxSettings Settings { get; }

    /// <summary>Error rate, latency, forced statuses and revoked users (<see cref="SandboxFaults.RevokeKey"/> takes a user name).</summary>
    public SandboxFaults Faults { get; } = new();

    internal SandboxRateLimiter RateLimiter { get; }

    internal TimeProvider Time { get; }

    internal SapSandboxData Data => data.Value;

    /// <summary>CSRF sessions: session cookie value → the user and token it was issued for.</summary>
    internal ConcurrentDictionary<string, (string User, string Token)> Sessions { get; } = new(StringComparer.Ordinal);

    public void Reset() => RateLimiter.Reset();

    /// <summary>Now, to the second, as SAP stamps <c>LastChangeDateTime</c>.</summary>
    internal DateTimeOffset Now()
    {
        var now = Time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
