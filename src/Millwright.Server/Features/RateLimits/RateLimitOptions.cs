namespace Millwright.Server.Features.RateLimits;

/// <summary>Inbound request budgets per minute; bound from <c>Millwright:RateLimits</c>. Defaults live here.</summary>
internal sealed class RateLimitOptions
{
    public const string Section = "Millwright:RateLimits";

    /// <summary>Requests per minute of one account in one environment, across all its keys, tokens and connections.</summary>
    public int AccountPerMinute { get; set; } = 6000;

    /// <summary>Requests per minute that work on one connection (its tokens, or a secret key naming it).</summary>
    public int ConnectionPerMinute { get; set; } = 600;

    internal static bool IsValid(RateLimitOptions o) => o.AccountPerMinute >= 1 && o.ConnectionPerMinute >= 1;
}
