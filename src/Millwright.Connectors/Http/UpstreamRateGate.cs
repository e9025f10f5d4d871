using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Millwright.Connectors.Http;

/// <summary>
/// Keeps each connection inside its vendor's request budget, so a sync never trips the vendor's own limit
/// (which would also throttle the customer's other integrations on the same key). One token bucket per
/// connection sized so that no 60-second window holds more than the budget: a burst of a tenth of the
/// budget, refilled evenly with the rest. On top, a pause set from the vendor's own signals
/// (<c>X-Rate-Limit-Remaining: 0</c>, 429) holds every call of that connection until the vendor's reset.
/// Time comes from <see cref="TimeProvider"/> (buckets replenish manually), so tests drive it.
/// </summary>
internal sealed class UpstreamRateGate(TimeProvider time, IOptions<UpstreamHttpOptions> options)
{
    private const int MaxGates = 10_000;
    private readonly ConcurrentDictionary<string, ConnectionGate> gates = new(StringComparer.Ordinal);

    /// <summary>Waits for a slot; throws <see cref="UpstreamRateGateException"/> when the wait would exceed the configured maximum.</summary>
    public async Task AcquireAsync(string connectionId, int requestsPerMinute, CancellationToken cancellationToken)
    {
        var gate = Gate(connectionId, requestsPerMinute);
        var deadline = time.GetUtcNow() + options.Value.MaxRateGateWait;
        while (true)
        {
            var now = time.GetUtcNow();
            var wait = gate.TryTake(now);
            if (wait is null)
            {
                return;
            }

            if (now + wait.Value > deadline)
            {
                throw new UpstreamRateGateException(gate.PausedUntil > now ? gate.PausedUntil - now : wait.Value);
            }

            await Task.Delay(wait.Value, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Holds every call of the connection for <paramref name="delay"/> (vendor said its window is used up).</summary>
    public void Pause(string connectionId, TimeSpan delay)
    {
        if (gates.TryGetValue(connectionId, out var gate))
        {
            gate.PauseUntil(time.GetUtcNow() + delay);
        }
    }

    private ConnectionGate Gate(string connectionId, int requestsPerMinute)
    {
        requestsPerMinute = Math.Max(1, requestsPerMinute);
        if (gates.TryGetValue(connectionId, out var gate) && gate.RequestsPerMinute == requestsPerMinute)
        {
            return gate;
        }

        if (gates.Count >= MaxGates)
        {
            // Idle gates are full buckets: dropping them loses nothing but pending pauses.
            gates.Clear();
        }

        return gates.AddOrUpdate(
            connectionId,
            _ => new ConnectionGate(requestsPerMinute, time.GetUtcNow()),
            (_, existing) => existing.RequestsPerMinute == requestsPerMinute ? existing : new ConnectionGate(requestsPerMinute, time.GetUtcNow()));
    }

    private sealed class ConnectionGate
    {
        private readonly TokenBucketRateLimiter bucket;
        private readonly TimeSpan period;
        private readonly Lock sync = new();
        private DateTimeOffset lastRefill;

        public ConnectionGate(int requestsPerMinute, DateTimeOffset now)
        {
            RequestsPerMinute = requestsPerMinute;
            var burst = Math.Max(1, requestsPerMinute / 10);
            var sustained = Math.Max(1, requestsPerMinute - burst);
            period = TimeSpan.FromMinutes(1) / sustained;
            lastRefill = now;
            bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = period,
                AutoReplenishment = false,
                QueueLimit = 0,
            });
        }

        public int RequestsPerMinute { get; }

        public DateTimeOffset PausedUntil { get; private set; }

        public void PauseUntil(DateTimeOffset until)
        {
            lock (sync)
            {
                if (until > PausedUntil)
                {
                    PausedUntil = until;
                }
            }
        }

        /// <summary>Takes a slot and returns null, or returns how long to wait before trying again.</summary>
        public TimeSpan? TryTake(DateTimeOffset now)
        {
            lock (sync)
            {
                if (PausedUntil > now)
                {
                    return PausedUntil - now;
                }

                var periods = (int)Math.Min((now - lastRefill) / period, RequestsPerMinute);
                for (var i = 0; i < periods; i++)
                {
                    bucket.TryReplenish();
                }

                lastRefill += period * periods;
                using var lease = bucket.AttemptAcquire();
                if (lease.IsAcquired)
                {
                    return null;
                }

                var wait = lastRefill + period - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1);
            }
        }
    }
}

/// <summary>The gate would have waited longer than allowed; the caller should come back after <see cref="RetryAfter"/>.</summary>
internal sealed class UpstreamRateGateException(TimeSpan retryAfter)
    : Exception("Millwright is holding calls to stay within the system's request budget.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
