using System.Net;
using System.Net.Sockets;
using Millwright.Connectors.Http;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Webhooks;

/// <summary>
/// Receiver URL rules: absolute https, no user info, and a host whose every address the SSRF guard allows:
/// public addresses only — loopback and private networks only at an endpoint (<c>host:port</c>) the operator
/// allowed in <c>Millwright:Upstream:AllowedAddresses</c>, where a test key may also use plain http. The guard
/// checks again at each connection, so a host re-pointed later is still refused when sending.
/// </summary>
internal static class WebhookUrls
{
    public static async Task<string> ValidateAsync(string? url, string environment, AllowedAddresses allowed, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw ApiException.Validation("url", "url must be an absolute https URL of at most 2048 characters.");
        }

        var test = environment == AccountEnvironments.Test;
        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            throw ApiException.Validation("url", "url must not contain user info or a fragment; authenticate deliveries by their signature.");
        }

        var operatorAllowed = allowed.Contains(uri);
        if (uri.Scheme == Uri.UriSchemeHttp && !(test && operatorAllowed))
        {
            throw ApiException.Validation("url", test
                ? "url must use https; plain http is accepted only with a test key for a receiver the operator allowed (Millwright:Upstream:AllowedAddresses)."
                : "url must use https with a live key.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw ApiException.Validation("url", "url must use https.");
        }

        if (operatorAllowed)
        {
            return uri.AbsoluteUri;
        }

        var addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        if (addresses.Length == 0)
        {
            throw ApiException.Validation("url", $"The host '{uri.Host}' does not resolve.");
        }

        if (!addresses.All(a => GuardedSockets.IsAllowed(a, allowLoopback: false)))
        {
            throw ApiException.Validation("url", $"The host '{uri.Host}' resolves to a private, link-local, loopback or otherwise internal address, which Millwright does not call"
                + " unless the operator allows that endpoint (Millwright:Upstream:AllowedAddresses).");
        }

        return uri.AbsoluteUri;
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        try
        {
            return await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
