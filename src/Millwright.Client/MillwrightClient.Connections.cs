using Millwright.Client.Connections;
using Millwright.Client.Models;

namespace Millwright.Client;

// Connections, their tokens and the systems they can connect to (secret key), plus the connection
// a token belongs to (connection token).
public sealed partial class MillwrightClient
{
    /// <summary>Lists the systems Millwright can connect to, with the fields a connection needs. Secret key.</summary>
    public async Task<IReadOnlyList<SupportedSystem>> ListSystemsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<Page<SupportedSystem>>(HttpMethod.Get, "v1/systems", null, cancellationToken).ConfigureAwait(false)).Data;

    /// <summary>Describes one system. Secret key.</summary>
    public Task<SupportedSystem> GetSystemAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<SupportedSystem>(HttpMethod.Get, $"v1/systems/{Uri.EscapeDataString(id)}", null, cancellationToken);

    /// <summary>
    /// Checks the settings and credentials against the system, then stores the connection, starts its first
    /// sync and issues its first token (shown this once). Nothing is stored when the check fails. Secret key.
    /// </summary>
    public Task<ConnectionCreated> CreateConnectionAsync(CreateConnectionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ConnectionCreated>(HttpMethod.Post, "v1/connections", request, cancellationToken);

    /// <summary>Lists the connections of the key's environment, newest first. Secret key.</summary>
    public Task<Page<Connection>> ListConnectionsAsync(ListConnectionsOptions? options = null, CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string?>>
        {
            new("limit", options?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("cursor", options?.Cursor),
            new("status", options?.Status),
            new("system", options?.System),
        };
        foreach (var (key, value) in options?.Metadata ?? new Dictionary<string, string>())
        {
            query.Add(new($"metadata[{key}]", value));
        }

        return SendAsync<Page<Connection>>(HttpMethod.Get, WithQuery("v1/connections", query), null, cancellationToken);
    }

    /// <summary>Gets one connection. Secret key.</summary>
    public Task<Connection> GetConnectionAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<Connection>(HttpMethod.Get, ConnectionPath(id), null, cancellationToken);

    /// <summary>Changes a connection's metadata or sync interval. Secret key.</summary>
    public Task<Connection> UpdateConnectionAsync(string id, UpdateConnectionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<Connection>(HttpMethod.Patch, ConnectionPath(id), request, cancellationToken);

    /// <summary>
    /// Replaces a connection's credentials after the system accepted them (nothing is stored otherwise);
    /// a connection waiting for re-authentication becomes usable again and syncs at once. Secret key.
    /// </summary>
    public Task<Connection> UpdateCredentialsAsync(string id, UpdateCredentialsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<Connection>(HttpMethod.Put, ConnectionPath(id) + "/credentials", request, cancellationToken);

    /// <summary>The secret key's account in its environment, with its rate limits. Secret key.</summary>
    public Task<Accounts.AccountSettings> GetAccountAsync(CancellationToken cancellationToken = default) =>
        SendAsync<Accounts.AccountSettings>(HttpMethod.Get, "v1/account", null, cancellationToken);

    /// <summary>Changes the account's settings in the key's environment (its rate limit). Secret key.</summary>
    public Task<Accounts.AccountSettings> UpdateAccountAsync(Accounts.UpdateAccountRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<Accounts.AccountSettings>(HttpMethod.Patch, "v1/account", request, cancellationToken);

    /// <summary>Deletes a connection: stops its syncs, revokes its tokens at once and deletes its data. Secret key.</summary>
    public Task DeleteConnectionAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, ConnectionPath(id), null, cancellationToken);

    /// <summary>Issues a connection token; its secret is in the answer this once. Secret key.</summary>
    public Task<CreatedConnectionToken> CreateConnectionTokenAsync(string connectionId, CreateConnectionTokenRequest? request = null, CancellationToken cancellationToken = default) =>
        SendAsync<CreatedConnectionToken>(HttpMethod.Post, ConnectionPath(connectionId) + "/tokens", request ?? new CreateConnectionTokenRequest(), cancellationToken);

    /// <summary>Lists a connection's active tokens (never their secrets). Secret key.</summary>
    public Task<Page<ConnectionToken>> ListConnectionTokensAsync(string connectionId, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        SendAsync<Page<ConnectionToken>>(HttpMethod.Get, WithQuery(ConnectionPath(connectionId) + "/tokens",
        [
            new("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("cursor", cursor),
        ]), null, cancellationToken);

    /// <summary>Revokes a connection token; the next call with it is refused with 401. Secret key.</summary>
    public Task RevokeConnectionTokenAsync(string connectionId, string tokenId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"{ConnectionPath(connectionId)}/tokens/{Uri.EscapeDataString(tokenId)}", null, cancellationToken);

    /// <summary>
    /// Rotates a connection token: issues a successor with the same name, scopes and expiry (shown this once)
    /// and keeps the old token working for the grace period (24 hours by default, 0 revokes it now, at most 7 days). Secret key.
    /// </summary>
    public Task<Keys.RotatedConnectionToken> RotateConnectionTokenAsync(string connectionId, string tokenId, Keys.RotateRequest? request = null,
        CancellationToken cancellationToken = default) =>
        SendAsync<Keys.RotatedConnectionToken>(HttpMethod.Post, $"{ConnectionPath(connectionId)}/tokens/{Uri.EscapeDataString(tokenId)}/rotate",
            request ?? new Keys.RotateRequest(), cancellationToken);

    /// <summary>
    /// The connection this client works on: a connection token's own, or with a secret key the one named
    /// with <see cref="ForConnection"/>.
    /// </summary>
    public Task<Connection> GetCurrentConnectionAsync(CancellationToken cancellationToken = default) =>
        SendAsync<Connection>(HttpMethod.Get, "v1/connection", null, cancellationToken);

    private static string ConnectionPath(string id) => $"v1/connections/{Uri.EscapeDataString(id)}";
}
