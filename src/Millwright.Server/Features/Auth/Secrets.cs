using System.Security.Cryptography;
using System.Text;

namespace Millwright.Server.Features.Auth;

/// <summary>
/// Bearer secrets: <c>mw_{env}_sk_…</c> (secret keys) and <c>mw_{env}_ct_…</c> (connection tokens): 43
/// random base62 characters (256 bits) followed by a 6-character base62 CRC32 of everything before it, as
/// GitHub's tokens do. The checksum lets secret scanners recognise a leaked secret without calling us, and
/// lets the server refuse a mistyped or made-up one without a store lookup. Only a SHA-256 hash is stored:
/// the secrets are random and long, so a slow password hash would add latency to every request without
/// adding safety. See docs/security.md.
/// </summary>
public static class BearerSecrets
{
    public const string SecretKeyKind = "sk";
    public const string ConnectionTokenKind = "ct";

    /// <summary>Random characters after the prefix.</summary>
    public const int RandomLength = 43;

    /// <summary>Base62 characters of the CRC32 at the end.</summary>
    public const int ChecksumLength = 6;

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly uint[] CrcTable = BuildCrcTable();

    public static string New(string environment, string kind)
    {
        var body = $"mw_{environment}_{kind}_{RandomNumberGenerator.GetString(Alphabet, RandomLength)}";
        return body + Checksum(body);
    }

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>What lists show to recognise a secret: its prefix and first four random characters.</summary>
    public static string Hint(string secret) => secret.Length > 15 ? secret[..15] + "…" : "…";

    /// <summary>
    /// Parses the environment and kind out of a presented secret, without trusting it: the shape, the
    /// alphabet and the checksum must hold, so a malformed secret is refused before any lookup.
    /// </summary>
    public static bool TryParse(string secret, out string environment, out string kind)
    {
        environment = kind = "";
        var parts = secret.Split('_', 4);
        if (parts.Length != 4 || parts[0] != "mw" || !AccountEnvironments.IsValid(parts[1])
            || parts[2] is not (SecretKeyKind or ConnectionTokenKind)
            || parts[3].Length != RandomLength + ChecksumLength || !parts[3].All(c => c is (>= '0' and <= '9') or (>= 'A' and <= 'Z') or (>= 'a' and <= 'z')))
        {
            return false;
        }

        var body = secret[..^ChecksumLength];
        if (!string.Equals(Checksum(body), secret[^ChecksumLength..], StringComparison.Ordinal))
        {
            return false;
        }

        environment = parts[1];
        kind = parts[2];
        return true;
    }

    /// <summary>CRC32 (IEEE 802.3, as zlib and GitHub's token checksum) of the UTF-8 text, in 6 base62 digits.</summary>
    internal static string Checksum(string text)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        var value = crc ^ 0xFFFFFFFFu;
        Span<char> digits = stackalloc char[ChecksumLength];
        for (var i = ChecksumLength - 1; i >= 0; i--)
        {
            digits[i] = Alphabet[(int)(value % 62)];
            value /= 62;
        }

        return new string(digits);
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
