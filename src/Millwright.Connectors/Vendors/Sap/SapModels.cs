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
    SapShape Shape = SapShape.Plain)
{
    public static IReadOnlyDictionary<Entity, SapEndpoint> All { get; } = new Dictionary<Entity, SapEndpoint>
    {
        // A planning plant is the site; its top-level functional location names it.
        [Entity.Sites] = new("API_FUNCTIONALLOCATION", "FunctionalLocation", "MaintenancePlanningPlant", Incremental: false,
            Filter: "SuperiorFunctionalLocation eq ''", OrderBy: "MaintenancePlanningPlant", CreatedProperty: "CreationDate", Shape: SapShape.Distinct),
        [Entity.Locations] = new("API_FUNCTIONALLOCATION", "FunctionalLocation", "FunctionalLocation", CreatedProperty: "CreationDate"),
        // Equipment is time-dependent: the current usage period is the one valid until 9999-12-31.
        [Entity.Assets] = new("API_EQUIPMENT", "Equipment", "Equipment", Filter: "ValidityEndDate eq datetime'9999-12-31T00:00:00'", CreatedProperty: "CreationDate"),
        [Entity.WorkOrders] = new("API_MAINTENANCEORDER", "MaintenanceOrder", "MaintenanceOrder", CreatedProperty: "MaintOrderCreationDateTime"),
        [Entity.MaintenanceRequests] = new("API_MAINTNOTIFICATION", "MaintenanceNotification", "MaintenanceNotification", CreatedProperty: "CreationDateTime"),
        [Entity.PurchaseOrders] = new("API_PURCHASEORDER_PROCESS_SRV", "A_PurchaseOrder", "PurchaseOrder", Expand: "to_PurchaseOrderItem", CreatedProperty: "CreationDate"),
        // Suppliers as the purchase orders name them: API_BUSINESS_PARTNER (A_Supplier) is not among the services read.
        [Entity.Vendors] = new("API_PURCHASEORDER_PROCESS_SRV", "A_PurchaseOrder", "Supplier", Incremental: false,
            Select: "Supplier,AddressName,AddressCityName,AddressStreetName,AddressHouseNumber,AddressPostalCode,AddressCountry,SupplierPhoneNumber,SupplierRespSalesPersonName,LastChangeDateTime",
            OrderBy: "Supplier", Filter: "Supplier ne ''", Shape: SapShape.Distinct),
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

        if (computed.Count > 0)
        {
            document[Property] = computed;
        }
    }

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Trim().Length > 0 ? text.Trim() : null;

    private static decimal? Number(JsonNode? node) =>
        Text(node) is { } text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>V2 JSON dates: <c>/Date(ms)/</c> (Edm.DateTime) and <c>/Date(ms+0000)/</c> (Edm.DateTimeOffset); null for anything else.</summary>
    public static DateTimeOffset? Time(JsonNode? node)
    {
        if (Text(node) is not { } text || WireDate().Match(text) is not { Success: true } match
            || !long.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
            || ms is < -62135596800000 or > 253402300799999)
        {
            return null;
        }

        // The milliseconds are UTC; a DateTimeOffset's "+0000" suffix is the offset it was entered in (OData V2 JSON).
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    [GeneratedRegex(@"^/Date\((-?\d{1,15})([+-]\d{4})?\)/$", RegexOptions.CultureInvariant)]
    private static partial Regex WireDate();
}
