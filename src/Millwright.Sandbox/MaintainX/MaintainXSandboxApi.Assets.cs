using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Millwright.Sandbox.MaintainX;

internal static partial class MaintainXSandboxApi
{
    private static readonly string[] IdSorts = ["id", "createdAt", "updatedAt", "-id", "-createdAt", "-updatedAt"];

    private static readonly MxListOptions AssetList = new(TimeFilters: true, Sorts: IdSorts, Expand: MxAssetViews.AssetListExpand, OffsetPaging: true);

    /// <summary>
    /// Deleted assets leave the list (its schema has no deletedAt) but stay readable by id with
    /// <c>deletedAt</c> set (the get schema has it).
    /// </summary>
    private static void MapAssets(RouteGroupBuilder api, MaintainXSandbox sandbox)
    {
        api.MapGet("/assets", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, AssetList);
            var location = query.Ids("locationId");
            var manufacturers = http.Request.Query["manufacturer"].OfType<string>().ToHashSet(StringComparer.Ordinal);
            var models = http.Request.Query["model"].OfType<string>().ToHashSet(StringComparer.Ordinal);
            return ListAcross(http, sandbox, query, data => data.Assets.Snapshot().Where(a => a.DeletedAt is null
                    && (location is null || (a.LocationId is { } l && location.Contains(l)))
                    && (manufacturers.Count == 0 || (a.Manufacturer is { } m && manufacturers.Contains(m)))
                    && (models.Count == 0 || (a.Model is { } md && models.Contains(md)))),
                "assets", (a, data) => MxAssetViews.AssetListItem(a, data.Organization.Id, query.Expand));
        }).WithMetadata(MxAcceptsOrganizationIds.Instance);
        api.MapGet("/assets/{id:long}", (HttpContext http, long id) =>
        {
            var data = Data(http, sandbox);
            return One("asset", MxAssetViews.Asset(Visible(data.Assets.Find(id), showsDeleted: true), data));
        });
        api.MapGet("/assetstatuses", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, new MxListOptions(Sorts: ["startedAt", "-startedAt"]));
            var data = Data(http, sandbox);
            var asset = query.Ids("assetId");
            var rows = data.Assets.Snapshot().Where(a => a.DeletedAt is null && (asset is null || asset.Contains(a.Id)));
            return Ok(MxPaging.Page(http, query, rows, "assetStatuses", a => a.Status.Id, (a, _) => a.Status.StartedAt,
                a => MxAssetViews.StatusRecord(a, data.Organization.Id)));
        });
        api.MapGet("/assetcriticalities", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, new MxListOptions());
            var data = Data(http, sandbox);
            return Ok(MxPaging.Page(http, query, data.Criticalities, "assetCriticalities", c => c.Id, (_, _) => null, Criticality));
        });
        api.MapGet("/assetcriticalities/{id:long}", (HttpContext http, long id) =>
            One("assetCriticality", Criticality(Data(http, sandbox).Criticalities.FirstOrDefault(c => c.Id == id) ?? throw MxApiError.NotFound())));
        api.MapGet("/categories", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, new MxListOptions());
            return Ok(MxPaging.Page(http, query, Data(http, sandbox).Categories, "categories", c => c.Id, (_, _) => null, Category));
        });
        api.MapGet("/categories/{id:long}", (HttpContext http, long id) =>
            One("category", Category(Data(http, sandbox).Categories.FirstOrDefault(c => c.Id == id) ?? throw MxApiError.NotFound())));
    }

    private static JsonObject Criticality(MxCriticality c) => new() { ["id"] = c.Id, ["label"] = c.Label, ["level"] = c.Level };

    private static JsonObject Category(MxCategory c) => new() { ["id"] = c.Id, ["label"] = c.Label, ["description"] = c.Description };

    private static void MapLocations(RouteGroupBuilder api, MaintainXSandbox sandbox)
    {
        var options = new MxListOptions(Expand: MxAssetViews.LocationListExpand);
        api.MapGet("/locations", (HttpContext http) =>
        {
            var query = MxListQuery.Parse(http.Request, options);
            var name = http.Request.Query["name"].ToString();
            return ListAcross(http, sandbox, query, data => data.Locations.Snapshot().Where(l => l.DeletedAt is null
                    && (name.Length == 0 || l.Name.Contains(name, StringComparison.OrdinalIgnoreCase))),
                "locations", (l, data) => MxAssetViews.LocationListItem(l, data.Organization.Id, query.Expand));
        }).WithMetadata(MxAcceptsOrganizationIds.Instance);
        api.MapGet("/locations/{id:long}", (HttpContext http, long id) =>
        {
            var data = Data(http, sandbox);
            return One("location", MxAssetViews.Location(Visible(data.Locations.Find(id), showsDeleted: true), data));
        });
    }
}
