using System.Net;

namespace Millwright.Connectors.Http;

/// <summary>
/// The SSRF guard for other outbound callers of customer-supplied URLs (webhook receivers): the same
/// address policy and resolve-once connect as the vendor pipeline (see README.md here).
/// </summary>
public static class GuardedSockets
{
    /// <summary>Whether Millwright may call <paramref name="address"/>; loopback only when <paramref name="allowLoopback"/>.</summary>
    public static bool IsAllowed(IPAddress address, bool allowLoopback) => AddressPolicy.IsAllowed(address, allowLoopback);

    /// <summary>
    /// A socket handler with redirects and cookies off that dials only public addresses, or whatever an endpoint
    /// of <paramref name="allowed"/> (the operator's list) resolves to. Never loopback otherwise.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(AllowedAddresses allowed, TimeSpan connectTimeout) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = connectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxResponseHeadersLength = 64,
        ConnectCallback = (context, cancellationToken) => allowed.Contains(context.DnsEndPoint.Host, context.DnsEndPoint.Port)
            ? GuardedPrimaryHandler.ConnectAnyAsync(context.DnsEndPoint, cancellationToken)
            : GuardedPrimaryHandler.ConnectAsync(context.DnsEndPoint, allowLoopback: false, cancellationToken),
    };

    /// <summary>True when <paramref name="exception"/> (or an inner one) is the guard's refusal.</summary>
    public static bool IsBlocked(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is UpstreamAddressBlockedException)
            {
                return true;
            }
        }

        return false;
    }
}
