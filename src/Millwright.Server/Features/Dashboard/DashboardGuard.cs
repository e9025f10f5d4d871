using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Millwright.Client.Errors;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Hosting.Html;

namespace Millwright.Server.Features.Dashboard;

/// <summary>
/// What every dashboard endpoint goes through: the session cookie (else to the sign-in page), the
/// anti-forgery check on every POST (ASP.NET Core antiforgery; the token is bound to the session), and
/// refusals (<see cref="ApiException"/>) rendered as a page instead of the API's JSON envelope.
/// </summary>
internal static class DashboardGuard
{
    private const string UserKey = "millwright.dashboard.user";

    public static DashboardUser User(this HttpContext http) =>
        http.Items[UserKey] as DashboardUser ?? throw new InvalidOperationException("No dashboard guard on this endpoint.");

    /// <summary>Signed-in pages.</summary>
    public static RouteGroupBuilder RequireDashboardSession(this RouteGroupBuilder group) => group.AddEndpointFilter(async (ctx, next) =>
    {
        var http = ctx.HttpContext;
        var sessions = http.RequestServices.GetRequiredService<DashboardSessions>();
        var user = await sessions.ResolveAsync(http.Request.Cookies[DashboardSessions.CookieName], http.RequestAborted);
        if (user is null)
        {
            return HtmlPage.SeeOther("/dashboard/sign-in");
        }

        http.Items[UserKey] = user;
        // Binds anti-forgery tokens to this session: a token from another session does not validate here.
        http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Session.Id)], "dashboard"));
        return await GuardAsync(ctx, next);
    });

    /// <summary>Anonymous pages with forms (sign-in).</summary>
    public static RouteGroupBuilder RequireAntiforgery(this RouteGroupBuilder group) => group.AddEndpointFilter(GuardAsync);

    private static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!http.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(http))
            {
                return ErrorPage(http, new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.CsrfTokenInvalid,
                    "This form did not come from a page of your dashboard session (or the page is too old). Reload the page and try again."));
            }
        }

        try
        {
            return await next(ctx);
        }
        catch (ApiException error)
        {
            return ErrorPage(http, error);
        }
    }

    /// <summary>The anti-forgery token for the forms of this response (sets the paired cookie).</summary>
    public static string Csrf(this HttpContext http) =>
        http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken!;

    public static void AppendSessionCookie(HttpContext http, string secret, DateTimeOffset expires) =>
        http.Response.Cookies.Append(DashboardSessions.CookieName, secret, CookieOptions(expires));

    public static void DeleteSessionCookie(HttpContext http) =>
        http.Response.Cookies.Delete(DashboardSessions.CookieName, CookieOptions(null));

    internal static CookieOptions CookieOptions(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/dashboard",
        Expires = expires,
        IsEssential = true,
    };

    private static IResult ErrorPage(HttpContext http, ApiException error) =>
        HtmlPage.Result("Something went wrong", Html.H($"""
            <main class="card"><div class="notice error" role="alert">
              <h1>{error.Message}</h1>
              <p class="muted">Code {error.Code} · reference {RequestIdMiddleware.Get(http)}</p>
            </div>
            <p><a href="/dashboard">Back to the dashboard</a></p></main>
            """), new HtmlPageOptions(Status: error.Status));
}
