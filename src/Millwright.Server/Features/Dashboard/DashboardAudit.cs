using Microsoft.AspNetCore.Mvc;
using Millwright.Server.Features.Audit;
using Millwright.Server.Persistence;
using static Millwright.Server.Features.Dashboard.DashboardLayout;
using static Millwright.Server.Hosting.Html.Html;

namespace Millwright.Server.Features.Dashboard;

/// <summary>The audit log of the environment shown, newest first, filtered by family; through the API's own list.</summary>
internal static class DashboardAudit
{
    private static readonly string[] Families = ["", "api_key.*", "connection_token.*", "dashboard.*"];

    public static void Map(RouteGroupBuilder group) => group.MapGet("/audit", ListAsync);

    private static async Task<IResult> ListAsync(
        HttpContext http, string? type, string? cursor, [FromServices] MillwrightDb db, [FromServices] AuditCleanup retention, CancellationToken cancellationToken)
    {
        var user = http.User();
        var page = await AuditEndpoints.ListAsync(db, user.Caller.AccountId, user.Environment, new AuditFilter(type, null, null, 50, cursor), retention.Cutoff, cancellationToken);
        var rows = Join(page.Data.Select(e => H($"""
            <tr data-audit-id="{e.Id}" data-type="{e.Type}"><td>{When(e.CreatedAt)}</td><td><code>{e.Type}</code></td>
            <td>{e.ActorType}{If(e.ActorId is not null, H($" <code>{e.ActorId}</code>"))}</td>
            <td>{e.SubjectType ?? "—"}{If(e.SubjectId is not null, H($" <code>{e.SubjectId}</code>"))}</td>
            <td>{string.Join(", ", e.Details.Select(d => $"{d.Key}={d.Value}"))}</td>
            <td>{(e.RequestId is null ? H($"—") : H($"<a href=\"/dashboard/request-logs/{e.RequestId}\"><code>{e.RequestId}</code></a>"))}</td><td>{e.IpAddress ?? "—"}</td></tr>
            """)));
        var options = Join(Families.Select(f => H($"<option value=\"{f}\"{If(f == (type ?? ""), H($" selected"))}>{(f.Length == 0 ? "all events" : f)}</option>")));
        var next = page.NextCursor is null ? Empty : H($"""
            <p><a href="/dashboard/audit?type={Uri.EscapeDataString(type ?? "")}&amp;cursor={Uri.EscapeDataString(page.NextCursor)}">Older events</a></p>
            """);
        var main = H($"""
            <div class="panel">
              <h1>Audit log {Badge(user.Environment)}</h1>
              <p>Who created, rotated or revoked keys and tokens, used one that no longer works, or signed in, in the {user.Environment} environment.</p>
              <form method="get" action="/dashboard/audit" class="row" aria-label="Filter">
                <div class="field"><label for="type">Events</label><select id="type" name="type">{options}</select></div>
                <button type="submit" class="secondary">Filter</button>
              </form>
              {(page.Data.Count == 0 ? H($"<p class=\"muted\" id=\"no-audit\">No events match.</p>") : H($"""
                <table id="audit-events">
                  <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">By</th><th scope="col">Subject</th><th scope="col">Details</th><th scope="col">Request</th><th scope="col">Address</th></tr></thead>
                  <tbody>{rows}</tbody>
                </table>
                """))}
              {next}
            </div>
            """);
        return Page(http, "Audit log", main);
    }
}
