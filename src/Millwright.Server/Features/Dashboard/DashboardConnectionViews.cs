using Millwright.Client.Connections;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Sync;
using Millwright.Server.Hosting.Html;
using static Millwright.Server.Features.Dashboard.DashboardLayout;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Dashboard;

/// <summary>The connections list and the read-only parts of a connection's page.</summary>
internal static partial class DashboardConnectionViews
{
    public static IResult List(HttpContext http, IReadOnlyList<ConnectionSummary> connections, string? status)
    {
        var rows = Join(connections.Select(c => H($"""
            <tr data-connection-id="{c.Row.Id}">
              <td><a href="/dashboard/connections/{c.Row.Id}">{c.SystemName}</a><div class="small muted">{c.Row.Id}</div></td>
              <td>{c.Row.DisplayName ?? "—"}<div class="small muted">{Metadata(c.Row.MetadataJson)}</div></td>
              <td>{StatusBadge(c.Row.Status)}{If(c.Row.ConsecutiveFailures > 0, H($"<div class=\"small muted\">{c.Row.ConsecutiveFailures} failed syncs in a row</div>"))}{If(c.Row.LastError is not null, H($"<div class=\"small muted\">{c.Row.LastError}</div>"))}</td>
              <td>{When(c.Row.LastSyncedAt)}</td>
              <td class="records">{c.Records:N0}</td>
            </tr>
            """)));
        var filters = Join(ConnectionStatuses.All.Prepend("").Select(s => H($"<option value=\"{s}\"{If(s == (status ?? ""), H($" selected"))}>{(s.Length == 0 ? "any status" : s.Replace('_', ' '))}</option>")));
        var main = H($"""
            <div class="panel">
              <h1>Connections</h1>
              <form method="get" action="/dashboard" class="row">
                <div class="field"><label for="status">Status</label><select id="status" name="status">{filters}</select></div>
                <button type="submit" class="secondary">Filter</button>
              </form>
              {(connections.Count == 0
                ? H($"<p class=\"muted\" id=\"no-connections\">No connections in this environment yet. Create a <a href=\"/dashboard/connect-links\">Connect link</a> for a customer.</p>")
                : H($"""
                  <table id="connections">
                    <thead><tr><th scope="col">System</th><th scope="col">Customer</th><th scope="col">Status</th><th scope="col">Last sync</th><th scope="col">Records</th></tr></thead>
                    <tbody>{rows}</tbody>
                  </table>
                  """))}
            </div>
            """);
        return Page(http, "Connections", main);
    }

    private static Html Facts(ConnectionDetail d)
    {
        var row = d.Row;
        var settings = Join(StoredMaps.ReadMap(row.SettingsJson).Select(p => H($"<div>{p.Key}: {p.Value}</div>")));
        var perEntity = Join(d.RecordsPerEntity.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => H($"<div>{p.Key}: {p.Value:N0}</div>")));
        return H($"""
            <dl class="facts">
              <dt>Id</dt><dd id="connection-id">{row.Id}</dd>
              <dt>System</dt><dd>{d.SystemName}{If(row.DisplayName is not null, H($" · {row.DisplayName}"))}</dd>
              <dt>Status</dt><dd id="connection-status">{StatusBadge(row.Status)}</dd>
              <dt>Environment</dt><dd>{Badge(row.Environment)}</dd>
              <dt>Last sync</dt><dd>{When(row.LastSyncedAt)}</dd>
              <dt>Next sync</dt><dd>{When(row.NextSyncAt)} (every {row.SyncIntervalMinutes} minutes)</dd>
              {If(row.LastError is not null, H($"<dt>Last error</dt><dd>{row.LastError}</dd>"))}
              <dt>Health</dt><dd id="connection-health">{(row.ConsecutiveFailures == 0 ? "healthy" : $"{row.ConsecutiveFailures} failed syncs in a row")}{If(row.LastErrorCode is not null, H($" · last error {row.LastErrorCode} at {When(row.LastErrorAt)}"))}</dd>
              <dt>Rate limit</dt><dd>{(row.RateLimitPerMinute is { } limit ? $"{limit} requests per minute" : "installation default")}</dd>
              <dt>Settings</dt><dd>{settings}</dd>
              <dt>Records</dt><dd>{(d.RecordsPerEntity.Count == 0 ? H($"none yet") : perEntity)}</dd>
              <dt>Created</dt><dd>{When(row.CreatedAt)}</dd>
            </dl>
            """);
    }

    private static Html Runs(ConnectionDetail d)
    {
        var rows = Join(d.RunsNewestFirst.Select(r => H($"""
            <tr><td>{When(r.CreatedAt)}</td><td>{r.Kind}</td><td>{r.Trigger}</td><td>{StatusBadge(r.Status)}</td>
            <td>{r.Added:N0} / {r.Updated:N0} / {r.Deleted:N0}</td><td>{SyncChart.Errors(r)}{If(r.ErrorCode is not null, H($" {r.ErrorCode}"))}</td></tr>
            """)));
        return H($"""
            {SyncChart.Render([.. d.RunsNewestFirst.Reverse()])}
            <table id="sync-runs">
              <caption class="small muted">Last {d.RunsNewestFirst.Count} sync runs, newest first</caption>
              <thead><tr><th scope="col">Started</th><th scope="col">Kind</th><th scope="col">Trigger</th><th scope="col">Status</th><th scope="col">Added / updated / deleted</th><th scope="col">Errors</th></tr></thead>
              <tbody>{rows}</tbody>
            </table>
            """);
    }

    /// <summary>Metadata as <c>key=value</c> pairs, the way the list and the editor show it.</summary>
    internal static string Metadata(string json) =>
        string.Join(", ", StoredMaps.ReadMap(json).Select(p => $"{p.Key}={p.Value}"));

    internal static bool IsActive(string runStatus) => SyncValues.Active.Contains(runStatus);
}
