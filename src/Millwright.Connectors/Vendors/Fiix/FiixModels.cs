using System.Text.Json.Nodes;
using Millwright.Client.Models;

namespace Millwright.Connectors.Vendors.Fiix;

/// <summary>What a page of one entity needs beyond its own FindRequest (README, "Related objects").</summary>
internal enum FiixEnrichment
{
    None,

    /// <summary>Locations: the parent unless it is the site itself.</summary>
    Location,

    /// <summary>Parts: <c>Stock</c> rows per part, vendor ids split.</summary>
    Part,

    /// <summary>Work orders and requests: <c>WorkOrderAsset</c> links (and those assets' kind and location), status control, priority order, assignee ids split.</summary>
    WorkOrder,

    /// <summary>Purchase orders: <c>PurchaseOrderLineItem</c> rows, status control.</summary>
    PurchaseOrder,

    /// <summary>PM schedules: <c>ScheduledMaintenanceAsset</c> links, the next <c>CalendarEvent</c>.</summary>
    Schedule,
}

/// <summary>How one unified entity is read from Fiix (sources in README.md).</summary>
/// <param name="ClassName">The Fiix class found.</param>
/// <param name="Fields">The <c>fields</c> asked for (declared fields of the class, <c>dv_</c> display values).</param>
/// <param name="Ql">The entity's own filter, or null for every object of the class.</param>
/// <param name="ChangedAt">Date field of the last change: the incremental filter and <c>remote_updated_at</c>.</param>
/// <param name="CreatedAt">Date field of creation, when the class has one.</param>
internal sealed record FiixEndpoint(
    string ClassName,
    string Fields,
    string? Ql,
    string? ChangedAt = null,
    string? CreatedAt = null,
    FiixEnrichment Enrichment = FiixEnrichment.None)
{
    private const string WorkOrderFields =
        "id, strCode, strDescription, intWorkOrderStatusID, dv_intWorkOrderStatusID, intPriorityID, dv_intPriorityID, intMaintenanceTypeID, dv_intMaintenanceTypeID, " +
        "intSiteID, intRequestedByUserID, intCompletedByUserID, dtmDateCreated, dtmDateCompleted, dtmDateLastModified, dtmSuggestedCompletionDate, " +
        "strAssetIds, strAssignedUserIds, strCompletionNotes, strAdminNotes, strNameUserGuest, strEmailUserGuest";

    public static IReadOnlyDictionary<Entity, FiixEndpoint> All { get; } = new Dictionary<Entity, FiixEndpoint>
    {
        [Entity.Sites] = new("Asset", "id, strName, strCode, strDescription, strAddress, strCity, strProvince, strPostalCode, intUpdated", "bolIsSite = 1"),
        [Entity.Locations] = new("Asset", "id, strName, strCode, strDescription, intSiteID, intAssetParentID, intCategoryID, dv_intCategoryID, strAddress, strCity, strProvince, strPostalCode, intUpdated",
            $"intSuperCategorySysCode = {FiixCodes.LocationsCategory} AND bolIsSite = 0", Enrichment: FiixEnrichment.Location),
        [Entity.Users] = new("User", "id, strFullName, strUserName, strEmailAddress, strTelephone, strUserTitle, intUserStatusID, bolApiApplicationUser", "bolGroup = 0"),
        [Entity.Vendors] = new("Business", "id, strName, strCode, strPrimaryContact, strPrimaryEmail, strPhone, strAddress, strCity, strProvince, strPostalCode", null),
        [Entity.Assets] = new("Asset", "id, strName, strCode, strDescription, intSiteID, intAssetLocationID, intAssetParentID, intCategoryID, dv_intCategoryID, bolIsOnline, strMake, strModel, strSerialNumber, strBarcode, intUpdated",
            $"intSuperCategorySysCode = {FiixCodes.EquipmentCategory}"),
        [Entity.Parts] = new("Asset", "id, strName, strCode, strDescription, dblLastPrice, strInventoryCode, strBarcode, strVendorIds, qtyStockCount, qtyMinStockCount, intCategoryID, dv_intCategoryID, intUpdated",
            $"intSuperCategorySysCode = {FiixCodes.PartsCategory}", Enrichment: FiixEnrichment.Part),
        [Entity.MeterReadings] = new("MeterReading", "id, dblMeterReading, dtmDateSubmitted, intAssetID, dv_intAssetID, intMeterReadingUnitsID, dv_intMeterReadingUnitsID, intSubmittedByUserID, intWorkOrderID",
            null, CreatedAt: "dtmDateSubmitted"),
        [Entity.PmSchedules] = new("ScheduledMaintenance", "id, strCode, strDescription, intSiteID, intPriorityID, intMaintenanceTypeID, dv_intMaintenanceTypeID, intScheduledMaintenanceStatusID, intSuggestedCompletion, dtmCreateDate, dtmUpdatedDate",
            null, ChangedAt: "dtmUpdatedDate", CreatedAt: "dtmCreateDate", Enrichment: FiixEnrichment.Schedule),
        [Entity.PurchaseOrders] = new("PurchaseOrder", "id, intPurchaseOrderStatusID, dv_intPurchaseOrderStatusID, intSiteID", null, Enrichment: FiixEnrichment.PurchaseOrder),
        // Fiix has no request class: a work request is a WorkOrder at a status whose control is "requested".
        // The connector fills the placeholder with the tenant's requested statuses (README).
        [Entity.MaintenanceRequests] = new("WorkOrder", WorkOrderFields, "intWorkOrderStatusID IN ({requested})", CreatedAt: "dtmDateCreated", Enrichment: FiixEnrichment.WorkOrder),
        [Entity.WorkOrders] = new("WorkOrder", WorkOrderFields, null, ChangedAt: "dtmDateLastModified", CreatedAt: "dtmDateCreated", Enrichment: FiixEnrichment.WorkOrder),
    };
}

