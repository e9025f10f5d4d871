using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Sync;

/// <summary>
/// Sync runs of a connection visible to the caller: start one by hand, list them, get one. Used by
/// <see cref="SyncEndpoints"/> and the dashboard alike.
/// </summary>
internal sealed class SyncRunService(MillwrightDb db, SyncScheduler scheduler, TimeProvider time)
{
    /// <summary>Queues a manual run; 409 while one is queued or running, or while the credentials are rejected.</summary>
    public async Task<SyncRun> StartAsync(Caller caller, string id, SyncKind? kind, CancellationToken cancellationToken)
    {
        await RequireConnectionAsync(caller, id, cancellationToken);
        // Credentials the system rejected stay rejected: a run would only fail again (issue 6).
        if (await db.Connections.AnyAsync(c => c.Id == id && c.Status == ConnectionStatus.ReauthRequired, cancellationToken))
        {
            throw ConnectionReadiness.ReauthRequired(id);
        }

        var runId = await scheduler.StartAsync(id, SyncTrigger.Manual, kind, cancellationToken);
        if (runId is null)
        {
            var active = await db.SyncRuns.AsNoTracking()
                .Where(r => r.ConnectionId == id && (r.Status == SyncValues.Queued || r.Status == SyncValues.Running))
                .Select(r => r.Id).FirstOrDefaultAsync(cancellationToken);
            throw new ApiException(StatusCodes.Status409Conflict, ErrorCodes.SyncAlreadyRunning,
                active is null
                    ? "A sync of this connection is already queued or running; wait for it to finish."
                    : $"Sync run {active} of this connection is already queued or running; wait for it to finish.");
        }

        var run = await db.SyncRuns.AsNoTracking().FirstAsync(r => r.Id == runId, cancellationToken);
        return run.ToWire(SyncClock.Now(time));
    }

    /// <summary>The connection's runs, newest first.</summary>
    public async Task<Page<SyncRun>> ListAsync(Caller caller, string id, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var take = NewestFirstCursor.Limit(limit);
        var after = NewestFirstCursor.Decode(cursor, $"runs|{id}");
        await RequireConnectionAsync(caller, id, cancellationToken);

        var query = db.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == id);
        if (after is { } position)
        {
            query = query.Where(r => r.CreatedAt < position.CreatedAt || (r.CreatedAt == position.CreatedAt && string.Compare(r.Id, position.Id) < 0));
        }

        var rows = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(take + 1).ToListAsync(cancellationToken);
        var now = SyncClock.Now(time);
        var next = rows.Count > take ? new NewestFirstCursor(rows[take - 1].CreatedAt, rows[take - 1].Id).Encode($"runs|{id}") : null;
        return new Page<SyncRun>([.. rows.Take(take).Select(r => r.ToWire(now))], next);
    }

    public async Task<SyncRun> GetAsync(Caller caller, string id, string runId, CancellationToken cancellationToken)
    {
        await RequireConnectionAsync(caller, id, cancellationToken);
        var row = await db.SyncRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.ConnectionId == id, cancellationToken)
            ?? throw ApiException.NotFound($"Sync run '{runId}'");
        return row.ToWire(SyncClock.Now(time));
    }

    /// <summary>The connection must exist, not be deleted, and belong to the caller's account and environment.</summary>
    private async Task RequireConnectionAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        if (!await db.ConnectionsVisibleTo(caller).AnyAsync(c => c.Id == id, cancellationToken))
        {
            throw ApiException.NotFound($"Connection '{id}'");
        }
    }
}
