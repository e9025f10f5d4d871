using System.Security.Cryptography;
using System.Text;

namespace Millwright.Server.Features.Auth;

/// <summary>
/// Bearer secrets: <c>mw_{env}_sk_…</c> (secret keys) and <c>mw_{env}_ct_…</c> (connection tokens),
/// 256 bits of randomness each. Only a SHA-256 hash is stored: the secrets are random and long, so
/// a slow password hash would add latency to every request without adding safety.
/// </summary>
public static class BearerSecrets
{
    public const string SecretKeyKind = "sk";
    public const string ConnectionTokenKind = "ct";

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New(string environment, string kind) =>
        $"mw_{environment}_{kind}_{RandomNumberGenerator.GetString(Alphabet, 43)}";

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>What lists show to recognise a secret: its prefix and first four random characters.</summary>
    public static string Hint(string secret) => secret.Length > 15 ? secret[..15] + "…" : "…";

    /// <summary>Parses the environment and kind out of a presented secret, without trusting it.</summary>
    public static bool TryParse(string secret, out string environment, out string kind)
    {
        environment = kind = "";
        var parts = secret.Split('_', 4);
        if (parts.Length != 4 || parts[0] != "mw" || !AccountEnvironments.IsValid(parts[1]) || parts[3].Length < 20)
        {
            return false;
        }

        environment = parts[1];
        kind = parts[2];
        return kind is SecretKeyKind or ConnectionTokenKind;
    }
}
