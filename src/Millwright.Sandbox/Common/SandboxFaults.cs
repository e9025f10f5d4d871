namespace Millwright.Sandbox.Common;

/// <summary>
/// Fault knobs of one sandbox instance: random 500s, added latency, a forced status for the next N
/// requests, and revoked API keys. Thread-safe; tests set them through this API, demos through
/// <c>POST {prefix}/_sandbox/faults</c>.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock gate = new();
    private readonly HashSet<string> revokedKeys = new(StringComparer.Ordinal);
    private double errorRate;
    private int latencyMs;
    private int? forcedStatus;
    private int forcedRemaining;

    /// <summary>Share of requests (0–1) that fail with a 500.</summary>
    public double ErrorRate
    {
        get { lock (gate) { return errorRate; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            lock (gate) { errorRate = value; }
        }
    }

    /// <summary>Delay added before every API request is handled.</summary>
    public int LatencyMs
    {
        get { lock (gate) { return latencyMs; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (gate) { latencyMs = value; }
        }
    }

    /// <summary>Answers the next <paramref name="count"/> API requests with <paramref name="status"/> (429 or 5xx).</summary>
    public void ForceStatus(int status, int count = 1)
    {
        if (status != 429 && status is < 500 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Only 429 and 5xx can be forced.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (gate)
        {
            forcedStatus = status;
            forcedRemaining = count;
        }
    }

    /// <summary>Makes every later request with <paramref name="apiKey"/> fail as if the key had been revoked.</summary>
    public void RevokeKey(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        lock (gate) { revokedKeys.Add(apiKey); }
    }

    public bool IsRevoked(string apiKey)
    {
        lock (gate) { return revokedKeys.Contains(apiKey); }
    }

    /// <summary>Clears every knob: no errors, no latency, no forced status, no revoked keys.</summary>
    public void Reset()
    {
        lock (gate)
        {
            errorRate = 0;
            latencyMs = 0;
            forcedStatus = null;
            forcedRemaining = 0;
            revokedKeys.Clear();
        }
    }

    /// <summary>The status this request must fail with (a forced one first, then the random error rate), or null.</summary>
    public int? NextFailure()
    {
        lock (gate)
        {
            if (forcedStatus is { } status && forcedRemaining > 0)
            {
                forcedRemaining--;
                if (forcedRemaining == 0)
                {
                    forcedStatus = null;
                }

                return status;
            }

            return errorRate > 0 && Random.Shared.NextDouble() < errorRate ? 500 : null;
        }
    }

    public SandboxFaultState Snapshot()
    {
        lock (gate)
        {
            return new SandboxFaultState(errorRate, latencyMs, forcedStatus, forcedRemaining, [.. revokedKeys.Order(StringComparer.Ordinal)]);
        }
    }
}

/// <summary>The knobs as the admin endpoint shows them.</summary>
public sealed record SandboxFaultState(double ErrorRate, int LatencyMs, int? ForceStatus, int ForceStatusCount, IReadOnlyList<string> RevokedKeys);
