using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Millwright.Connectors.Http;

/// <summary>
/// Keeps each connection inside its vendor's request budget, so a sync never trips the vendor's own limit
/// (which would also throttle the customer's other integrations on the same key). Each connection has a
/// <see cref="RateLimiter"/> (<see cref="BudgetRateLimiter"/> in this process) and a pause set from the vendor's
/// own signals (<c>X-Rate-Limit-Remaining: 0</c>, 429) that holds every call of that connection until the
/// vendor's reset. With an <see cref="ISharedUpstreamBudget"/> (Redis, when the server has it) slots and pauses
/// are taken there, so every node together stays within the budget; the process's own limiter is debited too and
/// takes over while the shared store cannot be reached.
/// </summary>
internal sealed class UpstreamRateGate(TimeProvider time, IOptions<UpstreamHttpOptions> options, ISharedUpstreamBudget? shared = null)
{
    private const int MaxGates = 10_000;
    private readonly ConcurrentDictionary<string, ConnectionGate> gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> stated = new(StringComparer.Ordinal);

    /// <summary>Waits for a slot; throws <see cref="UpstreamRateGateException"/> when the wait would exceed the configured maximum.</summary>
    public async Task AcquireAsync(string connectionId, int requestsPerMinute, CancellationToken cancellationToken)
    {
        var gate = Gate(connectionId, requestsPerMinute);
        var deadline = time.GetUtcNow() + options.Value.MaxRateGateWait;
        while (true)
        {
            var now = time.GetUtcNow();
            var maxWait = deadline > now ? deadline - now : TimeSpan.Zero;
            var (taken, wait) = await TakeAsync(connectionId, gate, now, maxWait, cancellationToken).ConfigureAwait(false);
            if (!taken && now + wait > deadline)
            {
                throw new UpstreamRateGateException(wait);
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            // A vendor pause that began while this call waited for its slot (on any node) voids the slot: the call
            // queues again behind the pause rather than bunching up with the others at its end.
            if (taken && (wait == TimeSpan.Zero || await PausedForAsync(connectionId, gate, cancellationToken).ConfigureAwait(false) is null))
            {
                return;
            }
        }
    }

    /// <summary>Holds every call of the connection for <paramref name="delay"/> (the vendor said its window is used up), on every node when shared.</summary>
    public async ValueTask PauseAsync(string connectionId, TimeSpan delay, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + delay;
        if (gates.TryGetValue(connectionId, out var gate))
        {
            gate.PauseUntil(until);
        }

        if (shared is not null)
        {
            await shared.PauseAsync(connectionId, until, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reserves the next slot when it is due within <paramref name="maxWait"/> (Taken, and how long until it is due),
    /// else says how long to wait before asking again. Reservations serve callers in the order they asked; retrying
    /// until a slot happens to be free did not, and let one node's callers starve for the whole 70 s while the others
    /// kept winning the freed slots.
    /// </summary>
    private async ValueTask<(bool Taken, TimeSpan Wait)> TakeAsync(
        string connectionId, ConnectionGate gate, DateTimeOffset now, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (shared is null || gate.PausedFor(now) is not null)
        {
            return gate.Reserve(now, maxWait);
        }

        var answer = await shared.TryTakeAsync(connectionId, new UpstreamBudget(gate.RequestsPerMinute), maxWait, cancellationToken).ConfigureAwait(false);
        if (!answer.Reached)
        {
            return gate.Reserve(now, maxWait);
        }

        if (answer.Taken)
        {
            // This node's share of the calls also leaves its own bucket, so a fall-back to it never starts with a full burst.
            gate.Debit();
        }

        return (answer.Taken, answer.Wait);
    }

    private async ValueTask<TimeSpan?> PausedForAsync(string connectionId, ConnectionGate gate, CancellationToken cancellationToken) =>
        gate.PausedFor(time.GetUtcNow()) ?? (shared is null ? null : await shared.PausedForAsync(connectionId, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Records the per-minute cap the vendor states for this connection; it replaces the documented default,
    /// so a raised limit is used at once (MaintainX, tag "Rate Limiting": read the headers "to automatically
    /// benefit from any limit increase").
    /// </summary>
    public void Learn(string connectionId, int requestsPerMinute)
    {
        if (stated.Count >= MaxGates)
        {
            stated.Clear();
        }

        stated[connectionId] = requestsPerMinute;
    }

    private ConnectionGate Gate(string connectionId, int requestsPerMinute)
    {
        requestsPerMinute = Math.Max(1, stated.GetValueOrDefault(connectionId, requestsPerMinute));
        if (gates.TryGetValue(connectionId, out var gate) && gate.RequestsPerMinute == requestsPerMinute)
        {
            return gate;
        }

        if (gates.Count >= MaxGates)
        {
            // Idle gates hold full buckets: dropping them loses nothing but pending pauses.
            foreach (var stale in gates.Values)
            {
                stale.Dispose();
            }

            gates.Clear();
        }

        return gates.AddOrUpdate(
            connectionId,
            _ => new ConnectionGate(requestsPerMinute, time),
            (_, existing) => existing.RequestsPerMinute == requestsPerMinute ? existing : existing.WithBudget(requestsPerMinute, time));
    }
}

/// <summary>One connection's limiter and vendor-imposed pause.</summary>
internal sealed class ConnectionGate : IDisposable
{
    private readonly BudgetRateLimiter limiter;
    private readonly Lock sync = new();
    private DateTimeOffset pausedUntil;

    public ConnectionGate(int requestsPerMinute, TimeProvider time)
    {
        RequestsPerMinute = requestsPerMinute;
        limiter = BudgetRateLimiter.PerMinute(requestsPerMinute, time);
    }

    public int RequestsPerMinute { get; }

    /// <summary>A gate with another budget that keeps the vendor-imposed pause of this one.</summary>
    public ConnectionGate WithBudget(int requestsPerMinute, TimeProvider time)
    {
        var gate = new ConnectionGate(requestsPerMinute, time);
        lock (sync)
        {
            gate.PauseUntil(pausedUntil);
        }

        return gate;
    }

    public void PauseUntil(DateTimeOffset until)
    {
        lock (sync)
        {
            if (until > pausedUntil)
            {
                pausedUntil = until;
            }
        }
    }

    /// <summary>How long the vendor still holds this connection's calls, or null.</summary>
    public TimeSpan? PausedFor(DateTimeOffset now)
    {
        lock (sync)
        {
            return pausedUntil > now ? pausedUntil - now : null;
        }
    }

    /// <summary>Takes a slot if one is free, without waiting (the slot was granted elsewhere: the shared budget).</summary>
    public void Debit() => limiter.AttemptAcquire().Dispose();

    /// <summary>
    /// Reserves the next slot when it is due within <paramref name="maxWait"/>: (true, how long until it is due); else,
    /// or while the vendor's pause holds the connection, takes nothing: (false, how long to wait).
    /// </summary>
    public (bool Taken, TimeSpan Wait) Reserve(DateTimeOffset now, TimeSpan maxWait)
    {
        lock (sync)
        {
            if (pausedUntil > now)
            {
                return (false, pausedUntil - now);
            }
        }

        return limiter.Reserve(maxWait);
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>The gate would have waited longer than allowed; the caller should come back after <see cref="RetryAfter"/>.</summary>
internal sealed class UpstreamRateGateException(TimeSpan retryAfter)
    : Exception("Millwright is holding calls to stay within the system's request budget.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
