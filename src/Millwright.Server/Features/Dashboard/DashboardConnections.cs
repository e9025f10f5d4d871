using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Connections;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Sync;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Dashboard;

/// <summary>A connection as the dashboard lists it.</summary>
internal sealed record ConnectionSummary(ConnectionRow Row, string SystemName, int Records);

/// <summary>The connections list and one connection's page (read side); actions are in DashboardConnectionActions.</summary>
internal static class DashboardConnections
{
    public const int ListSize = 200;
    public const int ChartRuns = 30;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", ListAsync);
        group.MapGet("/connections/{id}", ShowAsync);
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, string? status, [FromServices] MillwrightDb db, [FromServices] ConnectorRegistry registry, CancellationToken cancellationToken)
    {
        var caller = http.User().Caller;
        var query = db.ConnectionsVisibleTo(caller).AsNoTracking();
        if (!string.IsNullOrEmpty(status) && ConnectionStatuses.All.Contains(status))
        {
            query = query.Where(c => c.Status == status);
        }

        var rows = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Take(ListSize).ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = await db.Records.AsNoTracking().Where(r => ids.Contains(r.ConnectionId) && r.DeletedAt == null)
            .GroupBy(r => r.ConnectionId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var list = rows.Select(r => new ConnectionSummary(r, SystemName(registry, r.System), counts.GetValueOrDefault(r.Id))).ToList();
        return DashboardConnectionViews.List(http, list, status);
    }

    private static async Task<IResult> ShowAsync(
        string id, HttpContext http, string? done, [FromServices] MillwrightDb db, [FromServices] ConnectorRegistry registry, CancellationToken cancellationToken)
    {
        var caller = http.User().Caller;
        var row = await db.ConnectionsVisibleTo(caller).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (row is null)
        {
            return DashboardLayout.Page(http, "Not found", Hosting.Html.Html.H($"<h1>Connection not found</h1><p>No connection {id} in this environment. <a href=\"/dashboard\">All connections</a></p>"), status: 404);
        }

        var runs = await db.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == id)
            .OrderByDescending(r => r.CreatedAt).Take(ChartRuns).ToListAsync(cancellationToken);
        var tokens = await db.ConnectionTokens.AsNoTracking().Where(t => t.ConnectionId == id && t.RevokedAt == null)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(cancellationToken);
        var perEntity = await db.Records.AsNoTracking().Where(r => r.ConnectionId == id && r.DeletedAt == null)
            .GroupBy(r => r.Entity).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var detail = new ConnectionDetail(row, SystemName(registry, row.System), runs, tokens, perEntity);
        return DashboardConnectionViews.Detail(http, detail, Notice(done));
    }

    internal static string SystemName(ConnectorRegistry registry, string system) => registry.Find(system)?.Descriptor.Name ?? system;

    private static string? Notice(string? done) => done switch
    {
        "sync" => "Sync started. Reload to follow it.",
        "revoked" => "Token revoked: it stops working at once.",
        "metadata" => "Metadata saved.",
        _ => null,
    };
}

/// <summary>Everything the connection page shows.</summary>
internal sealed record ConnectionDetail(
    ConnectionRow Row,
    string SystemName,
    IReadOnlyList<SyncRunRow> RunsNewestFirst,
    IReadOnlyList<ConnectionTokenRow> Tokens,
    IReadOnlyDictionary<string, int> RecordsPerEntity);
