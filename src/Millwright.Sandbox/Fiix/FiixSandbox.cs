using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Fiix;

/// <summary>
/// One running Fiix CMMS tenant emulator: settings, the seeded objects, the per-access-key throttle, and
/// fault knobs. Created by <see cref="FiixSandboxModule"/>.
/// </summary>
public sealed class FiixSandbox : ISandbox
{
    private readonly Lazy<FiixSandboxData> data;
    private readonly Lock throttleGate = new();
    private int forcedThrottles;
    private long forcedAdvisoryMs;

    internal FiixSandbox(FiixSandboxSettings settings, TimeProvider time)
    {
        settings.Validate();
        Settings = settings;
        Time = time;
        RateLimiter = new SandboxRateLimiter(settings.RequestsPerMinute, TimeSpan.FromSeconds(60), time);
        data = new Lazy<FiixSandboxData>(() => FiixSandboxSeed.Build(settings, time.GetUtcNow()));
    }

    public FiixSandboxSettings Settings { get; }

    /// <summary>Error rate, latency, forced statuses (a forced 429 becomes Fiix's code 1100), malformed bodies and revoked access keys.</summary>
    public SandboxFaults Faults { get; } = new();

    internal SandboxRateLimiter RateLimiter { get; }

    internal TimeProvider Time { get; }

    /// <summary>The tenant's objects, seeded on first use.</summary>
    internal FiixSandboxData Data => data.Value;

    /// <summary>Now in epoch milliseconds, to the second as Fiix stores dates.</summary>
    internal long NowMs() => FiixSandboxSeed.Ms(Time.GetUtcNow());

    /// <summary>Answers the next <paramref name="count"/> authenticated requests with code 1100 advising a wait of <paramref name="advisoryMs"/>.</summary>
    public void Throttle(int count, long advisoryMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegative(advisoryMs);
        lock (throttleGate)
        {
            forcedThrottles = count;
            forcedAdvisoryMs = advisoryMs;
        }
    }

    /// <summary>The advisory of a forced throttle for this request, or null.</summary>
    internal long? NextForcedThrottle()
    {
        lock (throttleGate)
        {
            if (forcedThrottles <= 0)
            {
                return null;
            }

            forcedThrottles--;
            return forcedAdvisoryMs;
        }
    }

    /// <summary>Starts every access key's throttle window afresh and drops forced throttles.</summary>
    public void Reset()
    {
        RateLimiter.Reset();
        lock (throttleGate)
        {
            forcedThrottles = 0;
        }
    }
}
