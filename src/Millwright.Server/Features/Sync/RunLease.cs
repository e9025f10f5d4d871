using Microsoft.EntityFrameworkCore;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Sync;

/// <summary>
/// Which worker executes a run. A worker claims a queued run (or a running one whose lease expired, or
/// was released by a node that shut down) with one conditional UPDATE, so that of two Hangfire jobs for
/// the same run — a re-queue after a restart, a job Hangfire delivered twice — exactly one proceeds. It
/// renews the lease while it works; losing it (the run was cancelled, or taken over after a stall)
/// stops the worker before its next write.
/// </summary>
internal static class RunLease
{
    public static async Task<bool> TryClaimAsync(MillwrightDb db, string runId, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) =>
        await db.SyncRuns
            .Where(r => r.Id == runId
                && (r.Status == SyncValues.Queued || r.Status == SyncValues.Running)
                && (r.LeaseExpiresAt == null || r.LeaseExpiresAt < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, SyncValues.Running)
                .SetProperty(r => r.LeaseOwner, owner)
                .SetProperty(r => r.LeaseExpiresAt, now + duration)
                .SetProperty(r => r.StartedAt, r => r.StartedAt ?? now), cancellationToken) == 1;

    /// <summary>Extends the lease; false when the run is no longer this worker's to run.</summary>
    public static async Task<bool> RenewAsync(MillwrightDb db, RunState run, DateTimeOffset until, CancellationToken cancellationToken) =>
        await Owned(db, run).ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, until), cancellationToken) == 1;

    /// <summary>
    /// The guard every page write starts with, inside its transaction: the run is still running under this
    /// worker's lease and its connection still exists. The UPDATE also locks the run row (PostgreSQL) or the
    /// store (SQLite) until commit, so a concurrent <see cref="SyncScheduler.StopAsync"/> waits for the page
    /// and then cancels; no page is written after it returns.
    /// </summary>
    public static async Task<bool> EnterPageAsync(MillwrightDb db, RunState run, string entity, DateTimeOffset until, CancellationToken cancellationToken) =>
        await Owned(db, run)
            .Where(r => db.Connections.Any(c => c.Id == r.ConnectionId && c.DeletedAt == null))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.LeaseExpiresAt, until)
                .SetProperty(r => r.CurrentEntity, entity), cancellationToken) == 1;

    /// <summary>Gives the run back (this node is shutting down) so that the next worker can resume it at once.</summary>
    public static Task ReleaseAsync(MillwrightDb db, RunState run, CancellationToken cancellationToken) =>
        Owned(db, run).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.LeaseOwner, (string?)null)
            .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);

    private static IQueryable<SyncRunRow> Owned(MillwrightDb db, RunState run) =>
        db.SyncRuns.Where(r => r.Id == run.Id && r.Status == SyncValues.Running && r.LeaseOwner == run.Owner);
}

/// <summary>This host's identity as a lease owner.</summary>
internal sealed class SyncWorker
{
    public string Id { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():n}";
}

/// <summary>Store errors the engine expects and handles.</summary>
internal static class StoreErrors
{
    /// <summary>
    /// A unique index refused the write (SQLite constraint 2067/1555, PostgreSQL 23505): through EF (wrapped in a
    /// <see cref="DbUpdateException"/>) or from a plain statement (<see cref="Records.RecordBatch"/>).
    /// </summary>
    public static bool IsUniqueViolation(Exception exception) => (exception is DbUpdateException ? exception.InnerException : exception) switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
