using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using Millwright.Server.Hosting;

namespace Millwright.Server.Features.Secrets;

/// <summary>
/// The key that seals ASP.NET data-protection keys (they protect the dashboard's session and antiforgery
/// cookies) before they are written to the store's key ring table. Derived (HKDF) from the same master key as
/// the credentials — <c>MILLWRIGHT_ENCRYPTION_KEY</c> when set, else <c>credentials.key</c> in the data folder —
/// so every node that can open credentials can open the key ring, and a copy of the store alone opens neither.
/// </summary>
internal sealed class KeyRingKey
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("millwright/data-protection/key-ring/v1");
    private static readonly byte[] AssociatedData = Encoding.ASCII.GetBytes("millwright data-protection key");
    private readonly byte[] key;

    public KeyRingKey(MillwrightOptions options)
    {
        var master = string.IsNullOrWhiteSpace(options.EncryptionKey)
            ? KeyFile.LoadOrCreate(options.DataDirectory, CredentialProtector.KeyFileName)
            : Convert.FromBase64String(options.EncryptionKey);
        key = HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, salt: [], info: Purpose);
    }

    /// <summary>nonce (12) | tag (16) | ciphertext, AES-256-GCM.</summary>
    public byte[] Seal(byte[] plain)
    {
        var output = new byte[NonceSize + TagSize + plain.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, NonceSize));
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(output.AsSpan(0, NonceSize), plain, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), AssociatedData);
        return output;
    }

    public byte[] Open(byte[] sealedBytes)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed data-protection key is truncated.");
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, AssociatedData);
        return plain;
    }
}

/// <summary>Seals each new data-protection key's XML with <see cref="KeyRingKey"/> (set as <see cref="KeyManagementOptions.XmlEncryptor"/>).</summary>
internal sealed class KeyRingEncryptor(KeyRingKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        try
        {
            var element = new XElement("sealedKey",
                new XComment(" AES-256-GCM under a key derived from the Millwright encryption key "),
                new XElement("value", Convert.ToBase64String(key.Seal(plain))));
            return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}

/// <summary>
/// Opens what <see cref="KeyRingEncryptor"/> sealed. Data protection creates it by type name with the service
/// provider, so it resolves the key from there.
/// </summary>
internal sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var value = encryptedElement.Element("value")?.Value
            ?? throw new CryptographicException("The sealed data-protection key has no value.");
        var plain = services.GetRequiredService<KeyRingKey>().Open(Convert.FromBase64String(value));
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plain));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}

internal sealed class KeyRingEncryptionSetup(KeyRingKey key) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options) => options.XmlEncryptor = new KeyRingEncryptor(key);
}
