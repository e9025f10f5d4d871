using System.Security.Cryptography;
using Millwright.Server.Features.Auth;

namespace Millwright.Server.Features.Connect;

/// <summary>
/// Secrets of the Connect flow: the session secret in the page URL and the one-time code of the redirect.
/// 256 random bits each, hex so they survive any URL; stored as SHA-256 like every bearer secret.
/// </summary>
internal static class LinkSessionSecrets
{
    public const string CodePrefix = "mwc_";

    public static string NewSessionSecret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string NewCode() => CodePrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => BearerSecrets.Hash(secret);

    /// <summary>Cheap shape check before touching the store, so junk never costs a query.</summary>
    public static bool LooksLikeSessionSecret(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigitLower);
}
