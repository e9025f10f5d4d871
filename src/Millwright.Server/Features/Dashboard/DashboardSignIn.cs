using Microsoft.AspNetCore.Mvc;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Html;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Dashboard;

/// <summary>Sign-in with a secret key, sign-out, and the environment switch.</summary>
internal static class DashboardSignIn
{
    public static void MapAnonymous(RouteGroupBuilder group)
    {
        group.MapGet("/sign-in", (HttpContext http, string? environment) => Form(http, environment, null, 200));
        group.MapPost("/sign-in", SignInAsync);
    }

    public static void MapSignedIn(RouteGroupBuilder group)
    {
        group.MapPost("/sign-out", SignOutAsync);
        group.MapPost("/environment", SwitchAsync);
    }

    private static async Task<IResult> SignInAsync(HttpContext http, [FromServices] DashboardSessions sessions, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var current = await sessions.ResolveAsync(http.Request.Cookies[DashboardSessions.CookieName], cancellationToken);
        var signedIn = await sessions.SignInAsync(form["secret_key"].ToString(), current?.Session, cancellationToken);
        if (signedIn is not { } result)
        {
            return Form(http, form["environment"], "This is not an active secret key. Keys look like mw_test_sk_… or mw_live_sk_…; the demo prints one.", 401);
        }

        DashboardGuard.AppendSessionCookie(http, result.Secret, result.Session.ExpiresAt);
        return HtmlPage.SeeOther("/dashboard");
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, [FromServices] DashboardSessions sessions, CancellationToken cancellationToken)
    {
        await sessions.SignOutAsync(http.User(), cancellationToken);
        DashboardGuard.DeleteSessionCookie(http);
        return HtmlPage.SeeOther("/dashboard/sign-in?signed_out=1");
    }

    private static async Task<IResult> SwitchAsync(HttpContext http, [FromServices] DashboardSessions sessions, CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var environment = form["environment"].ToString();
        if (await sessions.SwitchAsync(http.User(), environment, cancellationToken))
        {
            return HtmlPage.SeeOther("/dashboard");
        }

        // Not unlocked yet: that environment's own key is needed.
        return HtmlPage.SeeOther("/dashboard/sign-in?environment=" + Uri.EscapeDataString(AccountEnvironments.IsValid(environment) ? environment : AccountEnvironments.Test));
    }

    private static IResult Form(HttpContext http, string? environment, string? error, int status)
    {
        var env = environment is AccountEnvironments.Live ? AccountEnvironments.Live : environment is AccountEnvironments.Test ? AccountEnvironments.Test : null;
        var signedOut = http.Request.Query.ContainsKey("signed_out");
        var body = H($"""
            <main class="card">
              <h1>Sign in to Millwright</h1>
              {If(signedOut && error is null, H($"<div class=\"notice success\" role=\"status\">You are signed out.</div>"))}
              {If(env is not null, H($"<p>{DashboardLayout.Badge(env ?? "")} Sign in with a <strong>{env}</strong> secret key to see {env} data.</p>"))}
              {If(error is not null, H($"<div class=\"notice error\" role=\"alert\" id=\"sign-in-error\">{error}</div>"))}
              <form method="post" action="/dashboard/sign-in">
                {DashboardLayout.Token(http.Csrf())}
                <input type="hidden" name="environment" value="{env}">
                <div class="field">
                  <label for="secret_key">Secret key</label>
                  <input id="secret_key" name="secret_key" type="password" autocomplete="off" required aria-describedby="secret_key-help">
                  <p class="help" id="secret_key-help">A test key (mw_test_sk_…) opens test data, a live key (mw_live_sk_…) live data. The key is checked and forgotten: the browser gets a session cookie, never the key.</p>
                </div>
                <button type="submit">Sign in</button>
              </form>
            </main>
            """);
        return HtmlPage.Result("Sign in · Millwright", body, new HtmlPageOptions(Status: status));
    }
}
