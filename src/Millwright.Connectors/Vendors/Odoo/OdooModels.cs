using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Models;

namespace Millwright.Connectors.Vendors.Odoo;

/// <summary>A signed-in connection: the user id <c>authenticate</c> returned and the protocol chosen from the server version.</summary>
internal sealed record OdooSession(OdooTarget Target, int Uid, OdooProtocol Protocol, string Version);

/// <summary>Extra reads a page needs beyond its own model.</summary>
internal enum OdooExtra
{
    None,

    /// <summary>The stages (<c>maintenance.stage</c>), to tell requests in the first stage.</summary>
    Stages,

    /// <summary>Quants of internal locations for the page's products.</summary>
    Stock,

    /// <summary>The lines of the page's purchase orders.</summary>
    Lines,
}

/// <summary>
/// How one unified entity is read from Odoo (sources in README.md): the model, the fields asked for
/// (those the database lacks are left out, so older releases work), the domain, and whether archived
/// records are included (<c>active_test: false</c>).
/// </summary>
/// <param name="Required">A field without which the entity cannot be read on this database (an empty list instead).</param>
internal sealed record OdooEndpoint(string Model, IReadOnlyList<string> Fields, string Domain, bool IncludeArchived, OdooExtra Extra = OdooExtra.None, string? Required = null)
{
    private const string Magic = "create_date,write_date";

    private static readonly string[] RequestFields =
    [
        "name", "description", "request_date", "schedule_date", "close_date", "stage_id", "done", "kanban_state", "archive", "priority", "maintenance_type",
        "equipment_id", "category_id", "user_id", "technician_user_id", "owner_user_id", "maintenance_team_id", "duration", "company_id",
        "recurring_maintenance", "repeat_interval", "repeat_unit", "repeat_type", "repeat_until", "create_date", "write_date",
    ];

    public static IReadOnlyDictionary<Entity, OdooEndpoint> All { get; } = new Dictionary<Entity, OdooEndpoint>
    {
        [Entity.Locations] = new("stock.location", Split("name,complete_name,location_id,usage,active,barcode,company_id," + Magic),
            """[["usage", "in", ["internal", "view"]]]""", IncludeArchived: true),
        [Entity.Users] = new("res.users", Split("name,login,email,phone,active,share,company_id,login_date," + Magic), """[["share", "=", false]]""", IncludeArchived: true),
        [Entity.Teams] = new("maintenance.team", Split("name,active,member_ids,company_id,color," + Magic), "[]", IncludeArchived: true),
        [Entity.Vendors] = new("res.partner", Split("name,email,phone,mobile,website,street,street2,zip,city,country_id,is_company,active,supplier_rank,ref,vat," + Magic),
            """[["supplier_rank", ">", 0]]""", IncludeArchived: true),
        [Entity.Assets] = new("maintenance.equipment",
            Split("name,category_id,serial_no,model,partner_id,partner_ref,location,maintenance_team_id,technician_user_id,owner_user_id,active,scrap_date,barcode,note,effective_date,warranty_date,assign_date,cost,company_id," + Magic),
            "[]", IncludeArchived: true),
        [Entity.Parts] = new("product.product", Split("name,default_code,barcode,standard_price,uom_id,categ_id,type,is_storable,qty_available,description,active," + Magic),
            """[["type", "!=", "service"]]""", IncludeArchived: true, OdooExtra.Stock),
        [Entity.PurchaseOrders] = new("purchase.order",
            Split("name,partner_id,partner_ref,origin,state,receipt_status,date_order,date_approve,date_planned,amount_total,amount_untaxed,currency_id,user_id,company_id," + Magic),
            "[]", IncludeArchived: false, OdooExtra.Lines),
        [Entity.PmSchedules] = new("maintenance.request", RequestFields,
            """[["maintenance_type", "=", "preventive"], ["recurring_maintenance", "=", true], ["stage_id.done", "=", false]]""", IncludeArchived: false,
            OdooExtra.Stages, Required: "recurring_maintenance"),
        [Entity.MaintenanceRequests] = new("maintenance.request", RequestFields, "[]", IncludeArchived: false, OdooExtra.Stages),
        [Entity.WorkOrders] = new("maintenance.request", RequestFields, "[]", IncludeArchived: false, OdooExtra.Stages),
    };

    private static string[] Split(string fields) => fields.Split(',');
}

/// <summary>
/// What the connector adds to and fixes in Odoo's documents. Odoo writes every empty value as
/// <c>false</c>, which a mapping would read as the text "false"; fields that are not booleans get
/// <c>null</c> instead (per the database's own <c>fields_get</c>). Computed values go under
/// <c>_millwright</c>, a key Odoo never uses (kept in <c>raw</c>).
/// </summary>
internal static class OdooComputed
{
    public const string Property = "_millwright";

    /// <summary>Replaces <c>false</c> by <c>null</c> on every field whose type is not boolean.</summary>
    public static void NormalizeEmpties(JsonObject record, IReadOnlyDictionary<string, string> types)
    {
        foreach (var name in record.Where(p => p.Value?.GetValueKind() == JsonValueKind.False && types.GetValueOrDefault(p.Key) is { } type && type != "boolean")
            .Select(p => p.Key).ToList())
        {
            record[name] = null;
        }
    }

    public static void Set(JsonObject record, string name, JsonNode? value)
    {
        if (record[Property] is not JsonObject computed)
        {
            record[Property] = computed = [];
        }

        computed[name] = value;
    }

    /// <summary>The id of a many2one value <c>[id, "name"]</c>, or null.</summary>
    public static int? RefId(JsonNode? value) =>
        value is JsonArray { Count: > 0 } pair && pair[0] is JsonValue id && id.TryGetValue<int>(out var number) ? number : null;

    public static int? Int(JsonNode? value) => value is JsonValue v && v.TryGetValue<int>(out var number) ? number : null;

    public static string? Text(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String && ((string?)v)!.Length > 0 ? (string?)v : null;

    /// <summary>Odoo's UTC <c>YYYY-MM-DD HH:MM:SS</c>.</summary>
    public static DateTimeOffset? Time(JsonNode? value) =>
        Text(value) is { } text && DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? new DateTimeOffset(time, TimeSpan.Zero)
            : null;

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
