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
/// Fixed one-minute windows aligned to the clock's minutes (the same for every partition), counted in
/// memory. A request is admitted only if every partition it draws on has room, and then counts against
/// all of them; a refused request counts against none. Counts of past windows are dropped when a new
/// window starts, so memory stays bounded by the partitions active in the current minute.
/// </summary>
internal sealed class FixedWindowCounters(TimeProvider time)
{
    private static readonly long WindowTicks = TimeSpan.TicksPerMinute;
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
    private long window = long.MinValue;

    public RateLimitDecision TryAcquire(IReadOnlyList<RateLimitPartition> partitions)
    {
        ArgumentOutOfRangeException.ThrowIfZero(partitions.Count);
        var now = time.GetUtcNow().UtcTicks;
        var current = now / WindowTicks;
        var untilReset = ((current + 1) * WindowTicks) - now;
        var resetSeconds = (int)((untilReset + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond);

        lock (gate)
        {
            if (current != window)
            {
                counts.Clear();
                window = current;
            }

            RateLimitPartition? exhausted = null;
            foreach (var partition in partitions)
            {
                if (counts.GetValueOrDefault(partition.Key) >= partition.Limit
                    && (exhausted is null || partition.Limit < exhausted.Value.Limit))
                {
                    exhausted = partition;
                }
            }

            if (exhausted is { } refused)
            {
                return new RateLimitDecision(false, refused.Limit, 0, resetSeconds);
            }

            var tightest = new RateLimitDecision(true, int.MaxValue, int.MaxValue, resetSeconds);
            foreach (var partition in partitions)
            {
                var used = counts.GetValueOrDefault(partition.Key) + 1;
                counts[partition.Key] = used;
                var remaining = partition.Limit - used;
                if (remaining < tightest.Remaining || (remaining == tightest.Remaining && partition.Limit < tightest.Limit))
                {
                    tightest = tightest with { Limit = partition.Limit, Remaining = remaining };
                }
            }

            return tightest;
        }
    }
}
