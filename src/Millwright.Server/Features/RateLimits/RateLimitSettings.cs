using Microsoft.Extensions.Options;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;

namespace Millwright.Server.Features.RateLimits;

/// <summary>
/// The limits that apply to an account+environment and to a connection: the stored setting
/// (<c>PATCH /v1/account</c>, <c>PATCH /v1/connections/{id}</c>) or the installation's default. Both stored
/// settings are read with the caller, in the one statement that resolves it (<see cref="ICallerFeature"/>,
/// ADR 0027), and nothing is cached, so a change made through any node applies from the next request on every node.
/// </summary>
internal sealed class RateLimitSettings(IOptions<RateLimitOptions> options)
{
    public int AccountLimit(ICallerFeature feature) => feature.AccountRateLimitPerMinute ?? options.Value.AccountPerMinute;

    /// <summary>The connection's own limit, or the default (also for a connection the caller cannot see).</summary>
    public int ConnectionLimit(ConnectionRow? connection) => connection?.RateLimitPerMinute ?? options.Value.ConnectionPerMinute;
}
