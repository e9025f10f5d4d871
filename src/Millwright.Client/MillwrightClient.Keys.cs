using Millwright.Client.Keys;
using Millwright.Client.Models;

namespace Millwright.Client;

// Secret keys of the caller's environment (secret key).
public sealed partial class MillwrightClient
{
    /// <summary>Lists the active secret keys of the key's environment (never their secrets). Secret key.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<Page<ApiKey>>(HttpMethod.Get, "v1/api-keys", null, cancellationToken).ConfigureAwait(false)).Data;

    /// <summary>Issues a secret key of the key's environment; its secret is in the answer this once. Secret key.</summary>
    public Task<CreatedApiKey> CreateApiKeyAsync(CreateApiKeyRequest? request = null, CancellationToken cancellationToken = default) =>
        SendAsync<CreatedApiKey>(HttpMethod.Post, "v1/api-keys", request ?? new CreateApiKeyRequest(), cancellationToken);

    /// <summary>Revokes a secret key at once; a key cannot revoke itself. Secret key.</summary>
    public Task RevokeApiKeyAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"v1/api-keys/{Uri.EscapeDataString(id)}", null, cancellationToken);

    /// <summary>
    /// Rotates a secret key: issues a successor (shown this once) and keeps the old key working for the grace
    /// period (24 hours by default, 0 revokes it now, at most 7 days). Secret key.
    /// </summary>
    public Task<RotatedApiKey> RotateApiKeyAsync(string id, RotateRequest? request = null, CancellationToken cancellationToken = default) =>
        SendAsync<RotatedApiKey>(HttpMethod.Post, $"v1/api-keys/{Uri.EscapeDataString(id)}/rotate", request ?? new RotateRequest(), cancellationToken);
}
