namespace Millwright.Client.Connections;

/// <summary>Body of <c>POST /v1/connections/{id}/tokens</c>; every member is optional.</summary>
public sealed record CreateConnectionTokenRequest
{
    /// <summary>A label to recognise the token by.</summary>
    public string? Name { get; init; }

    /// <summary>Subset of <see cref="TokenScopes"/>; both when omitted.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <summary>When the token stops working; never when omitted. Must be in the future.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>A newly issued connection token. <see cref="Token"/> is shown this once and cannot be read again.</summary>
public sealed record CreatedConnectionToken
{
    /// <summary>Token id (<c>tok_…</c>), used to revoke it.</summary>
    public required string Id { get; init; }

    /// <summary>The bearer secret (<c>mw_test_ct_…</c>).</summary>
    public required string Token { get; init; }

    /// <summary>Label given at creation.</summary>
    public string? Name { get; init; }

    /// <summary>Granted scopes.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>When it stops working; null for never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A connection token as lists show it: never the secret, only its first characters.</summary>
public sealed record ConnectionToken
{
    /// <summary>Token id (<c>tok_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The token's first characters, e.g. <c>mw_test_ct_AbCd…</c>.</summary>
    public required string Hint { get; init; }

    /// <summary>Label given at creation.</summary>
    public string? Name { get; init; }

    /// <summary>Granted scopes.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>When it stops working; null for never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last used, when known.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }
}

/// <summary>Scopes a connection token can carry.</summary>
public static class TokenScopes
{
    /// <summary>Read the connection's data and the connection itself.</summary>
    public const string Read = "read";
    /// <summary>Create, change and delete records in the connected system.</summary>
    public const string Write = "write";
}
