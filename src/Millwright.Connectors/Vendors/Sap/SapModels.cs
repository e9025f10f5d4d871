using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Millwright.Client.Models;

namespace Millwright.Connectors.Vendors.Sap;

/// <summary>How records of one entity are formed from a read.</summary>
internal enum SapShape
{
    /// <summary>One record per entity of the set.</summary>
    Plain,

    /// <summary>One record per distinct value of <see cref="SapEndpoint.IdProperty"/> (sites per planning plant, vendors per supplier).</summary>
    Distinct,
}

/// <summary>How one unified entity is read from SAP (sources in README.md).</summary>
/// <param name="Service">The OData service, e.g. <c>API_MAINTENANCEORDER</c>.</param>
/// <param name="EntitySet">The entity set read.</param>
/// <param name="IdProperty">Property holding the record's remote id.</param>
/// <param name="Incremental">Filter on <c>LastChangeDateTime</c> (Edm.DateTimeOffset) for incremental reads.</param>
/// <param name="Filter">A fixed <c>$filter</c> (current equipment only, top-level functional locations).</param>
/// <param name="CreatedProperty">Property with the creation time, when the set has one.</param>
/// <param name="ChangedProperty">The Edm.DateTimeOffset change stamp an incremental read filters on (and the record's remote change time).</param>
/// <param name="DateAndTime">The change stamp is split into an Edm.DateTime date and an Edm.Time time (<c>A_BusinessPartner.LastChangeDate/Time</c>).</param>
internal sealed record SapEndpoint(
    string Service,
    string EntitySet,
    string IdProperty,
    bool Incremental = true,
    string? Filter = null,
    string? Expand = null,
    string? Select = null,
    string? OrderBy = null,
    string? CreatedProperty = null,
    SapShape Shape = SapShape.Plain,
    string ChangedProperty = "LastChangeDateTime",
    (string Date, string Time)? DateAndTime = null)
{
    /// <summary>The RAP services (<c>…_0001</c>) speak OData V4.</summary>
    public bool IsV4 => SapApi.IsV4(Service);

    /// <summary>An order's operations with their components (<c>MaintOrderOpComponent</c>), as a V2 multi-level <c>$expand</c>.</summary>
    public const string WorkOrderComponents = "to_MaintenanceOrderOperation/to_MaintOrderOpComponent_2";

    /// <summary>The query options a read of one entity needs to come back as the set's read gives it (its <c>$expand</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> EntityQuery => Expand is null ? [] : [new("$expand", Expand)];

    public static IReadOnlyDictionary<Entity, SapEndpoint> All { get; } = new Dictionary<Entity, SapEndpoint>
    {
        // A planning plant is the site; its top-level functional location names it.
        [Entity.Sites] = new("API_FUNCTIONALLOCATION", "FunctionalLocation", "MaintenancePlanningPlant", Incremental: false,
            Filter: "SuperiorFunctionalLocation eq ''", OrderBy: "MaintenancePlanningPlant", CreatedProperty: "CreationDate", Shape: SapShape.Distinct),
        [Entity.Locations] = new("API_FUNCTIONALLOCATION", "FunctionalLocation", "FunctionalLocation", CreatedProperty: "CreationDate"),
        // Equipment is time-dependent: the current usage period is the one valid until 9999-12-31.
        [Entity.Assets] = new("API_EQUIPMENT", "Equipment", "Equipment", Filter: "ValidityEndDate eq datetime'9999-12-31T00:00:00'", CreatedProperty: "CreationDate"),
        // Components (the parts an order plans and withdraws) hang off the operations: the order has no navigation of its own to them,
        // so one two-level $expand brings them with each page of orders. They carry no change stamp (README.md, "Parts on orders").
        [Entity.WorkOrders] = new("API_MAINTENANCEORDER", "MaintenanceOrder", "MaintenanceOrder", Expand: WorkOrderComponents,
            CreatedProperty: "MaintOrderCreationDateTime"),
        [Entity.MaintenanceRequests] = new("API_MAINTNOTIFICATION", "MaintenanceNotification", "MaintenanceNotification", CreatedProperty: "CreationDateTime"),
        [Entity.PurchaseOrders] = new("API_PURCHASEORDER_PROCESS_SRV", "A_PurchaseOrder", "PurchaseOrder", Expand: "to_PurchaseOrderItem", CreatedProperty: "CreationDate"),
        // Suppliers are business partners in the supplier role: A_Supplier has no change stamp, its partner has LastChangeDate + LastChangeTime.
        [Entity.Vendors] = new("API_BUSINESS_PARTNER", "A_BusinessPartner", "Supplier", Filter: "Supplier ne ''",
            Expand: "to_Supplier,to_BusinessPartnerAddress", CreatedProperty: "CreationDate", DateAndTime: ("LastChangeDate", "LastChangeTime")),
        // Materials with their plants, descriptions and valuation; stock (no change stamp in API_MATERIAL_STOCK_SRV) is read per page, so every sync reads in full.
        [Entity.Parts] = new("API_PRODUCT_SRV", "A_Product", "Product", Incremental: false, Expand: "to_Description,to_Plant,to_Valuation", CreatedProperty: "CreationDate"),
        [Entity.PmSchedules] = new("API_MAINTENANCEPLAN", "MaintenancePlan", "MaintenancePlan", Expand: "to_Item,to_MaintenanceCycle,to_Schedules", CreatedProperty: "CreationDate"),
        // Measuring points carry only Edm.Date stamps, and their last reading lives in the measurement documents: read in full.
        [Entity.Meters] = new("API_MEASURINGPOINT_0001", "MeasuringPoint", "MeasuringPoint", Incremental: false, CreatedProperty: "CreationDate",
            ChangedProperty: "LastChangeDate"),
        [Entity.MeterReadings] = new("API_MEASUREMENTDOCUMENT_0001", "MeasurementDocument", "MeasurementDocument", CreatedProperty: "MsmtDocumentCreationDateTime",
            ChangedProperty: "MsmtDocumentCreationDateTime"),
        // Work centers by their business key (work center + plant), which orders and plan items hold; the technical key is internal.
        [Entity.Teams] = new("API_WORK_CENTERS", "A_WorkCenters", SapComputed.Property + ".team", ChangedProperty: "WorkCenterLastChangeDateTime"),
    };
}

