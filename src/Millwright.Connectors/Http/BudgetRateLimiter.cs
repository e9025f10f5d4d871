using System.Threading.RateLimiting;

namespace Millwright.Connectors.Http;

/// <summary>
/// A token bucket on <see cref="TimeProvider"/> (the framework's buckets replenish from the real
/// stopwatch even in manual mode, so they cannot be driven by a fake clock). Credit is kept in exact
/// time ticks: one permit costs one <c>period</c>, the bucket holds <c>burst</c> permits, and so no window
/// of one minute ever grants more than <c>burst + minute / period</c> permits.
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
            return new RateLimiterStatistics { CurrentAvailablePermits = creditTicks / periodTicks };
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
