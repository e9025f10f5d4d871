using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;

namespace Millwright.Server.Features.Secrets;

/// <summary>
/// Seals connection credentials with AES-256-GCM. Layout: version byte (1) | 12-byte nonce | 16-byte tag | ciphertext.
/// The connection id is bound in as associated data, so a sealed blob copied onto another row does not open.
/// The key comes from <c>MILLWRIGHT_ENCRYPTION_KEY</c> (base64, 32 bytes) or from a key file created on
/// first run in the data folder with owner-only permissions.
/// </summary>
public sealed class CredentialProtector
{
    /// <summary>The key file in the data folder when no key is configured.</summary>
    public const string KeyFileName = "credentials.key";

    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] key;

    public CredentialProtector(MillwrightOptions options)
    {
        key = LoadKey(options);
    }

    public byte[] Protect(string connectionId, IReadOnlyDictionary<string, string> credentials)
    {
        var plain = JsonSerializer.SerializeToUtf8Bytes(credentials);
        var output = new byte[1 + NonceSize + TagSize + plain.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(connectionId));
        CryptographicOperations.ZeroMemory(plain);
        return output;
    }

    public IReadOnlyDictionary<string, string> Unprotect(string connectionId, byte[] sealedCredentials)
    {
        if (sealedCredentials.Length < 1 + NonceSize + TagSize || sealedCredentials[0] != Version)
        {
            throw new CryptographicException("Unknown credential format.");
        }

        var cipher = sealedCredentials.AsSpan(1 + NonceSize + TagSize);
        var plain = new byte[cipher.Length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedCredentials.AsSpan(1, NonceSize), cipher, sealedCredentials.AsSpan(1 + NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(connectionId));
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(plain) ?? [];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>What a connector needs to talk to the connection's system.</summary>
    public ConnectionContext ContextFor(ConnectionRow connection) => new(
        connection.Id,
        connection.Environment,
        JsonSerializer.Deserialize<Dictionary<string, string>>(connection.SettingsJson) ?? [],
        Unprotect(connection.Id, connection.CredentialsCipher),
        connection.AccountId);

    /// <summary>
    /// A key for <paramref name="purpose"/> derived from the installation's key (HMAC-SHA256), so that every
    /// node with the same key derives the same one and none reveals the key itself.
    /// </summary>
    public byte[] DeriveKey(string purpose) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("millwright:" + purpose));

    private static byte[] LoadKey(MillwrightOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.EncryptionKey))
        {
            var configured = Convert.FromBase64String(options.EncryptionKey);
            return configured.Length == 32
                ? configured
                : throw new InvalidOperationException("MILLWRIGHT_ENCRYPTION_KEY must be 32 bytes, base64-encoded.");
        }

        return KeyFile.LoadOrCreate(options.DataDirectory, KeyFileName);
    }
}