/// <summary>
/// Computed values the connector adds to a document under <c>_millwright</c> (never an SAP property), so
/// mappings read them like vendor fields while <c>raw</c> stays recognisably SAP's document.
/// </summary>
internal static partial class SapComputed
{
    public const string Property = "_millwright";

    /// <summary>A notification's equipment: <c>TechnicalObject</c> when <c>TechObjIsEquipOrFuncnlLoc</c> is <c>EAMS_EQUI</c>.</summary>
    public static void Add(Entity entity, JsonObject document)
    {
        var computed = new JsonObject();
        if (entity == Entity.MaintenanceRequests && Text(document["TechObjIsEquipOrFuncnlLoc"]) == "EAMS_EQUI")
        {
            computed["equipment"] = Text(document["TechnicalObject"]);
        }

        if (entity == Entity.PurchaseOrders && document["to_PurchaseOrderItem"]?["results"] is JsonArray items)
        {
            // Net value = Σ quantity × net price / price unit (SAP prices per NetPriceQuantity units).
            var total = 0m;
            foreach (var item in items.OfType<JsonObject>())
            {
                var per = Number(item["NetPriceQuantity"]) is { } q and not 0 ? q : 1;
                total += (Number(item["OrderQuantity"]) ?? 0) * (Number(item["NetPriceAmount"]) ?? 0) / per;
            }

            computed["netAmount"] = decimal.Round(total, 2);
        }

        if (entity == Entity.Teams && Text(document["WorkCenter"]) is { } center)
        {
            computed["team"] = TeamId(center, Text(document["Plant"]));
        }

        if (entity == Entity.Vendors)
        {
            computed["changed"] = Changed(document, ("LastChangeDate", "LastChangeTime"))?.ToString("O", CultureInfo.InvariantCulture);
        }

        if (entity == Entity.PmSchedules && document["to_Schedules"]?["results"] is JsonArray calls)
        {
            // The next due date: the earliest planned date of a call not yet made (SAP's call list, MaintenancePlanSchedule).
            computed["next_due"] = calls.OfType<JsonObject>().Where(c => c["MaintenanceCallDate"] is null && Time(c["MaintenanceCallNextPlannedDate"]) is not null)
                .Select(c => Time(c["MaintenanceCallNextPlannedDate"])).Min()?.ToString("O", CultureInfo.InvariantCulture);
        }

        if (computed.Count > 0)
        {
            document[Property] = computed;
        }
    }

    /// <summary>A work center's remote id: its business key as orders, notifications and plan items name it (<c>MECH/1010</c>).</summary>
    public static string TeamId(string workCenter, string? plant) => plant is null ? workCenter : $"{workCenter}/{plant}";

    /// <summary>Adds computed values of the connector's own reads (stock, last reading) under <see cref="Property"/>.</summary>
    public static void Set(JsonObject document, string name, JsonNode? value)
    {
        if (document[Property] is not JsonObject computed)
        {
            document[Property] = computed = new JsonObject();
        }

        computed[name] = value;
    }

    /// <summary>A value at <paramref name="path"/> (dot-separated, e.g. <c>_millwright.team</c>).</summary>
    public static JsonNode? At(JsonObject document, string path)
    {
        JsonNode? node = document;
        foreach (var step in path.Split('.'))
        {
            node = node is JsonObject o ? o[step] : null;
        }

        return node;
    }

    /// <summary>The change time of a document whose stamp is an Edm.DateTime date and an Edm.Time time (UTC, as SAP's API users are set up).</summary>
    public static DateTimeOffset? Changed(JsonObject document, (string Date, string Time) stamp) =>
        Time(document[stamp.Date]) is { } date
            ? date + (Text(document[stamp.Time]) is { } time && System.Xml.XmlConvert.ToTimeSpan(time) is var t ? t : TimeSpan.Zero)
            : null;

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Trim().Length > 0 ? text.Trim() : null;

    private static decimal? Number(JsonNode? node) =>
        Text(node) is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>V2 JSON dates: <c>/Date(ms)/</c> (Edm.DateTime) and <c>/Date(ms+0000)/</c> (Edm.DateTimeOffset); V4 ISO 8601 dates and date-times; null for anything else.</summary>
    public static DateTimeOffset? Time(JsonNode? node)
    {
        if (Text(node) is { } iso && IsoDate().IsMatch(iso)
            && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        if (Text(node) is not { } text || WireDate().Match(text) is not { Success: true } match
            || !long.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
            || ms is < -62135596800000 or > 253402300799999)
        {
            return null;
        }

        // The milliseconds are UTC; a DateTimeOffset's "+0000" suffix is the offset it was entered in (OData V2 JSON).
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^/Date\((-?\d{1,15})([+-]\d{4})?\)/$", RegexOptions.CultureInvariant)]
    private static partial Regex WireDate();
}
