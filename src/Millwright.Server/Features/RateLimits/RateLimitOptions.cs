namespace Millwright.Server.Features.RateLimits;

/// <summary>Inbound request budgets per minute; bound from <c>Millwright:RateLimits</c>. Defaults live here.</summary>
internal sealed class RateLimitOptions
{
    public const string Section = "Millwright:RateLimits";

    /// <summary>Largest per-minute limit an account or connection setting may ask for.</summary>
    public const int MaxPerMinute = 1_000_000;

    /// <summary>Requests per minute of one account in one environment, across all its keys, tokens and connections, unless the account sets its own.</summary>
    public int AccountPerMinute { get; set; } = 6000;

    /// <summary>Requests per minute that work on one connection (its tokens, or a secret key naming it), unless the connection sets its own.</summary>
    public int ConnectionPerMinute { get; set; } = 600;

    /// <summary>Failed bearer authentications (unknown, malformed, revoked or expired secrets) one client address may make per minute before every bearer request from it is refused until the minute ends.</summary>
    public int FailedAuthPerAddressPerMinute { get; set; } = 30;

    /// <summary>Failed dashboard sign-ins one client address may make per minute.</summary>
    public int FailedSignInPerAddressPerMinute { get; set; } = 10;

    /// <summary>Failed dashboard sign-ins per minute that count against one account (attempts from a session of that account, or with one of its revoked or expired keys), from any address.</summary>
    public int FailedSignInPerAccountPerMinute { get; set; } = 20;

    internal static bool IsValid(RateLimitOptions o) =>
        o.AccountPerMinute is >= 1 and <= MaxPerMinute && o.ConnectionPerMinute is >= 1 and <= MaxPerMinute
        && o.FailedAuthPerAddressPerMinute is >= 1 and <= MaxPerMinute && o.FailedSignInPerAddressPerMinute is >= 1 and <= MaxPerMinute
        && o.FailedSignInPerAccountPerMinute is >= 1 and <= MaxPerMinute;
}
