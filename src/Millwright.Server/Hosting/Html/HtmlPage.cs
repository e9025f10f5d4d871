using System.Text;

namespace Millwright.Server.Hosting.Html;

/// <summary>How a server-rendered page may be embedded and what it loads.</summary>
/// <param name="FrameAncestors">CSP frame-ancestors: <c>'none'</c> unless the page is meant for an iframe.</param>
/// <param name="Scripts">Same-origin scripts (paths under <c>/static/</c>); inline scripts are never allowed.</param>
internal sealed record HtmlPageOptions(string FrameAncestors = "'none'", IReadOnlyList<string>? Scripts = null, int Status = 200, string? BodyClass = null);

/// <summary>
/// The one shell of every HTML page (Connect page, dashboard): UTF-8, a viewport for phones, the shared
/// stylesheet, and headers that keep the pages to themselves — a strict Content-Security-Policy (own
/// origin only, no inline script or style), no caching (pages show secrets once), no referrer (Connect
/// URLs carry the session secret).
/// </summary>
internal static class HtmlPage
{
    public const string Stylesheet = "/static/millwright.css";

    public static IResult Result(string title, Html body, HtmlPageOptions? options = null) => new PageResult(title, body, options ?? new());

    /// <summary>303 See Other: the answer to a form post, so that reloading the next page does not post again.</summary>
    public static IResult SeeOther(string location) => new SeeOtherResult(location);

    private sealed class SeeOtherResult(string location) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status303SeeOther;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = location;
            httpContext.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        }
    }

    private sealed class PageResult(string title, Html body, HtmlPageOptions options) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => options.Status;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = options.Status;
            response.ContentType = "text/html; charset=utf-8";
            var headers = response.Headers;
            headers.CacheControl = "no-store";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + $"form-action 'self'; base-uri 'none'; frame-ancestors {options.FrameAncestors}";
            if (options.FrameAncestors == "'none'")
            {
                headers.XFrameOptions = "DENY";
            }

            var scripts = Html.Join((options.Scripts ?? []).Select(s => Html.H($"<script src=\"{s}\" defer></script>")));
            var bodyClass = options.BodyClass is null ? Html.Empty : Html.H($" class=\"{options.BodyClass}\"");
            var page = Html.H($"""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{title}</title>
                <link rel="stylesheet" href="{Stylesheet}">
                {scripts}
                </head>
                <body{bodyClass}>
                {body}
                </body>
                </html>
                """);
            return response.WriteAsync(page.Value, Encoding.UTF8, httpContext.RequestAborted);
        }
    }
}
