using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Audit;
using Millwright.Server.Features.Audit;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.RateLimits;
using Millwright.Server.Hosting.Errors;
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

    private static async Task<IResult> SignInAsync(
        HttpContext http, [FromServices] DashboardSessions sessions, [FromServices] AuthFailureLimits limits, [FromServices] AuditLog audit,
        CancellationToken cancellationToken)
    {
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var current = await sessions.ResolveAsync(http.Request.Cookies[DashboardSessions.CookieName], cancellationToken);
        // Attempts from a signed-in session (unlocking the other environment) also count against its account,
        // so a holder of a test key cannot guess the live key from many addresses.
        var partitions = new List<RateLimitPartition> { limits.SignInAddress(http) };
        if (current is not null)
        {
            partitions.Add(limits.SignInAccount(current.Session.AccountId));
        }

        try
        {
            await limits.ThrowIfLimitedAsync(partitions, cancellationToken);
        }
        catch (ApiException limited)
        {
            http.Response.Headers.RetryAfter = limited.RetryAfterSeconds?.ToString(CultureInfo.InvariantCulture);
            return Form(http, form["environment"], $"Too many failed sign-ins. Try again in {limited.RetryAfterSeconds} seconds ({limited.Code}).", limited.Status);
        }

        var result = await sessions.SignInAsync(form["secret_key"].ToString(), current?.Session, cancellationToken);
        if (result.SignedIn is not { } signedIn)
        {
            if (result.AccountId is { } owner && owner != current?.Session.AccountId)
            {
                partitions.Add(limits.SignInAccount(owner));
            }

            foreach (var exhausted in await limits.CountFailureAsync(partitions, cancellationToken))
            {
                await AuditBurstAsync(http, audit, exhausted, cancellationToken);
            }

            return Form(http, form["environment"], "This is not an active secret key. Keys look like mw_test_sk_… or mw_live_sk_…; the demo prints one.", 401);
        }

        DashboardGuard.AppendSessionCookie(http, signedIn.Secret, signedIn.Session.ExpiresAt);
        return HtmlPage.SeeOther("/dashboard");
    }

    /// <summary>
    /// An account's burst is told to both its environments (an attacker holding a test key guesses the live one);
    /// an address's burst names no account and is kept installation-wide.
    /// </summary>
    private static async Task AuditBurstAsync(HttpContext http, AuditLog audit, RateLimitPartition exhausted, CancellationToken cancellationToken)
    {
        const string accountPrefix = "signinfail:account:";
        var account = exhausted.Key.StartsWith(accountPrefix, StringComparison.Ordinal) ? exhausted.Key[accountPrefix.Length..] : null;
        var details = new Dictionary<string, string>
        {
            ["failures_per_minute"] = exhausted.Limit.ToString(CultureInfo.InvariantCulture),
            ["limited"] = account is null ? "address" : "account",
        };
        foreach (var environment in account is null ? new string?[] { null } : [AccountEnvironments.Test, AccountEnvironments.Live])
        {
            await audit.RecordAsync(AuditEventTypes.DashboardSignInLimited, new(account, environment, AuditLog.ClientAddressSubject, ClientAddress.Of(http)),
                new AuditActor(AuditActor.Anonymous, null), details, cancellationToken);
        }
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
