using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Millwright.Connectors.Http;

/// <summary>
/// The transport under every vendor client: two socket pools, chosen per request before anything is dialled.
/// The <b>strict</b> pool dials only public addresses. The <b>privileged</b> pool serves only requests whose URL
/// the operator allowed (<see cref="UpstreamHttpOptions.AllowedAddresses"/>, any environment) or, for a
/// <c>test</c> connection, one of this server's own sandbox mounts (<see cref="ISandboxMounts"/>); everything
/// else goes to the strict pool, so another port or path on loopback is refused before a connection is opened.
/// Two pools (not one) because a pooled connection opened under the exception must never serve a request the
/// exception does not cover. Redirects are off: a redirect could lead a vetted host to an internal one.
/// </summary>
internal sealed class GuardedPrimaryHandler : HttpMessageHandler
{
    private readonly HttpMessageInvoker strict;
    private readonly HttpMessageInvoker privileged;
    private readonly AllowedAddresses allowed;
    private readonly ISandboxMounts? sandboxes;

    public GuardedPrimaryHandler(IOptions<UpstreamHttpOptions> options, ISandboxMounts? sandboxes)
    {
        allowed = new AllowedAddresses(options.Value.AllowedAddresses);
        this.sandboxes = sandboxes;
        strict = new HttpMessageInvoker(CreateSockets(options.Value, (endpoint, ct) => ConnectAsync(endpoint, allowLoopback: false, ct)));
        privileged = new HttpMessageInvoker(CreateSockets(options.Value, (endpoint, ct) =>
            allowed.Contains(endpoint.Host, endpoint.Port) ? ConnectAnyAsync(endpoint, ct) : ConnectAsync(endpoint, allowLoopback: true, ct)));
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        (IsPrivileged(request) ? privileged : strict).SendAsync(request, cancellationToken);

    private bool IsPrivileged(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri
        && (allowed.Contains(uri) || (UpstreamRequest.IsTest(request) && sandboxes?.Contains(uri, UpstreamRequest.AccountOf(request)) == true));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            strict.Dispose();
            privileged.Dispose();
        }

        base.Dispose(disposing);
    }

    private static SocketsHttpHandler CreateSockets(UpstreamHttpOptions options, Func<DnsEndPoint, CancellationToken, ValueTask<Stream>> connect) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
        ConnectTimeout = options.ConnectTimeout,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxResponseHeadersLength = 64,
        ConnectCallback = (context, cancellationToken) => connect(context.DnsEndPoint, cancellationToken),
    };

    /// <summary>Resolves the host once, keeps only allowed addresses and connects to those: no second lookup to rebind.</summary>
    internal static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowLoopback, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(endpoint, cancellationToken).ConfigureAwait(false);
        var permitted = addresses.Where(a => AddressPolicy.IsAllowed(a, allowLoopback)).ToArray();
        if (permitted.Length == 0)
        {
            throw new UpstreamAddressBlockedException(endpoint.Host);
        }

        return await DialAsync(permitted, endpoint.Port, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An endpoint the operator allowed: whatever it resolves to.</summary>
    internal static async ValueTask<Stream> ConnectAnyAsync(DnsEndPoint endpoint, CancellationToken cancellationToken) =>
        await DialAsync(await ResolveAsync(endpoint, cancellationToken).ConfigureAwait(false), endpoint.Port, cancellationToken).ConfigureAwait(false);

    private static async ValueTask<IPAddress[]> ResolveAsync(DnsEndPoint endpoint, CancellationToken cancellationToken) =>
        IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);

    private static async ValueTask<Stream> DialAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
