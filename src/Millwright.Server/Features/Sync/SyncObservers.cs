using Millwright.Client.Models;
using Millwright.Server.Features.Records;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Sync;

/// <summary>
/// Extension point for features that react to what a sync finds (webhook events, issue 7). Register
/// implementations in DI; the engine calls every one of them.
/// </summary>
internal interface ISyncObserver
{
    /// <summary>
    /// Called inside a page's transaction, after the records are written and before it commits. Whatever
    /// the observer adds to <paramref name="db"/> (an outbox of events, say) commits or rolls back together
    /// with the records and the checkpoint, so a change is reported exactly when it is stored. Never called
    /// for a page without changes.
    /// </summary>
    Task OnPageWritingAsync(MillwrightDb db, SyncPageChanges page, CancellationToken cancellationToken);

    /// <summary>Called once a run has reached its final status (committed). Failures are logged and ignored.</summary>
    Task OnRunFinishedAsync(SyncRunFinished finished, CancellationToken cancellationToken);
}

internal enum RecordChangeKind
{
    Created,
    Updated,
    Deleted,
}

/// <summary>One record the page created, changed or deleted; <see cref="Record"/> is the row as it will be stored.</summary>
internal sealed record RecordChange(RecordChangeKind Kind, RecordRow Record);

/// <summary>The changes of one page of one entity.</summary>
internal sealed record SyncPageChanges(string RunId, string ConnectionId, Entity Entity, DateTimeOffset At, IReadOnlyList<RecordChange> Changes);

/// <summary>A run's final row, what it did to the connection's status, and the connection's system (null when the connection is gone).</summary>
internal sealed record SyncRunFinished(SyncRunRow Run, string? ConnectionStatusBefore, string? ConnectionStatusAfter, string? System = null);
