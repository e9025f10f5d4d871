using Millwright.Client.Connect;

namespace Millwright.Client;

// Connect link sessions: URLs of the hosted Connect page, and the exchange of its one-time code (secret key).
public sealed partial class MillwrightClient
{
    /// <summary>Creates a short-lived, single-use Connect page URL for one customer. Secret key.</summary>
    public Task<LinkSession> CreateLinkSessionAsync(CreateLinkSessionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<LinkSession>(HttpMethod.Post, "v1/link-sessions", request, cancellationToken);

    /// <summary>Creates a Connect page URL that can be mailed, valid up to 7 days. Secret key.</summary>
    public Task<LinkSession> CreateMagicLinkAsync(CreateLinkSessionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<LinkSession>(HttpMethod.Post, "v1/magic-links", request, cancellationToken);

    /// <summary>Exchanges the one-time code of the Connect redirect for the connection (and a new token). Secret key.</summary>
    public Task<LinkSessionResult> ExchangeLinkCodeAsync(string code, CancellationToken cancellationToken = default) =>
        SendAsync<LinkSessionResult>(HttpMethod.Post, "v1/link-sessions/token", new ExchangeLinkCodeRequest(code), cancellationToken);
}
