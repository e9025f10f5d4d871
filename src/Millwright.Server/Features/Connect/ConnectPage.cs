using Millwright.Server.Hosting.Html;

namespace Millwright.Server.Features.Connect;

/// <summary>
/// One request of the Connect page: the session, its secret (the page's only credential, carried in the
/// path), and the origin of the integrator's page when the page runs in the <c>/connect.js</c> iframe.
/// </summary>
internal sealed record ConnectPage(string Secret, LinkSessionRow Session, string? EmbedOrigin)
{
    public const string Script = "/static/connect-page.js";

    /// <summary>A path of this session's pages, keeping the embed origin across navigations.</summary>
    public string Link(string suffix = "") =>
        EmbedOrigin is null ? $"/connect/{Secret}{suffix}" : $"/connect/{Secret}{suffix}?embed={Uri.EscapeDataString(EmbedOrigin)}";

    /// <summary>Where a finished page sends its result by postMessage: the redirect URL's origin, else the embedding page's.</summary>
    public string? MessageOrigin => Session.RedirectUrl is { } redirect ? Origin(redirect) : EmbedOrigin;

    /// <summary>
    /// Framing: anyone may embed a page whose session has no redirect URL (its secret is the protection);
    /// with a redirect URL only that site may, so another site cannot frame the page to click through it.
    /// </summary>
    public HtmlPageOptions Options(int status = 200) => new(
        Session.RedirectUrl is { } redirect ? $"'self' {Origin(redirect)}" : "*",
        [Script],
        status,
        "connect");

    /// <summary><c>scheme://host[:port]</c> of an absolute http(s) URL, or null.</summary>
    public static string? Origin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}
