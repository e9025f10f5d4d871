using Microsoft.EntityFrameworkCore;
using Millwright.Client.Connections;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Features.Sync;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connect;

/// <summary>
/// Re-authentication from the Connect page: the new credentials are checked against the system first;
/// only then are they sealed in place of the old ones, the connection goes back to <c>syncing</c> (raising
/// <c>StatusChanged</c>) and a sync starts. Id, tokens, metadata and records stay as they are.
/// </summary>
internal sealed partial class ConnectReauth(
    MillwrightDb db,
    ConnectorRegistry registry,
    CredentialProtector protector,
    ConnectionEvents events,
    ISyncScheduler scheduler,
    TimeProvider time,
    ILogger<ConnectReauth> logger)
{
    public async Task UpdateAsync(LinkSessionRow session, ConnectionFields fields, CancellationToken cancellationToken)
    {
        var row = await db.Connections.AsTracking()
            .FirstOrDefaultAsync(c => c.Id == session.ConnectionId && c.AccountId == session.AccountId && c.Environment == session.Environment && c.DeletedAt == null, cancellationToken)
            ?? throw ApiException.NotFound($"Connection '{session.ConnectionId}'");
        var connector = registry.Find(row.System) ?? throw ApiException.NotFound($"System '{row.System}'");

        using (var budget = new CancellationTokenSource(ConnectionCreator.CheckBudget, time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token))
        {
            ConnectorResult<ConnectionCheck> check;
            try
            {
                check = await connector.CheckAsync(new ConnectionContext(row.Id, row.Environment, fields.Settings, fields.Credentials), linked.Token);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw ConnectionCheckErrors.Timeout(connector.Descriptor.Name);
            }

            if (check.Failure is { } failure)
            {
                throw ConnectionCheckErrors.ToApiException(failure);
            }
        }

        var now = StoreTime.Now(time);
        var before = row.Status;
        await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
        {
            row.SettingsJson = ConnectionMapping.WriteMap(fields.Settings);
            row.CredentialsCipher = protector.Protect(row.Id, fields.Credentials);
            row.Status = ConnectionStatuses.Syncing;
            row.LastError = null;
            row.UpdatedAt = now;
            await events.StatusChangedAsync(db, row, before, now, "credentials_updated", CancellationToken.None);
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        await scheduler.StartAsync(row.Id, SyncTrigger.Manual, CancellationToken.None);
        LogUpdated(row.Id, before);
    }

    /// <summary>The connection's current settings as form values (credentials are never shown again).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> CurrentSettingsAsync(MillwrightDb db, LinkSessionRow session, CancellationToken cancellationToken)
    {
        var json = await db.Connections.AsNoTracking().Where(c => c.Id == session.ConnectionId).Select(c => c.SettingsJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? new Dictionary<string, string>() : ConnectionMapping.ReadMap(json).ToDictionary(p => "settings." + p.Key, p => p.Value, StringComparer.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} re-authenticated from the Connect page (was {StatusBefore})")]
    private partial void LogUpdated(string connectionId, string statusBefore);
}
