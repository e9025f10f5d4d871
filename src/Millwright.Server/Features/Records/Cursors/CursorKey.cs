using System.Security.Cryptography;
using System.Text;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Hosting;

namespace Millwright.Server.Features.Records.Cursors;

/// <summary>
/// The key that signs list cursors. Derived (HKDF) from <c>MILLWRIGHT_ENCRYPTION_KEY</c> when it is set,
/// so every node of a scaled-out deployment accepts the others' cursors without another secret to
/// distribute; otherwise kept in <c>cursor.key</c> in the data folder (owner-only), so cursors survive restarts.
/// </summary>
internal sealed class CursorKey
{
    private const string FileName = "cursor.key";
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("millwright/records/cursor-signing/v1");

    public CursorKey(byte[] bytes)
    {
        if (bytes.Length < 32)
        {
            throw new ArgumentException("The cursor key needs at least 32 bytes.", nameof(bytes));
        }

        Bytes = bytes;
    }

    public byte[] Bytes { get; }

    public static CursorKey Load(MillwrightOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.EncryptionKey))
        {
            var master = Convert.FromBase64String(options.EncryptionKey);
            return new CursorKey(HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32, salt: [], info: Purpose));
        }

        return new CursorKey(KeyFile.LoadOrCreate(options.DataDirectory, FileName));
    }
}
