namespace Millwright.Sandbox.Common;

/// <summary>
/// Fault knobs of one sandbox instance: random 500s or every Nth request a 500, added latency, a forced status for the next N
/// requests (429s with a chosen Retry-After), truncated JSON bodies, and revoked (and restored) API keys. Thread-safe; tests set them through this API, demos through
/// <c>POST {prefix}/_sandbox/faults</c>.
/// </summary>
public sealed class SandboxFaults
{
    private readonly Lock gate = new();
    private readonly HashSet<string> revokedKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> revokeAfter = new(StringComparer.Ordinal);
    private double errorRate;
    private int errorEvery;
    private long counted;
    private int latencyMs;
    private int? forcedStatus;
    private int forcedRemaining;
    private int? forcedRetryAfter;
    private double malformedRate;
    private int malformedRemaining;

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

    /// <summary>
    /// Every Nth API request (counted from when this is set) fails with a 500; 0 turns it off. The deterministic
    /// twin of <see cref="ErrorRate"/> (5 fails 20 %): a retried call is never failed twice in a row by it, and no
    /// stretch of requests holds more than its share of failures, however fast or slow the client is.
    /// </summary>
    public int ErrorEvery
    {
        get { lock (gate) { return errorEvery; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            lock (gate)
            {
                errorEvery = value;
                counted = 0;
            }
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

    /// <summary>Share of requests (0–1) that would succeed but get a truncated, malformed JSON body instead.</summary>
    public double MalformedRate
    {
        get { lock (gate) { return malformedRate; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            lock (gate) { malformedRate = value; }
        }
    }

    /// <summary>Seconds a forced 429 tells the client to wait (<c>Retry-After</c> and the reset header); null keeps the emulated window's reset.</summary>
    public int? ForcedRetryAfterSeconds
    {
        get { lock (gate) { return forcedRetryAfter; } }
    }

    /// <summary>Gives the next <paramref name="count"/> requests that would succeed a truncated JSON body.</summary>
    public void ForceMalformed(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (gate) { malformedRemaining = count; }
    }

    /// <summary>Whether this (otherwise successful) request gets a malformed body: a forced one first, then the random rate.</summary>
    public bool NextMalformed()
    {
        lock (gate)
        {
            if (malformedRemaining > 0)
            {
                malformedRemaining--;
                return true;
            }

            return malformedRate > 0 && Random.Shared.NextDouble() < malformedRate;
        }
    }

    /// <summary>
    /// Answers the next <paramref name="count"/> API requests with <paramref name="status"/> (429 or 5xx); a
    /// forced 429 says to retry after <paramref name="retryAfterSeconds"/> when given.
    /// </summary>
    public void ForceStatus(int status, int count, int? retryAfterSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds ?? 0);
        ForceStatus(status, count);
        lock (gate) { forcedRetryAfter = retryAfterSeconds; }
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
            forcedRetryAfter = null;
        }
    }

    /// <summary>Makes every later request with <paramref name="apiKey"/> fail as if the key had been revoked.</summary>
    public void RevokeKey(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        lock (gate) { revokedKeys.Add(apiKey); }
    }

    /// <summary>
    /// Lets the next <paramref name="requests"/> requests with <paramref name="apiKey"/> through and revokes it from
    /// then on: the deterministic way to revoke a key in the middle of a client's work, however fast it goes.
    /// </summary>
    public void RevokeKey(string apiKey, int afterRequests)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentOutOfRangeException.ThrowIfNegative(afterRequests);
        lock (gate) { revokeAfter[apiKey] = afterRequests; }
    }

    /// <summary>Whether this request with <paramref name="apiKey"/> must fail as revoked; counts it against a pending revocation.</summary>
    public bool IsRevoked(string apiKey)
    {
        lock (gate)
        {
            if (revokeAfter.TryGetValue(apiKey, out var remaining))
            {
                if (remaining > 0)
                {
                    revokeAfter[apiKey] = remaining - 1;
                    return false;
                }

                revokeAfter.Remove(apiKey);
                revokedKeys.Add(apiKey);
            }

            return revokedKeys.Contains(apiKey);
        }
    }

    /// <summary>Makes a revoked key work again (a customer restoring it), and cancels a pending revocation.</summary>
    public void RestoreKey(string apiKey)
    {
        lock (gate)
        {
            revokedKeys.Remove(apiKey);
            revokeAfter.Remove(apiKey);
        }
    }

    /// <summary>Clears every knob: no errors (random or every Nth), no latency, no forced status, no malformed bodies, no revoked keys.</summary>
    public void Reset()
    {
        lock (gate)
        {
            errorRate = 0;
            errorEvery = 0;
            counted = 0;
            latencyMs = 0;
            forcedStatus = null;
            forcedRemaining = 0;
            forcedRetryAfter = null;
            malformedRate = 0;
            malformedRemaining = 0;
            revokedKeys.Clear();
            revokeAfter.Clear();
        }
    }

    /// <summary>The status this request must fail with (a forced one first, then every Nth, then the random error rate), or null.</summary>
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

            if (errorEvery > 0 && ++counted % errorEvery == 0)
            {
                return 500;
            }

            return errorRate > 0 && Random.Shared.NextDouble() < errorRate ? 500 : null;
        }
    }

    public SandboxFaultState Snapshot()
    {
        lock (gate)
        {
            return new SandboxFaultState(errorRate, latencyMs, forcedStatus, forcedRemaining, [.. revokedKeys.Order(StringComparer.Ordinal)],
                forcedRetryAfter, malformedRate, malformedRemaining, errorEvery);
        }
    }
}

/// <summary>The knobs as the admin endpoint shows them.</summary>
public sealed record SandboxFaultState(
    double ErrorRate, int LatencyMs, int? ForceStatus, int ForceStatusCount, IReadOnlyList<string> RevokedKeys,
    int? RetryAfterSeconds = null, double MalformedRate = 0, int ForceMalformedCount = 0, int ErrorEvery = 0);
