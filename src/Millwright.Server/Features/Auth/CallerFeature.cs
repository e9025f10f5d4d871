using Millwright.Server.Features.Connections;

namespace Millwright.Server.Features.Auth;

/// <summary>
/// Who is calling and which connection the request works on, resolved once per request by
/// <see cref="CallerResolver"/> (from <see cref="AuthExtensions.UseBearerAuthentication"/>) and read by everything
/// after it: the auth filters, the rate limiter, the request log and the endpoints. Nothing else parses the
/// bearer secret or the <c>Millwright-Connection</c> header, or loads the caller's connection.
/// </summary>
public interface ICallerFeature
{
    Caller Caller { get; }

    /// <summary>The connection the request names: a token's own, or the one a secret key names in <c>Millwright-Connection</c>; null when none.</summary>
    string? ConnectionId { get; }

    /// <summary>
    /// That connection when it is visible to the caller (exists, not deleted, of the caller's account and
    /// environment); null otherwise. Loaded once, so a data request reads the row a single time.
    /// </summary>
    ConnectionRow? Connection { get; }

    /// <summary>
    /// The account's own requests-per-minute limit in the caller's environment, read with the caller (null: the
    /// installation's default), so that a changed limit applies from the next request on every node.
    /// </summary>
    int? AccountRateLimitPerMinute { get; }
}

internal sealed record CallerFeature(Caller Caller, string? ConnectionId, ConnectionRow? Connection, int? AccountRateLimitPerMinute) : ICallerFeature;
