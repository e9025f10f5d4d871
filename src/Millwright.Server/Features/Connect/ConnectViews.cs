using Millwright.Connectors.Core;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Html;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Connect;

/// <summary>The Connect page's screens: system list, progress, result and dead ends. The form is in ConnectViews.Form.cs.</summary>
internal static partial class ConnectViews
{
    public static IResult Systems(ConnectPage page, IReadOnlyList<SystemDescriptor> systems, string? query)
    {
        var shown = systems.Where(s => Matches(s, query)).ToList();
        var items = Join(shown.Select(s => H($"""
            <li class="system" data-search="{(s.Name + " " + s.Category).ToLowerInvariant()}">
              <a href="{page.Link("/systems/" + s.Id)}"><span class="initials" aria-hidden="true">{Initials(s.Name)}</span>
              <span class="system-name">{s.Name}</span> <span class="category">{Category(s.Category)}</span></a>
            </li>
            """)));
        var body = H($"""
            <h1 id="title">Connect your maintenance system</h1>
            <p>Choose the system your team uses. You will need an address and credentials of it; each field explains where to find them.</p>
            <form method="get" action="{page.Link()}" role="search" class="search">
              {If(page.EmbedOrigin is not null, H($"<input type=\"hidden\" name=\"embed\" value=\"{page.EmbedOrigin}\">"))}
              <label for="system-search">Search systems</label>
              <input id="system-search" name="q" type="search" value="{query}" autocomplete="off" aria-controls="system-list">
              <button type="submit" class="secondary">Search</button>
            </form>
            <ul id="system-list" class="systems" aria-labelledby="title">{items}</ul>
            <p id="no-match" class="muted" {(shown.Count == 0 ? "" : "hidden")}>No system matches. Check the spelling, or ask the company that sent you this link which systems they support.</p>
            """);
        return HtmlPage.Result("Connect your system", Shell(page, body), page.Options());
    }

    public static IResult Progress(ConnectPage page, string systemName, string? displayName, bool reauth)
    {
        var what = displayName is null ? systemName : $"{systemName} ({displayName})";
        var body = H($"""
            <div class="notice success" role="status"><h1>{(reauth ? "Reconnected" : "Connected")} to {what}</h1></div>
            <section id="sync-progress" data-status-url="{page.Link("/status")}" data-finish-url="{page.Link("/finish")}" aria-live="polite">
              <h2>{(reauth ? "Syncing with the new credentials" : "First sync")}</h2>
              <progress id="sync-bar" max="1" value="0" aria-labelledby="sync-label"></progress>
              <p id="sync-label">Starting…</p>
            </section>
            <p>You can continue now; the sync goes on in the background.</p>
            <p><a class="button" id="continue" href="{page.Link("/finish")}">Continue</a></p>
            """);
        return HtmlPage.Result("Connected", Shell(page, body), page.Options());
    }

    /// <summary>The end of the flow when there is nowhere to redirect: in the iframe, the script posts the result to the parent.</summary>
    public static IResult Complete(ConnectPage page, string connectionId, string code)
    {
        var message = page.EmbedOrigin is not null && page.MessageOrigin is { } origin
            ? H($"<div id=\"mw-complete\" hidden data-origin=\"{origin}\" data-connection-id=\"{connectionId}\" data-code=\"{code}\"></div>")
            : Empty;
        var body = H($"""
            <div class="notice success" role="status"><h1>All done</h1><p>Your system is connected. You can close this window.</p></div>
            {message}
            """);
        return HtmlPage.Result("Connected", Shell(page, body), page.Options());
    }

    public static IResult DeadEnd(string title, string text, int status, string frameAncestors = "*")
    {
        var body = H($"""
            <main class="card"><div class="notice error" role="alert"><h1>{title}</h1><p>{text}</p></div></main>
            """);
        return HtmlPage.Result(title, body, new HtmlPageOptions(frameAncestors, [ConnectPage.Script], status, "connect"));
    }

    private static Html Shell(ConnectPage page, Html body)
    {
        var who = page.Session.EndUserName is { } name ? H($"<p class=\"muted\">Connecting for {name}</p>") : Empty;
        var badge = If(page.Session.Environment == AccountEnvironments.Test,
            H($"<p class=\"env env-test\">Test mode: data goes to a test environment. The account's own sandbox of each system (address and credentials) is listed by GET /v1/sandbox.</p>"));
        return H($"""
            <main class="card">
            {badge}
            {who}
            {body}
            </main>
            """);
    }

    private static bool Matches(SystemDescriptor system, string? query) =>
        string.IsNullOrWhiteSpace(query)
        || system.Name.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase)
        || system.Category.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Two letters standing in for a logo: the first letters of two words, or a one-word name's capitals (MaintainX → MX).</summary>
    internal static string Initials(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length >= 2)
        {
            return string.Concat(words[0][0], words[1][0]).ToUpperInvariant();
        }

        var capitals = name.Where(char.IsUpper).ToArray();
        return capitals.Length >= 2 ? new string(capitals[..2]) : name[..Math.Min(2, name.Length)].ToUpperInvariant();
    }

    private static string Category(string category) => category.ToUpperInvariant();
}
