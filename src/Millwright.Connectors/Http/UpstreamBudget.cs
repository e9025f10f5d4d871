namespace Millwright.Connectors.Http;

/// <summary>
/// The shape of a connection's vendor budget of <see cref="RequestsPerMinute"/>: a tenth as burst, the rest evenly
/// spread, so that no 60 seconds ever see more than the budget (<c>Burst + 1 minute / Period</c> ≤ the budget).
/// One definition for the per-process limiter and any shared one.
/// </summary>
/// <param name="RequestsPerMinute">The vendor's limit for one connection (at least 1).</param>
public readonly record struct UpstreamBudget(int RequestsPerMinute)
{
    /// <summary>Slots that may be taken at once after a quiet spell.</summary>
    public int Burst => Math.Max(1, RequestsPerMinute / 10);

    /// <summary>The time one slot takes to come back.</summary>
    public TimeSpan Period => TimeSpan.FromMinutes(1) / Math.Max(1, RequestsPerMinute - Burst);
}

/// <summary>
/// A vendor budget shared by every process that calls the vendor for the same connection (the server provides
/// one on Redis when it is configured). Without one, each process keeps its own, so N nodes may spend N times it.
/// </summary>
public interface ISharedUpstreamBudget
{
    /// <summary>
    /// Reserves the connection's next slot when it is due within <paramref name="maxWait"/> and says how long until it
    /// is (callers on every node are served in the order they asked); otherwise, or while a vendor pause holds the
    /// connection, takes nothing and says how long to wait. Answers <see cref="SharedBudgetAnswer.Unavailable"/> when
    /// the shared store cannot be reached, and the caller then counts in its own process.
    /// </summary>
    ValueTask<SharedBudgetAnswer> TryTakeAsync(string connectionId, UpstreamBudget budget, TimeSpan maxWait, CancellationToken cancellationToken);

    /// <summary>Holds every process's calls of the connection until <paramref name="until"/> (the vendor said its window is used up).</summary>
    ValueTask PauseAsync(string connectionId, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>How long a vendor pause (set by any process) still holds the connection's calls; null when none does or the store cannot be reached.</summary>
    ValueTask<TimeSpan?> PausedForAsync(string connectionId, CancellationToken cancellationToken);
}

/// <summary>What <see cref="ISharedUpstreamBudget.TryTakeAsync"/> answered.</summary>
/// <param name="Reached">Whether the shared store answered at all.</param>
/// <param name="Taken">Whether a slot was reserved for the caller.</param>
/// <param name="Wait">When taken, how long until the slot is due; else how long to wait before asking again.</param>
public readonly record struct SharedBudgetAnswer(bool Reached, bool Taken, TimeSpan Wait)
{
    /// <summary>The shared store cannot be reached: count in this process.</summary>
    public static SharedBudgetAnswer Unavailable => new(false, false, TimeSpan.Zero);

    /// <summary>A slot was reserved; the call may go after <paramref name="wait"/>.</summary>
    public static SharedBudgetAnswer Reserved(TimeSpan wait) => new(true, true, wait);

    /// <summary>Nothing was taken: no slot before <paramref name="wait"/> has passed (or a pause holds the connection that long).</summary>
    public static SharedBudgetAnswer WaitFor(TimeSpan wait) => new(true, false, wait);
}
