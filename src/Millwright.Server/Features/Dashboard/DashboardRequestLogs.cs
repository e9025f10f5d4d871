using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.RequestLogs;
using Millwright.Server.Features.RequestLogs;
using Millwright.Server.Hosting.Html;
using static Millwright.Server.Features.Dashboard.DashboardLayout;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Dashboard;

/// <summary>Request logs of the environment shown: filtered list, search by request id, one entry with its upstream calls.</summary>
internal static class DashboardRequestLogs
{
    private static readonly string[] StatusClasses = ["", "2xx", "3xx", "4xx", "5xx"];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/request-logs", ListAsync);
        group.MapGet("/request-logs/{id}", ShowAsync);
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, [FromQuery(Name = "request_id")] string? requestId, [FromQuery(Name = "connection_id")] string? connectionId,
        string? status, string? since, string? cursor, [FromServices] RequestLogService logs, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(requestId))
        {
            return HtmlPage.SeeOther($"/dashboard/request-logs/{Uri.EscapeDataString(requestId.Trim())}");
        }

        var page = await logs.ListAsync(http.User().Caller, new RequestLogFilter(connectionId, status, since, null, 50, cursor), cancellationToken);
        var rows = Join(page.Data.Select(l => H($"""
            <tr data-log-id="{l.Id}"><td><a href="/dashboard/request-logs/{l.Id}"><code>{l.Id}</code></a></td><td>{When(l.CreatedAt)}</td>
            <td>{l.Method} {l.Path}</td><td>{l.Status?.ToString() ?? "—"}</td><td>{Ms(l.DurationMs)}</td><td>{l.ConnectionId ?? "—"}</td><td>{l.UpstreamCallCount}</td></tr>
            """)));
        var options = Join(StatusClasses.Select(s => H($"<option value=\"{s}\"{If(s == (status ?? ""), H($" selected"))}>{(s.Length == 0 ? "any status" : s)}</option>")));
        var next = page.NextCursor is null ? Empty : H($"""
            <p><a href="/dashboard/request-logs?connection_id={Uri.EscapeDataString(connectionId ?? "")}&amp;status={Uri.EscapeDataString(status ?? "")}&amp;since={Uri.EscapeDataString(since ?? "")}&amp;cursor={Uri.EscapeDataString(page.NextCursor)}">Older entries</a></p>
            """);
        var main = H($"""
            <div class="panel">
              <h1>Request logs</h1>
              <form method="get" action="/dashboard/request-logs" class="row" role="search" aria-label="Find a request">
                <div class="field"><label for="request-id">Request id</label><input id="request-id" name="request_id" type="search" placeholder="req_…" maxlength="100"></div>
                <button type="submit" id="find-request">Find</button>
              </form>
              <form method="get" action="/dashboard/request-logs" class="row" aria-label="Filter">
                <div class="field"><label for="connection-id">Connection id</label><input id="connection-id" name="connection_id" type="text" value="{connectionId ?? ""}" maxlength="100"></div>
                <div class="field"><label for="status">Status</label><select id="status" name="status">{options}</select></div>
                <div class="field"><label for="since">Since (UTC)</label><input id="since" name="since" type="datetime-local" value="{since ?? ""}"></div>
                <button type="submit" class="secondary">Filter</button>
              </form>
              {(page.Data.Count == 0 ? H($"<p class=\"muted\" id=\"no-logs\">No logged calls match.</p>") : H($"""
                <table id="request-logs">
                  <thead><tr><th scope="col">Request id</th><th scope="col">When</th><th scope="col">Call</th><th scope="col">Status</th><th scope="col">Duration</th><th scope="col">Connection</th><th scope="col">Upstream calls</th></tr></thead>
                  <tbody>{rows}</tbody>
                </table>
                """))}
              {next}
            </div>
            """);
        return Page(http, "Request logs", main);
    }

    private static async Task<IResult> ShowAsync(string id, HttpContext http, [FromServices] RequestLogService logs, CancellationToken cancellationToken)
    {
        var log = await logs.GetAsync(http.User().Caller, id, cancellationToken);
        var calls = Join((log.UpstreamCalls ?? []).Select(c => H($"""
            <tr><td>{When(c.StartedAt)}</td><td>{c.System}</td><td>{c.Method}</td><td><code>{c.Url}</code></td><td>{c.Status?.ToString() ?? "—"}</td><td>{c.Outcome.ToString().ToLowerInvariant()}{If(c.Error is not null, H($" · {c.Error}"))}</td><td>{Ms(c.DurationMs)}</td></tr>
            """)));
        var main = H($"""
            <div class="panel">
              <h1>Request <code id="log-id">{log.Id}</code></h1>
              <dl class="facts">
                <dt>Kind</dt><dd>{(log.Kind == RequestLogKind.Sync ? "sync run" : "API call")}</dd>
                <dt>Call</dt><dd>{log.Method} {log.Path}{If(!string.IsNullOrEmpty(log.Query), H($"?{log.Query}"))}</dd>
                <dt>Status</dt><dd>{log.Status?.ToString() ?? "—"} in {Ms(log.DurationMs)}</dd>
                <dt>When</dt><dd>{When(log.CreatedAt)}</dd>
                <dt>Connection</dt><dd>{(log.ConnectionId is { } c ? H($"<a href=\"/dashboard/connections/{c}\">{c}</a>") : H($"—"))}</dd>
                <dt>Credential</dt><dd>{log.CredentialId ?? "—"}</dd>
              </dl>
            </div>
            <div class="panel">
              <h2>Upstream calls ({log.UpstreamCallCount})</h2>
              {((log.UpstreamCalls ?? []).Count == 0 ? H($"<p class=\"muted\">No calls to the customer's system.</p>") : H($"""
                <table id="upstream-calls"><thead><tr><th scope="col">Started</th><th scope="col">System</th><th scope="col">Method</th><th scope="col">URL</th><th scope="col">Status</th><th scope="col">Outcome</th><th scope="col">Duration</th></tr></thead>
                <tbody>{calls}</tbody></table>
                """))}
            </div>
            <div class="panel">
              <h2>Request</h2>{Headers(log.RequestHeaders)}{Body(log.RequestBody, log.RequestBodyTruncated)}
              <h2>Response</h2>{Headers(log.ResponseHeaders)}{Body(log.ResponseBody, log.ResponseBodyTruncated)}
              <p class="small muted">Secrets are masked as *** before anything is stored.</p>
            </div>
            <p><a href="/dashboard/request-logs">All request logs</a></p>
            """);
        return Page(http, $"Request {log.Id}", main);
    }

    private static string Ms(double? ms) => ms is { } v ? $"{v.ToString("0", CultureInfo.InvariantCulture)} ms" : "—";

    private static Html Headers(IReadOnlyDictionary<string, string>? headers) => headers is null or { Count: 0 } ? Empty : H($"""
        <dl class="facts">{Join(headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => H($"<dt>{h.Key}</dt><dd><code>{h.Value}</code></dd>")))}</dl>
        """);

    private static Html Body(string? body, bool truncated) => string.IsNullOrEmpty(body) ? H($"<p class=\"muted\">No body.</p>") : H($"""
        <pre class="body">{body}</pre>{If(truncated, H($"<p class=\"small muted\">Cut at the configured size.</p>"))}
        """);
}
