using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Models;

namespace Millwright.Connectors.Vendors.Sap;

/// <summary>
/// How one unified entity is written to SAP (README.md, "Writing"): the entity set created in and changed, how a remote id
/// becomes the key predicate and the function-import parameters, what a create needs that the unified model does not carry,
/// and which function import moves a record to a unified status.
/// </summary>
/// <param name="Defaults">Values SAP requires on a create, used when the document has none (customizing of a standard system).</param>
/// <param name="Transition">The function import that moves a record (its current document) to a unified status; <c>""</c> when it is
/// there already. SAP decides whether the record's status allows it.</param>
internal sealed record SapWriteTarget(
    string Service,
    string EntitySet,
    string IdProperty,
    Func<string, string> Key,
    Func<string, IEnumerable<KeyValuePair<string, string>>> Parameters,
    IReadOnlyDictionary<string, string> Defaults,
    Func<string, JsonObject, string> Transition)
{
    /// <summary>Equipment is time-dependent: writes address the current usage period, valid to 9999-12-31.</summary>
    private const string Forever = "datetime'9999-12-31T00:00:00'";

    public static IReadOnlyDictionary<Entity, SapWriteTarget> All { get; } = new Dictionary<Entity, SapWriteTarget>
    {
        [Entity.WorkOrders] = new("API_MAINTENANCEORDER", "MaintenanceOrder", "MaintenanceOrder",
            id => $"({Literal(id)})",
            id => [new("MaintenanceOrder", Literal(id))],
            new Dictionary<string, string> { ["MaintenanceOrderType"] = "PM01" },
            OrderTransition),
        [Entity.MaintenanceRequests] = new("API_MAINTNOTIFICATION", "MaintenanceNotification", "MaintenanceNotification",
            id => $"({Literal(id)})",
            id => [new("MaintenanceNotification", Literal(id))],
            new Dictionary<string, string> { ["NotificationType"] = "M1" },
            (status, document) => (status, SapComputed.Text(document["NotifProcessingPhase"])) switch
            {
                ("approved", "3") or ("completed", "4") => "",
                ("approved", _) => "SetMaintNotifToInProcess",
                _ => "CompleteMaintNotification",
            }),
        [Entity.Assets] = new("API_EQUIPMENT", "Equipment", "Equipment",
            id => $"(Equipment={Literal(id)},ValidityEndDate={Forever})",
            id => [new("Equipment", Literal(id)), new("ValidityEndDate", Forever)],
            new Dictionary<string, string> { ["EquipmentCategory"] = "M" },
            (status, document) => (status, document["EquipmentIsInactive"] is JsonValue v && v.TryGetValue<bool>(out var inactive) && inactive) switch
            {
                ("down", true) or ("operational", false) => "",
                ("down", _) => "SetEquipmentToInactive",
                _ => "ResetEquipmentFromInactive",
            }),
        // A reading is a measurement document (OData V4); it has no status, and reversal is a bound action, not a delete.
        [Entity.MeterReadings] = new("API_MEASUREMENTDOCUMENT_0001", "MeasurementDocument", "MeasurementDocument",
            id => $"({Literal(id)})",
            _ => [],
            new Dictionary<string, string>(),
            (_, _) => ""),
    };

    /// <summary>Unified statuses each entity can be moved to (the keys of <see cref="Transition"/>'s decisions).</summary>
    public static IReadOnlyDictionary<Entity, string[]> StatusTransitions { get; } = new Dictionary<Entity, string[]>
    {
        [Entity.WorkOrders] = ["in_progress", "completed", "cancelled"],
        [Entity.MaintenanceRequests] = ["approved", "completed"],
        [Entity.Assets] = ["operational", "down"],
        [Entity.MeterReadings] = [],
    };

    /// <summary>
    /// Orders move by their lifecycle status (the last of CRTD, REL, TECO, CLSD, DLFL in <c>SystemStatusText</c>): release
    /// (CRTD → REL), technical completion (REL → TECO) and its reset (TECO → REL), the deletion flag for cancelled.
    /// </summary>
    private static string OrderTransition(string status, JsonObject document)
    {
        var lifecycle = (SapComputed.Text(document["SystemStatusText"]) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .LastOrDefault(w => w is "CRTD" or "REL" or "TECO" or "CLSD" or "DLFL");
        return (status, lifecycle) switch
        {
            ("in_progress", "REL") or ("completed", "TECO" or "CLSD") or ("cancelled", "DLFL") => "",
            ("in_progress", "TECO" or "CLSD") => "ResetMaintOrdStsTechCompleted",
            ("in_progress", _) => "ReleaseMaintenanceOrder",
            ("completed", _) => "SetMaintOrdToTechCompleted",
            _ => "SetMaintOrdStsToMrkdForDeltn",
        };
    }

    private static string Literal(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>
    /// The request body from the server's document (values at SAP's property names): the <c>_millwright</c> references turned
    /// into SAP's (a notification's technical object), dates into V2 JSON <c>/Date(ms)/</c>, numbers into strings (V2 JSON
    /// carries Edm.String and Edm.Decimal as text), a JSON null into the initial value. On a create, <see cref="Defaults"/> fill the gaps.
    /// </summary>
    public JsonObject Body(JsonObject document, bool creating)
    {
        if (SapApi.IsV4(Service))
        {
            return BodyV4(document);
        }

        var body = new JsonObject();
        foreach (var (name, value) in document)
        {
            if (name != SapComputed.Property)
            {
                body[name] = Wire(name, value);
            }
        }

        if (document[SapComputed.Property] is JsonObject computed)
        {
            // A notification names its reference object once: equipment, else a functional location (SAP derives the rest).
            var equipment = computed.ContainsKey("equipment") ? SapComputed.Text(computed["equipment"]) : null;
            var location = computed.ContainsKey("functional_location") ? SapComputed.Text(computed["functional_location"]) : null;
            if (computed.ContainsKey("equipment") || computed.ContainsKey("functional_location"))
            {
                body["TechnicalObject"] = equipment ?? location ?? "";
                body["TechObjIsEquipOrFuncnlLoc"] = equipment is not null ? "EAMS_EQUI" : location is not null ? "EAMS_FL" : "";
            }
        }

        if (creating)
        {
            foreach (var (name, value) in Defaults)
            {
                if (SapComputed.Text(body[name]) is null)
                {
                    body[name] = value;
                }
            }
        }

        return body;
    }

    /// <summary>
    /// A V4 body: JSON values as they are (V4 JSON carries numbers as numbers); the reading time (<c>_millwright.read_at</c>, because
    /// <c>MeasurementReadingDateTime</c> is computed) split into <c>MsmtRdngDate</c> (<c>2026-11-10</c>) and <c>MsmtRdngTime</c> (<c>07:45:00</c>, UTC).
    /// </summary>
    private static JsonObject BodyV4(JsonObject document)
    {
        var body = new JsonObject();
        foreach (var (name, value) in document)
        {
            if (name != SapComputed.Property)
            {
                body[name] = value?.DeepClone();
            }
        }

        if (SapComputed.Text(document[SapComputed.Property]?["read_at"]) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            body["MsmtRdngDate"] = at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            body["MsmtRdngTime"] = at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        }

        return body;
    }

    private static JsonNode? Wire(string name, JsonNode? value)
    {
        var date = name.EndsWith("DateTime", StringComparison.Ordinal) ? 2 : name.EndsWith("Date", StringComparison.Ordinal) ? 1 : 0;
        switch (value)
        {
            case null:
                return date > 0 ? null : JsonValue.Create("");
            case JsonValue v when date > 0 && v.TryGetValue<string>(out var text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time):
                // Edm.DateTimeOffset carries its offset; Edm.DateTime (a date) is midnight UTC of the day.
                return date == 2
                    ? JsonValue.Create($"/Date({time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}+0000)/")
                    : JsonValue.Create($"/Date({new DateTimeOffset(time.UtcDateTime.Date, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)})/");
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                return JsonValue.Create(v.ToJsonString());
            default:
                return value.DeepClone();
        }
    }
}
