using Microsoft.EntityFrameworkCore;
using Millwright.Client.Connections;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Connections;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Writes;

/// <summary>
/// A write the system refused for its credentials moves the connection to <c>reauth_required</c>, as a sync run would:
/// the failure is recorded on the connection's health, a <c>connection.status_changed</c> event goes out, syncs and
/// further writes wait for new credentials (<c>PUT /v1/connections/{id}/credentials</c>).
/// </summary>
internal sealed class WriteCredentialFailures(MillwrightDb db, ConnectionEvents events, TimeProvider time)
{
    public async Task MarkReauthRequiredAsync(string connectionId, ConnectorFailure failure, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == connectionId && c.DeletedAt == null, cancellationToken);
        if (connection is null || connection.Status is ConnectionStatuses.Disabled or ConnectionStatuses.ReauthRequired)
        {
            return;
        }

        var now = StoreTime.Now(time);
        var before = connection.Status;
        ConnectionHealthState.RecordFailure(connection, failure.Code, failure.Message, now);
        connection.Status = ConnectionStatuses.ReauthRequired;
        connection.UpdatedAt = now;
        await events.StatusChangedAsync(db, connection, before, now, failure.Code, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
