namespace Millwright.Client.Accounts;

/// <summary>The calling secret key's account in its environment (<c>GET /v1/account</c>).</summary>
public sealed record AccountSettings
{
    /// <summary>Account id (<c>acct_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The account's name.</summary>
    public required string Name { get; init; }

    /// <summary><c>test</c> or <c>live</c>: the key's environment, which these settings apply to.</summary>
    public required string Environment { get; init; }

    /// <summary>Requests per minute the account may make in this environment, across all keys, tokens and connections.</summary>
    public int RateLimitPerMinute { get; init; }

    /// <summary>Whether <see cref="RateLimitPerMinute"/> is the installation's default (no own setting).</summary>
    public bool RateLimitIsDefault { get; init; }

    /// <summary>Requests per minute each connection gets unless it sets its own <c>rate_limit_per_minute</c>.</summary>
    public int ConnectionRateLimitPerMinute { get; init; }
}

/// <summary>Changes to the account's settings in the key's environment; omitted or null members stay as they are.</summary>
public sealed record UpdateAccountRequest
{
    /// <summary>New requests per minute (1 to 1,000,000); 0 returns to the installation's default.</summary>
    public int? RateLimitPerMinute { get; init; }
}
