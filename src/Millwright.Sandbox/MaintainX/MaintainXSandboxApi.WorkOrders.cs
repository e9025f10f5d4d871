using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Millwright.Sandbox.MaintainX;

internal static partial class MaintainXSandboxApi
{
    public static readonly string[] WorkOrderStatuses = ["OPEN", "IN_PROGRESS", "ON_HOLD", "DONE", "CANCELED", "SKIPPED"];
    public static readonly string[] Priorities = ["NONE", "LOW", "MEDIUM", "HIGH"];

    private static readonly MxListOptions WorkOrderList = new(
        TimeFilters: true,
        Sorts: ["updatedAt", "createdAt", "dueDate", "startedAt", "completedAt", "-updatedAt", "-createdAt", "-dueDate", "-startedAt", "-completedAt"],
        Expand: MxWorkViews.WorkOrderListExpand);

    private static void MapWorkOrders(RouteGroupBuilder api, MaintainXSandbox sandbox)
    {
        api.MapGet("/workorders", (HttpContext http) => ListWorkOrders(http, sandbox));
        api.MapGet("/workorders/{id:long}", (HttpContext http, long id) =>
        {
            var data = Data(http, sandbox);
            var expand = Expand(http.Request, MxWorkViews.WorkOrderGetExpand);
            var row = http.Request.Query["useSequentialId"] == "true"
                ? data.WorkOrders.Snapshot().FirstOrDefault(w => w.SequentialId == id)
                : data.WorkOrders.Find(id);
            return One("workOrder", MxWorkViews.WorkOrder(Visible(row, showsDeleted: true), data, expand));
        });
    }

    /// <summary>
    /// Deleted work orders stay in the list with <c>deletedAt</c> set (the list schema declares it), so a
    /// poller on <c>updatedAt[gte]</c> sees deletions. Work orders whose start date is still in the future
    /// are left out unless <c>show_upcoming=true</c>, as the parameter's description says.
    /// </summary>
    private static JsonHttpResult<JsonNode> ListWorkOrders(HttpContext http, MaintainXSandbox sandbox)
    {
        var query = MxListQuery.Parse(http.Request, WorkOrderList);
        var data = Data(http, sandbox);
        var now = sandbox.Now();
        var title = http.Request.Query["title"].ToString();
        var assets = query.Ids("assets");
        var notAssets = query.Ids("notAssets");
        var locations = query.Ids("locations");
        var notLocations = query.Ids("notLocations");
        var parts = query.Ids("parts");
        var notParts = query.Ids("notParts");
        var vendors = query.Ids("vendors");
        var notVendors = query.Ids("notVendors");
        var assignees = query.Ids("assignees");
        var teams = query.Ids("teams");
        var categories = CategoryFilter(http.Request.Query["categories"], data);
        var notCategories = CategoryFilter(http.Request.Query["notCategories"], data);
        var priorities = query.Enums("priorities", Priorities);
        var statuses = query.Enums("statuses", WorkOrderStatuses);
        var partStatuses = query.Enums("partStatuses", ["NO_PARTS", "ASSIGNED", "RESERVED", "KITTED", "STAGED", "ISSUED"]);
        var hierarchy = query.Enums("parentSubWorkOrderTypes", ["PARENT", "SUB_WORK_ORDER", "STANDALONE"]);
        var upcoming = http.Request.Query["show_upcoming"] == "true";

        var rows = data.WorkOrders.Snapshot().Where(w =>
            (upcoming || w.StartDate is null || w.StartDate <= now)
            && (title.Length == 0 || w.Title.Contains(title, StringComparison.OrdinalIgnoreCase))
            && (assets is null || (w.AssetId is { } a && assets.Contains(a)))
            && (notAssets is null || w.AssetId is not { } na || !notAssets.Contains(na))
            && (locations is null || (w.LocationId is { } l && locations.Contains(l)))
            && (notLocations is null || w.LocationId is not { } nl || !notLocations.Contains(nl))
            && (parts is null || w.Parts.Any(p => parts.Contains(p.PartId)))
            && (notParts is null || !w.Parts.Any(p => notParts.Contains(p.PartId)))
            && (vendors is null || w.VendorIds.Any(vendors.Contains))
            && (notVendors is null || !w.VendorIds.Any(notVendors.Contains))
            && (assignees is null || w.Assignees.Any(x => x.Type == "USER" && assignees.Contains(x.Id)))
            && (teams is null || w.Assignees.Any(x => x.Type == "TEAM" && teams.Contains(x.Id)))
            && (categories is null || w.Categories.Any(categories.Contains))
            && (notCategories is null || !w.Categories.Any(notCategories.Contains))
            && (priorities is null || priorities.Contains(w.Priority))
            && (statuses is null || statuses.Contains(w.Status))
            && (partStatuses is null || partStatuses.Contains(w.Parts.Count == 0 ? "NO_PARTS" : w.Status == "DONE" ? "ISSUED" : "ASSIGNED"))
            && (hierarchy is null || hierarchy.Contains("STANDALONE")));
        return List(http, query, rows, "workOrders", w => MxWorkViews.WorkOrderListItem(w, data, query.Expand));
    }

    /// <summary>Categories are filtered by label or by global id, as the parameter allows both.</summary>
    private static HashSet<string>? CategoryFilter(Microsoft.Extensions.Primitives.StringValues values, MaintainXSandboxData data)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values.OfType<string>())
        {
            var byId = long.TryParse(value, out var id) ? data.Categories.FirstOrDefault(c => c.Id == id) : null;
            labels.Add(byId?.Label ?? value);
        }

        return labels;
    }

    private static void MapWorkRequests(RouteGroupBuilder api, MaintainXSandbox sandbox)
    {
        var options = new MxListOptions(Expand: MxWorkViews.WorkRequestExpand);
        api.MapGet("/workrequests", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, options);
            var data = Data(http, sandbox);
            var title = http.Request.Query["title"].ToString();
            var assets = query.Ids("assets");
            var locations = query.Ids("locations");
            var priorities = query.Enums("priorities", Priorities);
            var statuses = query.Enums("statuses", ["PENDING", "REJECTED", "APPROVED", "DONE"]);
            var rows = data.WorkRequests.Snapshot().Where(r => r.DeletedAt is null
                && (title.Length == 0 || r.Title.Contains(title, StringComparison.OrdinalIgnoreCase))
                && (assets is null || (r.AssetId is { } a && assets.Contains(a)))
                && (locations is null || (r.LocationId is { } l && locations.Contains(l)))
                && (priorities is null || priorities.Contains(r.Priority))
                && (statuses is null || statuses.Contains(r.RequestStatus)));
            return List(http, query, rows, "workRequests", r => MxWorkViews.WorkRequest(r, data, query.Expand));
        });
        api.MapGet("/workrequests/{id:long}", (HttpContext http, long id) =>
        {
            var data = Data(http, sandbox);
            var row = Visible(data.WorkRequests.Find(id), showsDeleted: false);
            return One("workRequest", MxWorkViews.WorkRequest(row, data, Expand(http.Request, MxWorkViews.WorkRequestExpand)));
        });
    }
}
