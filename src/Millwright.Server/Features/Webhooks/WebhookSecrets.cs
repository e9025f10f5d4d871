using System.Security.Cryptography;
using Millwright.Server.Features.Secrets;

namespace Millwright.Server.Features.Webhooks;

/// <summary>
/// Signing secrets: <c>whsec_</c> + base64 of 32 random bytes (Standard Webhooks). Millwright must sign
/// with them, so they are sealed (not hashed) with the credential key, bound to the endpoint id.
/// </summary>
internal sealed class WebhookSecrets(CredentialProtector protector)
{
    private const string Field = "signing_secret";

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public byte[] Seal(string endpointId, string secret) => protector.Protect(endpointId, new Dictionary<string, string> { [Field] = secret });

    public string Open(string endpointId, byte[] sealedSecret) => protector.Unprotect(endpointId, sealedSecret)[Field];

    /// <summary>The secrets to sign with now: the current one, and the previous one during its grace period.</summary>
    public IReadOnlyList<string> SigningSecrets(WebhookEndpointRow endpoint, DateTimeOffset now) =>
        endpoint.PreviousSecretCipher is { } previous && endpoint.PreviousSecretExpiresAt > now
            ? [Open(endpoint.Id, endpoint.SecretCipher), Open(endpoint.Id, previous)]
            : [Open(endpoint.Id, endpoint.SecretCipher)];
}
