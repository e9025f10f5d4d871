using System.Threading.RateLimiting;

namespace Millwright.Connectors.Http;

/// <summary>
/// A token bucket on <see cref="TimeProvider"/> (the framework's buckets replenish from the real
/// stopwatch even in manual mode, so they cannot be driven by a fake clock). Credit is kept in exact
/// time ticks: one permit costs one <c>period</c>, the bucket holds <c>burst</c> permits, and so no window
/// of one minute ever grants more than <c>burst + minute / period</c> permits. <see cref="Reserve"/> queues callers
/// by taking permits ahead of time.
/// </summary>
internal sealed class BudgetRateLimiter : RateLimiter
{
    private readonly TimeProvider time;
    private readonly long periodTicks;
    private readonly long capacityTicks;
    private readonly Lock sync = new();
    private long creditTicks;
    private DateTimeOffset last;
    private DateTimeOffset lastUsed;

    private BudgetRateLimiter(TimeProvider time, int burst, TimeSpan period)
    {
        this.time = time;
        periodTicks = period.Ticks;
        capacityTicks = burst * periodTicks;
        creditTicks = capacityTicks;
        last = lastUsed = time.GetUtcNow();
    }

    /// <summary>At most <paramref name="requestsPerMinute"/> permits in any 60 seconds: a tenth as burst, the rest evenly spread.</summary>
    public static BudgetRateLimiter PerMinute(int requestsPerMinute, TimeProvider time)
    {
        var budget = new UpstreamBudget(requestsPerMinute);
        return new BudgetRateLimiter(time, budget.Burst, budget.Period);
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (sync)
            {
                return time.GetUtcNow() - lastUsed;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (sync)
        {
            Refill();
            return new RateLimiterStatistics { CurrentAvailablePermits = Math.Max(0, creditTicks / periodTicks) };
        }
    }

    /// <summary>
    /// Takes the next permit even when it is only due later, so that callers are served in the order they asked:
    /// (true, how long until it is due), or (false, how long until it would be) when that is beyond
    /// <paramref name="maxWait"/>, and nothing is taken. The credit then runs below zero by the reserved permits; a
    /// reservation whose caller gives up is lost, which only leaves the budget under-used.
    /// </summary>
    public (bool Reserved, TimeSpan Wait) Reserve(TimeSpan maxWait)
    {
        lock (sync)
        {
            Refill();
            lastUsed = time.GetUtcNow();
            var wait = Math.Max(0, periodTicks - creditTicks);
            if (wait > maxWait.Ticks)
            {
                return (false, TimeSpan.FromTicks(wait));
            }

            creditTicks -= periodTicks;
            return (true, TimeSpan.FromTicks(wait));
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(permitCount);
        lock (sync)
        {
            Refill();
            lastUsed = time.GetUtcNow();
            var cost = permitCount * periodTicks;
            if (cost > capacityTicks)
            {
                return Lease.Refused(TimeSpan.MaxValue);
            }

            if (creditTicks >= cost)
            {
                creditTicks -= cost;
                return Lease.Granted;
            }

            return Lease.Refused(TimeSpan.FromTicks(cost - creditTicks));
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lease = AttemptAcquireCore(permitCount);
            if (lease.IsAcquired || !lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) || wait == TimeSpan.MaxValue)
            {
                return lease;
            }

            lease.Dispose();
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Refill()
    {
        var now = time.GetUtcNow();
        var elapsed = (now - last).Ticks;
        if (elapsed > 0)
        {
            creditTicks = Math.Min(capacityTicks, creditTicks + elapsed);
            last = now;
        }
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
