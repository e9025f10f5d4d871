using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Features.Sync;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connections;

/// <summary>
/// Replaces a connection's credentials (and, optionally, some settings) the way create stores them: checked
/// against the system first, stored sealed only when it accepts them. A connection the system had rejected
/// (<c>reauth_required</c>) or that was failing (<c>degraded</c>) becomes <c>active</c> again (<c>syncing</c> when it
/// never finished a sync) and syncs at once. Used by <c>PUT /v1/connections/{id}/credentials</c> and by the
/// Connect page's re-authentication.
/// </summary>
internal sealed partial class ConnectionCredentialsUpdater(
    MillwrightDb db,
    ConnectorRegistry registry,
    CredentialProtector protector,
    ISyncScheduler scheduler,
    ConnectionEvents events,
    TimeProvider time,
    ILogger<ConnectionCredentialsUpdater> logger)
{
    /// <summary>Checks and stores new credentials of a connection of <paramref name="accountId"/> in <paramref name="environment"/>.</summary>
    /// <param name="credentials">Credential fields as sent (all of the system's required ones).</param>
    /// <param name="settings">Setting fields to change; null or omitted ones keep their stored value.</param>
    public async Task<ConnectionRow> UpdateAsync(
        string accountId, string environment, string connectionId, JsonObject? credentials, JsonObject? settings, CancellationToken cancellationToken)
    {
        var row = await db.Connections.AsTracking()
            .FirstOrDefaultAsync(c => c.Id == connectionId && c.AccountId == accountId && c.Environment == environment && c.DeletedAt == null, cancellationToken)
            ?? throw ApiException.NotFound($"Connection '{connectionId}'");
        var connector = registry.Find(row.System) ?? throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.UnknownSystem,
            $"Millwright has no connector for the system '{row.System}' any more.");

        var errors = new List<ErrorDetail>();
        if (credentials is null)
        {
            errors.Add(new ErrorDetail("credentials", "credentials is required: the system's credential fields (GET /v1/systems)."));
        }

        var merged = new Dictionary<string, string?>(StoredMaps.ReadMap(row.SettingsJson).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)), StringComparer.Ordinal);
        foreach (var (key, value) in ConnectionInput.ReadStrings(settings, "settings", errors))
        {
            merged[key] = value;
        }

        var fields = ConnectionInput.CheckFields(connector.Descriptor, merged, ConnectionInput.ReadStrings(credentials, "credentials", errors), errors);
        ConnectionInput.ThrowIfAny(errors);

        var check = await ConnectionCheckErrors.CheckAsync(connector, new ConnectionContext(row.Id, row.Environment, fields.Settings, fields.Credentials, row.AccountId), time, cancellationToken);
        if (check.Failure is { } failure)
        {
            LogCheckFailed(row.Id, failure.Category, failure.Code);
            throw ConnectionCheckErrors.ToApiException(failure);
        }

        var now = StoreTime.Now(time);
        var before = row.Status;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            row.SettingsJson = StoredMaps.WriteMap(fields.Settings);
            row.CredentialsCipher = protector.Protect(row.Id, fields.Credentials);
            row.DisplayName = check.Value?.DisplayName ?? row.DisplayName;
            if (row.Status is ConnectionStatuses.ReauthRequired or ConnectionStatuses.Degraded)
            {
                row.Status = row.LastSyncedAt is null ? ConnectionStatuses.Syncing : ConnectionStatuses.Active;
                row.LastError = null;
                ConnectionHealthState.RecordSuccess(row);
            }

            row.UpdatedAt = now;
            await events.StatusChangedAsync(db, row, before, now, "credentials_updated", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        LogUpdated(row.Id, before, row.Status);
        if (before is ConnectionStatuses.ReauthRequired or ConnectionStatuses.Degraded)
        {
            // Stored already: catch up at once even if the client hangs up (a run in progress makes this a no-op).
            await scheduler.StartAsync(row.Id, SyncTrigger.Manual, CancellationToken.None);
        }

        return row;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId}: new credentials accepted ({Before} -> {After})")]
    private partial void LogUpdated(string connectionId, string before, string after);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId}: new credentials refused by the check ({Category} {Code}); nothing stored")]
    private partial void LogCheckFailed(string connectionId, FailureCategory category, string code);
}
