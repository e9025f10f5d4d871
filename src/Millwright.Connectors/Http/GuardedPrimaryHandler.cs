using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Millwright.Connectors.Http;

/// <summary>
/// The transport under every vendor client: two socket pools, one per address policy, chosen per request
/// by <see cref="UpstreamRequest.Environment"/>. Two pools (not one) because a pooled connection opened
/// for a test connection to loopback must never be reused by a live connection to the same host.
/// Redirects are off: a redirect could lead a vetted host to an internal one.
/// </summary>
internal sealed class GuardedPrimaryHandler : HttpMessageHandler
{
    private readonly HttpMessageInvoker live;
    private readonly HttpMessageInvoker test;

    public GuardedPrimaryHandler(IOptions<UpstreamHttpOptions> options)
    {
        live = new HttpMessageInvoker(CreateSockets(options.Value, allowLoopback: false));
        test = new HttpMessageInvoker(CreateSockets(options.Value, allowLoopback: true));
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        (UpstreamRequest.IsTest(request) ? test : live).SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            live.Dispose();
            test.Dispose();
        }

        base.Dispose(disposing);
    }

    private static SocketsHttpHandler CreateSockets(UpstreamHttpOptions options, bool allowLoopback) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxResponseHeadersLength = 64,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowLoopback, cancellationToken),
    };

    /// <summary>Resolves the host once, keeps only allowed addresses and connects to those: no second lookup to rebind.</summary>
    internal static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowLoopback, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        var allowed = addresses.Where(a => AddressPolicy.IsAllowed(a, allowLoopback)).ToArray();
        if (allowed.Length == 0)
        {
            throw new UpstreamAddressBlockedException(endpoint.Host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
