using System.Text.Json.Nodes;
using Millwright.Client.Models;

namespace Millwright.Connectors.Vendors.MaintainX;

/// <summary>What a list page needs beyond the list call itself.</summary>
internal enum MaintainXEnrichment
{
    None,

    /// <summary>The list is a summary; each record is replaced by its <c>GET /{path}/{id}</c> document.</summary>
    Detail,

    /// <summary>Team members come from <c>GET /teams/{id}/members</c>, added as <c>members</c>.</summary>
    Members,
}

/// <summary>How one unified entity is read from MaintainX (sources in README.md).</summary>
/// <param name="Path">List endpoint under the base URL.</param>
/// <param name="ListProperty">Property of the list envelope holding the records.</param>
/// <param name="DetailProperty">Property of the single-record envelope, for <see cref="MaintainXEnrichment.Detail"/>.</param>
/// <param name="Incremental">The list accepts <c>updatedAt[gte]</c>.</param>
/// <param name="OffsetPaged">The vendor pages this list by offset inside the server, so records can shift between pages.</param>
/// <param name="Expand">Values of the repeatable <c>expand</c> parameter.</param>
/// <param name="RootsOnly">Keep only records without <c>parentId</c> (sites are the top-level locations).</param>
/// <param name="SiteFrom">Paths of location ids, in order of preference, from which the record's site is derived.</param>
/// <param name="Flags">Further fixed query parameters.</param>
/// <param name="PageLimit">Largest page asked for: smaller where each record costs a further call, so a page
/// that has to be retried repeats little work.</param>
internal sealed record MaintainXEndpoint(
    string Path,
    string ListProperty,
    string? DetailProperty = null,
    bool Incremental = false,
    bool OffsetPaged = false,
    IReadOnlyList<string>? Expand = null,
    MaintainXEnrichment Enrichment = MaintainXEnrichment.None,
    bool RootsOnly = false,
    IReadOnlyList<string[]>? SiteFrom = null,
    IReadOnlyList<string>? Flags = null,
    int PageLimit = 200)
{
    public static IReadOnlyDictionary<Entity, MaintainXEndpoint> All { get; } = new Dictionary<Entity, MaintainXEndpoint>
    {
        [Entity.Sites] = new("locations", "locations", Expand: ["extra_fields", "barcode"], RootsOnly: true),
        [Entity.Locations] = new("locations", "locations", Expand: ["extra_fields", "barcode"], SiteFrom: [["id"]]),
        [Entity.Users] = new("users", "users", Expand: ["role", "extra_fields"]),
        [Entity.Teams] = new("teams", "teams", Enrichment: MaintainXEnrichment.Members, PageLimit: 50),
        [Entity.Vendors] = new("vendors", "vendors", "vendor", Expand: ["extra_fields"], Enrichment: MaintainXEnrichment.Detail, PageLimit: 50),
        [Entity.Assets] = new("assets", "assets", Incremental: true, OffsetPaged: true,
            Expand: ["barcode", "team_ids", "asset_types", "extra_fields", "vendor_ids", "status", "manufacturer", "model"],
            SiteFrom: [["locationId"]]),
        [Entity.Parts] = new("parts", "parts", Incremental: true, OffsetPaged: true, Expand: ["extra_fields", "vendors"]),
        [Entity.Meters] = new("meters", "meters", Expand: ["asset", "location", "last_reading"]),
        [Entity.PmSchedules] = new("maintenanceplans", "maintenancePlans"),
        [Entity.PurchaseOrders] = new("purchaseorders", "purchaseOrders", "purchaseOrder", Incremental: true, OffsetPaged: true,
            Enrichment: MaintainXEnrichment.Detail, PageLimit: 50),
        [Entity.MaintenanceRequests] = new("workrequests", "workRequests", Expand: ["asset", "extra_fields"],
            SiteFrom: [["locationId"], ["asset", "locationId"]]),
        [Entity.WorkOrders] = new("workorders", "workOrders", Incremental: true,
            Expand: ["assignees", "categories", "asset", "location", "vendor_ids", "extra_fields"],
            SiteFrom: [["locationId"], ["location", "id"], ["asset", "locationId"]],
            // Spec: without it the list leaves out work orders whose start date is in the future (scheduled work).
            Flags: ["show_upcoming"]),
    };
}

/// <summary>
/// Computed values the connector adds to a document, under a key MaintainX never uses, so mappings can
/// read them like vendor fields while <c>raw</c> stays recognisably the vendor's document.
/// </summary>
internal static class MaintainXComputed
{
    public const string Property = "_millwright";

    /// <summary>Id of the top-level location (the site) above the record's location.</summary>
    public const string SiteLocationId = "siteLocationId";

    public static void SetSite(JsonObject document, long siteLocationId) =>
        document[Property] = new JsonObject { [SiteLocationId] = siteLocationId };
}

/// <summary>The location hierarchy of one connection: location id → parent id (null for a top-level location).</summary>
internal sealed class MaintainXLocationTree(IReadOnlyDictionary<long, long?> parents)
{
    public int Count => parents.Count;

    public bool Contains(long id) => parents.ContainsKey(id);

    /// <summary>The top-level ancestor of <paramref name="id"/>; null when unknown or when the parent chain loops.</summary>
    public long? RootOf(long id)
    {
        var current = id;
        for (var steps = 0; steps <= parents.Count; steps++)
        {
            if (!parents.TryGetValue(current, out var parent))
            {
                return null;
            }

            if (parent is not { } next)
            {
                return current;
            }

            current = next;
        }

        return null;
    }
}
