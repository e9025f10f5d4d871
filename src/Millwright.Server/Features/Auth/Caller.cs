namespace Millwright.Server.Features.Auth;

/// <summary>Which kind of bearer credential authenticated the request.</summary>
public enum CallerKind
{
    SecretKey,
    ConnectionToken,
}

/// <summary>Who is calling. A secret key sees its account and environment; a connection token sees exactly one connection.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Environment"><c>test</c> or <c>live</c>; never crosses over.</param>
/// <param name="Kind">Secret key or connection token.</param>
/// <param name="CredentialId">Id of the key or token row (for logs).</param>
/// <param name="ConnectionId">The token's connection; null for secret keys.</param>
/// <param name="Scopes">Token scopes; secret keys have all.</param>
public sealed record Caller(
    string AccountId,
    string Environment,
    CallerKind Kind,
    string CredentialId,
    string? ConnectionId,
    IReadOnlySet<string> Scopes)
{
    public bool HasScope(string scope) => Kind == CallerKind.SecretKey || Scopes.Contains(scope);
}

/// <summary>Token scopes.</summary>
public static class Scopes
{
    public const string Read = "read";
    public const string Write = "write";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Read, Write };
}

/// <summary>The two environments of an account.</summary>
public static class AccountEnvironments
{
    public const string Test = "test";
    public const string Live = "live";

    public static bool IsValid(string value) => value is Test or Live;
}
