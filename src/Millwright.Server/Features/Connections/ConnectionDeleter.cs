using Microsoft.EntityFrameworkCore;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Sync;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connections;

/// <summary>
/// Deletes a connection. Order matters: the connection is marked deleted and its tokens revoked in one
/// commit first, so every credential for it stops working at once and a sync still in flight sees the
/// deletion; then syncs are stopped; then its data is removed. The row itself stays (with its
/// credentials wiped) as a tombstone, so ids are never reused and logs still resolve.
/// </summary>
internal sealed partial class ConnectionDeleter(MillwrightDb db, ISyncScheduler scheduler, ConnectionEvents events, TimeProvider time, ILogger<ConnectionDeleter> logger)
{
    public async Task DeleteAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var row = await db.ConnectionsVisibleTo(caller).AsTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw ApiException.NotFound($"Connection '{id}'");

        var now = StoreTime.Now(time);
        // Past this point the client hanging up must not leave a half-deleted connection.
        var ct = CancellationToken.None;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            row.DeletedAt = now;
            row.UpdatedAt = now;
            row.CredentialsCipher = [];
            await db.SaveChangesAsync(ct);
            await db.ConnectionTokens.Where(t => t.ConnectionId == id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
            await events.RaiseAsync(db, new ConnectionChange(ConnectionChangeKind.Deleted, row, now), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        await scheduler.StopAsync(id, ct);
        var records = await db.Records.Where(r => r.ConnectionId == id).ExecuteDeleteAsync(ct);
        await db.SyncCheckpoints.Where(c => c.ConnectionId == id).ExecuteDeleteAsync(ct);
        await db.SyncRuns.Where(r => r.ConnectionId == id).ExecuteDeleteAsync(ct);
        LogDeleted(id, records);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} deleted with {Records} records; its tokens are revoked")]
    private partial void LogDeleted(string connectionId, int records);
}
