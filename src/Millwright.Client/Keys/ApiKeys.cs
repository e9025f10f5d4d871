namespace Millwright.Client.Keys;

/// <summary>Body of <c>POST /v1/api-keys</c>.</summary>
public sealed record CreateApiKeyRequest
{
    /// <summary>A label to recognise the key by (at most 100 characters).</summary>
    public string? Name { get; init; }
}

/// <summary>A secret key as lists show it: never the secret, only its first characters.</summary>
public sealed record ApiKey
{
    /// <summary>Key id (<c>key_…</c>), used to revoke it.</summary>
    public required string Id { get; init; }

    /// <summary><c>test</c> or <c>live</c>: the environment the key sees.</summary>
    public required string Environment { get; init; }

    /// <summary>The key's first characters, e.g. <c>mw_test_sk_AbCd…</c>.</summary>
    public required string Hint { get; init; }

    /// <summary>Label given at creation.</summary>
    public string? Name { get; init; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it stops working: the end of the grace period after a rotation; null while it has not been rotated.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>A newly issued secret key. Its <c>key</c> is shown this once and cannot be read again.</summary>
public sealed record CreatedApiKey
{
    /// <summary>Key id (<c>key_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary><c>test</c> or <c>live</c>.</summary>
    public required string Environment { get; init; }

    /// <summary>The bearer secret (<c>mw_test_sk_…</c>).</summary>
    public required string Key { get; init; }

    /// <summary>Label given at creation.</summary>
    public string? Name { get; init; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
