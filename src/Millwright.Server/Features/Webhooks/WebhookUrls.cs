using System.Net;
using System.Net.Sockets;
using Millwright.Connectors.Http;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Webhooks;

/// <summary>
/// Receiver URL rules: absolute https (plain http only to a loopback host with a test key), no user info,
/// and a host whose every address the SSRF guard allows (loopback only in test). The guard checks again
/// at each connection, so a host re-pointed later is still refused when sending.
/// </summary>
internal static class WebhookUrls
{
    public static async Task<string> ValidateAsync(string? url, string environment, CancellationToken cancellationToken)
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

        var addresses = await ResolveAsync(uri.IdnHost, cancellationToken);
        var loopback = addresses.Length > 0 && addresses.All(IPAddress.IsLoopback);
        if (uri.Scheme == Uri.UriSchemeHttp && !(test && loopback))
        {
            throw ApiException.Validation("url", test
                ? "url must use https; plain http is accepted only for a loopback receiver (localhost, 127.0.0.1) with a test key."
                : "url must use https with a live key.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw ApiException.Validation("url", "url must use https.");
        }

        if (addresses.Length == 0)
        {
            throw ApiException.Validation("url", $"The host '{uri.Host}' does not resolve.");
        }

        if (!addresses.All(a => GuardedSockets.IsAllowed(a, allowLoopback: test)))
        {
            throw ApiException.Validation("url", $"The host '{uri.Host}' resolves to a private, link-local, loopback or otherwise internal address, which Millwright does not call"
                + (test ? "." : " (loopback is accepted with test keys only)."));
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
