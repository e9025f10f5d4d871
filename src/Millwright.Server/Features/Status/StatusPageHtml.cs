using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Millwright.Server.Features.Status;

/// <summary>
/// <c>/status</c>: the report as one self-contained page (inline CSS, no scripts, no external assets).
/// Status is always said in words and with a symbol, never by colour alone; the hourly bars are a list
/// whose items carry their hour, status and counts as text for screen readers.
/// </summary>
internal static class StatusPageHtml
{
    private const string Style = """
        body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1b1f24}
        main{max-width:60rem;margin:0 auto;padding:1.5rem}
        h1{margin:0 0 .5rem}h2{margin-top:2rem;font-size:1.25rem}h3{margin:0;font-size:1rem}
        .banner{padding:1rem;border-radius:.5rem;font-weight:600;font-size:1.125rem}
        .operational{background:#dff3e4;color:#0b5a26}.degraded{background:#fff1c2;color:#6b4a00}
        .down{background:#fde0de;color:#8a1c12}.no_data{background:#e8eaed;color:#3c4249}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #d5d9de}
        .pill{display:inline-block;padding:0 .5rem;border-radius:1rem;font-weight:600}
        section{background:#fff;border:1px solid #d5d9de;border-radius:.5rem;padding:1rem;margin:.75rem 0}
        .head{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}
        ol.bars{display:flex;gap:2px;list-style:none;padding:0;margin:.75rem 0 .25rem}
        ol.bars li{flex:1;height:2rem;border-radius:2px;border:1px solid #0000001f}
        .axis{display:flex;justify-content:space-between;font-size:.875rem;color:#4a525c}
        .sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        footer,.muted{color:#4a525c;font-size:.875rem}
        """;

    public static string Render(StatusReport report)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta http-equiv=\"refresh\" content=\"60\">")
            .Append("<title>Millwright status: ").Append(E(Label(report.Status))).Append("</title><style>").Append(Style).Append("</style></head><body><main>")
            .Append("<h1>Millwright status</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"banner {report.Status}\" role=\"status\">{Symbol(report.Status)} {E(Banner(report.Status))}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Updated {Time(report.GeneratedAt)}. This page refreshes every minute; the same data is at <a href=\"/status.json\">/status.json</a>.</p>");
        Components(html, report.Components);
        Systems(html, report.Systems);
        Incidents(html, report.Incidents);
        var t = report.Thresholds;
        html.Append(CultureInfo.InvariantCulture, $"""
            <footer><p>An hour is <strong>down</strong> when at least {t.DownFailureRatio:P0} of the calls to the system failed
            (and at least {t.DownMinFailures}), <strong>degraded</strong> when at least {t.DegradedFailureRatio:P0} failed or at least
            {t.DegradedRateLimitedRatio:P0} were rate-limited (and at least {t.DegradedMinRateLimited}). Failures are 5xx answers, timeouts
            and unreachable systems; 4xx answers are not. A system's current status is its latest hour with calls
            among this hour and the previous one.</p></footer>
            """);
        return html.Append("</main></body></html>").ToString();
    }

    private static void Components(StringBuilder html, IReadOnlyList<ComponentStatus> components)
    {
        html.Append("<h2>Platform</h2><table><thead><tr><th scope=\"col\">Component</th><th scope=\"col\">Status</th><th scope=\"col\">Details</th></tr></thead><tbody>");
        foreach (var c in components)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(c.Name.Replace('_', ' '))}</th><td>{Pill(c.Status)}</td><td>{E(c.Description ?? "")}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Systems(StringBuilder html, IReadOnlyList<SystemStatus> systems)
    {
        html.Append("<h2>Connected systems, last 24 hours</h2>");
        foreach (var s in systems)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section aria-labelledby=\"sys-{E(s.System)}-{E(s.Environment)}\"><div class=\"head\"><h3 id=\"sys-{E(s.System)}-{E(s.Environment)}\">{E(s.Name)} <span class=\"muted\">({E(s.Environment)})</span></h3>{Pill(s.Status)}</div>")
                .Append(CultureInfo.InvariantCulture, $"<ol class=\"bars\" aria-label=\"{E(s.Name)} ({E(s.Environment)}), hourly status, oldest first\">");
            foreach (var h in s.Hours)
            {
                var text = h.Calls == 0
                    ? $"{Hour(h.Start)}: no calls"
                    : string.Create(CultureInfo.InvariantCulture, $"{Hour(h.Start)}: {Label(h.Status)}, {h.Failures} of {h.Calls} calls failed, {h.RateLimited} rate-limited, {h.Timeouts} timed out");
                html.Append(CultureInfo.InvariantCulture, $"<li class=\"{h.Status}\" title=\"{E(text)}\"><span class=\"sr\">{E(text)}</span></li>");
            }

            html.Append("</ol><div class=\"axis\" aria-hidden=\"true\"><span>24 hours ago</span><span>now</span></div></section>");
        }
    }

    private static void Incidents(StringBuilder html, IReadOnlyList<Incident> incidents)
    {
        html.Append("<h2>Incidents, last 24 hours</h2>");
        if (incidents.Count == 0)
        {
            html.Append("<p>No incidents.</p>");
            return;
        }

        html.Append("<table><thead><tr><th scope=\"col\">System</th><th scope=\"col\">Status</th><th scope=\"col\">Started</th><th scope=\"col\">Ended</th><th scope=\"col\">What failed</th></tr></thead><tbody>");
        foreach (var i in incidents)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(i.Name)} ({E(i.Environment)})</th><td>{Pill(i.Status)}</td><td>{Time(i.StartedAt)}</td><td>{(i.EndedAt is { } end ? Time(end) : "ongoing")}</td><td>{E(i.Summary)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string Pill(string status) => $"<span class=\"pill {status}\">{Symbol(status)} {E(Label(status))}</span>";

    private static string Symbol(string status) => status switch
    {
        StatusValues.Operational => "<span aria-hidden=\"true\">✓</span>",
        StatusValues.Degraded => "<span aria-hidden=\"true\">!</span>",
        StatusValues.Down => "<span aria-hidden=\"true\">✕</span>",
        _ => "<span aria-hidden=\"true\">–</span>",
    };

    private static string Label(string status) => status switch
    {
        StatusValues.Operational => "Operational",
        StatusValues.Degraded => "Degraded",
        StatusValues.Down => "Down",
        _ => "No recent calls",
    };

    private static string Banner(string status) => status switch
    {
        StatusValues.Operational => "All platform components are operational",
        StatusValues.Degraded => "Some platform components are degraded",
        _ => "Some platform components are down",
    };

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Hour(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}
