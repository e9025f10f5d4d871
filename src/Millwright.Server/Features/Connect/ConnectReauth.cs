using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Millwright.Server.Features.Connections;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connect;

/// <summary>
/// Re-authentication from the Connect page, through <see cref="ConnectionCredentialsUpdater"/> (the same path as
/// <c>PUT /v1/connections/{id}/credentials</c>): checked first, stored sealed only when the system accepts them,
/// <c>reauth_required</c> becomes <c>active</c> again and a sync starts. Id, tokens, metadata and records stay.
/// </summary>
internal sealed class ConnectReauth(ConnectionCredentialsUpdater updater)
{
    public Task UpdateAsync(LinkSessionRow session, ConnectionFields fields, CancellationToken cancellationToken) =>
        updater.UpdateAsync(session.AccountId, session.Environment, session.ConnectionId!, ToJson(fields.Credentials), ToJson(fields.Settings), cancellationToken);

    /// <summary>The connection's current settings as form values (credentials are never shown again).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> CurrentSettingsAsync(MillwrightDb db, LinkSessionRow session, CancellationToken cancellationToken)
    {
        var json = await db.Connections.AsNoTracking().Where(c => c.Id == session.ConnectionId).Select(c => c.SettingsJson).FirstOrDefaultAsync(cancellationToken);
        return json is null ? new Dictionary<string, string>() : StoredMaps.ReadMap(json).ToDictionary(p => "settings." + p.Key, p => p.Value, StringComparer.Ordinal);
    }

    private static JsonObject ToJson(IReadOnlyDictionary<string, string> values) =>
        new(values.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
}
