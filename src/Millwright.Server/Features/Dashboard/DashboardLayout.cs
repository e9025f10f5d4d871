using System.Globalization;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Html;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Dashboard;

/// <summary>
/// The dashboard's frame: top bar with navigation, the environment switch and its colour (amber for
/// <c>test</c>, green for <c>live</c>, on every page), sign-out; plus small shared pieces.
/// </summary>
internal static class DashboardLayout
{
    private static readonly string[] Environments = [AccountEnvironments.Test, AccountEnvironments.Live];

    public static IResult Page(HttpContext http, string title, Html main, string? notice = null, int status = 200)
    {
        var user = http.User();
        var csrf = http.Csrf();
        var env = user.Environment;
        var switchButtons = Join(Environments.Select(e => H($"""
            <button type="submit" name="environment" value="{e}" class="{(e == env ? "" : "secondary")}" aria-pressed="{(e == env ? "true" : "false")}">{Label(e)}</button>
            """)));
        var flash = notice is null ? Empty : H($"<div class=\"notice success\" role=\"status\">{notice}</div>");
        var body = H($"""
            <header class="topbar env-is-{env}">
              <a href="/dashboard"><strong>Millwright</strong></a>
              {Badge(env)}
              <nav aria-label="Dashboard">
                <a href="/dashboard">Connections</a>
                <a href="/dashboard/connect-links">Connect links</a>
                <a href="/dashboard/request-logs">Request logs</a>
                <a href="/dashboard/webhooks">Webhooks</a>
                <a href="/dashboard/keys">Keys</a>
                <a href="/dashboard/audit">Audit log</a>
              </nav>
              <form method="post" action="/dashboard/environment" aria-label="Environment">{Token(csrf)}<span class="small">Environment</span> {switchButtons}</form>
              <form method="post" action="/dashboard/sign-out">{Token(csrf)}<button type="submit" class="secondary" id="sign-out">Sign out</button></form>
            </header>
            <main class="wide">
            {flash}
            {main}
            </main>
            """);
        return HtmlPage.Result($"{title} · {Label(env)} · Millwright", body, new HtmlPageOptions(Status: status));
    }

    public static Html Token(string csrf) => H($"<input type=\"hidden\" name=\"_csrf\" value=\"{csrf}\">");

    public static Html Badge(string environment) =>
        H($"<span class=\"env env-{environment}\" data-environment=\"{environment}\">{(environment == AccountEnvironments.Live ? "LIVE DATA" : "TEST DATA")}</span>");

    public static string Label(string environment) => environment == AccountEnvironments.Live ? "Live" : "Test";

    public static Html StatusBadge(string status) => H($"<span class=\"status status-{status}\">{status.Replace('_', ' ')}</span>");

    public static string When(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>Rotate: issues a successor (shown once); the old secret keeps working for the chosen grace period.</summary>
    public static Html RotateButton(string csrf, string action) => H($"""
        <form method="post" action="{action}" class="inline rotate">{Token(csrf)}<select name="grace_period_seconds" aria-label="How long the old one keeps working">
        <option value="0">old stops now</option><option value="3600">old works 1 hour</option><option value="86400" selected>old works 24 hours</option><option value="604800">old works 7 days</option>
        </select><button type="submit" class="secondary">Rotate</button></form>
        """);

    /// <summary>The grace period a rotate form posted (the API's rules: default 24 hours, 0 to 7 days).</summary>
    public static TimeSpan GraceOf(IFormCollection form) =>
        GracePeriod.From(new RotateBody(int.TryParse(form["grace_period_seconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null));

    /// <summary>A button that posts one action with the anti-forgery token.</summary>
    public static Html ActionButton(string csrf, string action, string label, string css = "secondary", Html extra = default) => H($"""
        <form method="post" action="{action}" class="inline">{Token(csrf)}{extra}<button type="submit" class="{css}">{label}</button></form>
        """);
}
