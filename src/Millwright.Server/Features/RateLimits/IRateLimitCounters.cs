namespace Millwright.Server.Features.RateLimits;

/// <summary>One budget a request draws on: a partition key and its limit per window.</summary>
internal readonly record struct RateLimitPartition(string Key, int Limit);

/// <summary>
/// The outcome for one request. <see cref="Limit"/> and <see cref="Remaining"/> describe the tightest
/// budget (on a refusal, the exhausted one); <see cref="ResetSeconds"/> is the whole number of seconds until
/// the window ends, rounded up, so that a client waiting exactly that long lands in the next window.
/// </summary>
internal readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, int ResetSeconds);

/// <summary>
/// Where the counts of the current window live: in this process (<see cref="FixedWindowCounters"/>) or in
/// Redis (<see cref="RedisWindowCounters"/>), shared by every process pointed at it. Both admit a request
/// only when every partition has room and then count it against all of them.
/// </summary>
internal interface IRateLimitCounters
{
    ValueTask<RateLimitDecision> TryAcquireAsync(IReadOnlyList<RateLimitPartition> partitions, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a request could be admitted now, without counting it: <see cref="RateLimitDecision.Allowed"/> is
    /// false when a partition is spent. Failure limits check first and count only failures.
    /// </summary>
    ValueTask<RateLimitDecision> PeekAsync(RateLimitPartition partition, CancellationToken cancellationToken);
}

/// <summary>Fixed one-minute windows aligned to the clock's minutes, the same for every partition and process.</summary>
internal static class RateLimitWindow
{
    /// <summary>The current window's number and the whole seconds (rounded up) until it ends.</summary>
    public static (long Window, int ResetSeconds) At(TimeProvider time)
    {
        var now = time.GetUtcNow().UtcTicks;
        var current = now / TimeSpan.TicksPerMinute;
        var untilReset = ((current + 1) * TimeSpan.TicksPerMinute) - now;
        return (current, (int)((untilReset + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond));
    }

    /// <summary>The decision for counts already taken (<paramref name="used"/>, after this request) in each partition.</summary>
    public static RateLimitDecision Admitted(IReadOnlyList<RateLimitPartition> partitions, IReadOnlyList<long> used, int resetSeconds)
    {
        var tightest = new RateLimitDecision(true, int.MaxValue, int.MaxValue, resetSeconds);
        for (var i = 0; i < partitions.Count; i++)
        {
            var remaining = (int)Math.Max(0, partitions[i].Limit - used[i]);
            if (remaining < tightest.Remaining || (remaining == tightest.Remaining && partitions[i].Limit < tightest.Limit))
            {
                tightest = tightest with { Limit = partitions[i].Limit, Remaining = remaining };
            }
        }

        return tightest;
    }
}
