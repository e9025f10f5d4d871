namespace Millwright.Server.Features.RateLimits;

/// <summary>
/// Fixed one-minute windows aligned to the clock's minutes (the same for every partition), counted in
/// memory. A request is admitted only if every partition it draws on has room, and then counts against
/// all of them; a refused request counts against none. Counts of past windows are dropped when a new
/// window starts, so memory stays bounded by the partitions active in the current minute.
/// </summary>
internal sealed class FixedWindowCounters(TimeProvider time) : IRateLimitCounters
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
    private long window = long.MinValue;

    public ValueTask<RateLimitDecision> TryAcquireAsync(IReadOnlyList<RateLimitPartition> partitions, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryAcquire(partitions));

    public ValueTask<RateLimitDecision> PeekAsync(RateLimitPartition partition, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Peek(partition));

    public RateLimitDecision Peek(RateLimitPartition partition)
    {
        var (current, resetSeconds) = RateLimitWindow.At(time);
        lock (gate)
        {
            var used = current == window ? counts.GetValueOrDefault(partition.Key) : 0;
            return new RateLimitDecision(used < partition.Limit, partition.Limit, Math.Max(0, partition.Limit - used), resetSeconds);
        }
    }

    public RateLimitDecision TryAcquire(IReadOnlyList<RateLimitPartition> partitions)
    {
        ArgumentOutOfRangeException.ThrowIfZero(partitions.Count);
        var (current, resetSeconds) = RateLimitWindow.At(time);

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
