using Microsoft.EntityFrameworkCore;
using Millwright.Client.Connections;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Features.Sync;
using Millwright.Server.Hosting;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connections;

/// <summary>
/// Creates a connection: check against the system first, store only on success, then hand it to the
/// sync engine. Used by <c>POST /v1/connections</c> and (later) by the Connect page.
/// </summary>
internal sealed partial class ConnectionCreator(
    MillwrightDb db,
    CredentialProtector protector,
    ConnectionTokenIssuer tokens,
    ISyncScheduler scheduler,
    ConnectionEvents events,
    TimeProvider time,
    AccountCaps caps,
    ILogger<ConnectionCreator> logger)
{
    public async Task<ConnectionCreated> CreateAsync(string accountId, string environment, ValidatedConnection input, CancellationToken cancellationToken)
    {
        // Before the check against the system: a full account costs no upstream call.
        await caps.ThrowIfConnectionsFullAsync(accountId, environment, cancellationToken);
        var system = input.Connector.Descriptor;
        var id = Ids.New("conn");
        var check = await ConnectionCheckErrors.CheckAsync(input.Connector, new ConnectionContext(id, environment, input.Fields.Settings, input.Fields.Credentials, accountId), time, cancellationToken);
        if (check.Failure is { } failure)
        {
            LogCheckFailed(system.Id, environment, failure.Category, failure.Code);
            throw ConnectionCheckErrors.ToApiException(failure);
        }

        var now = StoreTime.Now(time);
        CreatedConnectionToken token;
        var row = new ConnectionRow
        {
            Id = id,
            AccountId = accountId,
            Environment = environment,
            System = system.Id,
            Status = ConnectionStatuses.Syncing,
            DisplayName = check.Value?.DisplayName,
            SettingsJson = StoredMaps.WriteMap(input.Fields.Settings),
            CredentialsCipher = protector.Protect(id, input.Fields.Credentials),
            MetadataJson = StoredMaps.WriteMap(input.Metadata),
            SyncIntervalMinutes = input.SyncIntervalMinutes,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Connections.Add(row);
            var issued = tokens.Issue(row, "default", Scopes.All, null);
            await events.RaiseAsync(db, new ConnectionChange(ConnectionChangeKind.Created, row, now), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            token = issued;
        }

        // Stored: from here on a client that hangs up must not leave a connection without a schedule.
        try
        {
            await scheduler.ScheduleAsync(id, row.SyncIntervalMinutes, CancellationToken.None);
            await scheduler.StartAsync(id, SyncTrigger.Initial, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // Without a schedule the connection would never sync: undo it rather than hand out a dead one.
            LogSchedulingFailed(ex, id);
            await db.ConnectionTokens.Where(t => t.ConnectionId == id).ExecuteDeleteAsync(CancellationToken.None);
            await db.Connections.Where(c => c.Id == id).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        LogCreated(id, system.Id, environment);
        return new ConnectionCreated(row.ToWire(), token);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} to {System} created in {Environment}")]
    private partial void LogCreated(string connectionId, string system, string environment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Credential check against {System} in {Environment} failed: {Category} {Code}; nothing stored")]
    private partial void LogCheckFailed(string system, string environment, FailureCategory category, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduling the syncs of new connection {ConnectionId} failed; the connection was removed again")]
    private partial void LogSchedulingFailed(Exception ex, string connectionId);
}