/// <summary>
/// Fiix's system codes that the connector relies on. None is published (SOURCE.md, "Missing"): these are
/// the values the Millwright sandbox assumes, and a tenant that differs needs a per-connection mapping.
/// </summary>
internal static class FiixCodes
{
    /// <summary><c>AssetCategory.intSysCode</c> / <c>Asset.intSuperCategorySysCode</c>: locations and facilities.</summary>
    public const int LocationsCategory = 1;

    /// <summary>Equipment.</summary>
    public const int EquipmentCategory = 2;

    /// <summary>Parts and supplies.</summary>
    public const int PartsCategory = 4;

    /// <summary><c>WorkOrderStatus.intControlID</c> of a work request awaiting approval.</summary>
    public const int RequestedControl = 1;
}

/// <summary>
/// The tenant's small reference tables the mappings need by code rather than by id: work-order statuses
/// (control id), priorities (order) and purchase-order statuses (control id). Cached per connection.
/// </summary>
internal sealed record FiixLookups(
    IReadOnlyDictionary<long, long?> StatusControl,
    IReadOnlyDictionary<long, long?> PriorityOrder,
    IReadOnlyDictionary<long, long?> PurchaseOrderStatusControl)
{
    public IReadOnlyList<long> RequestedStatusIds { get; } =
        [.. StatusControl.Where(s => s.Value == FiixCodes.RequestedControl).Select(s => s.Key).Order()];
}

/// <summary>
/// Values the connector adds to a document under <c>_millwright</c> (never a Fiix key, kept in <c>raw</c>)
/// so that mappings read them like vendor fields and re-mapping stored records needs no vendor call.
/// </summary>
internal static class FiixComputed
{
    public const string Property = "_millwright";
    public const string StatusControl = "statusControl";
    public const string PriorityOrder = "priorityOrder";
    public const string AssetIds = "assetIds";
    public const string AssetId = "assetId";
    public const string LocationId = "locationId";
    public const string AssigneeIds = "assigneeIds";
    public const string VendorIds = "vendorIds";
    public const string ParentLocationId = "parentLocationId";
    public const string Stock = "stock";
    public const string Lines = "lines";
    public const string NextDueAt = "nextDueAt";
    public const string CreatedAt = "createdAt";

    public static JsonObject Of(JsonObject document)
    {
        if (document[Property] is not JsonObject computed)
        {
            document[Property] = computed = [];
        }

        return computed;
    }

    /// <summary>Fiix's <c>str…Ids</c> fields hold comma-separated ids (README); as a list of numbers.</summary>
    public static JsonArray Ids(JsonNode? node) =>
        new([.. ((node as JsonValue)?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)node! : "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => long.TryParse(t, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : (long?)null)
            .OfType<long>()
            .Select(id => (JsonNode)id)]);
}
