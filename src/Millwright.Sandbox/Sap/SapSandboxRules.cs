using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// What the application behind a create or an update does with the values, as SAP PM does it: numbers from the
/// number range, the reference object checked and its plant, location and work-center data copied (an order or a
/// notification takes them from its equipment or functional location; equipment from the functional location it is
/// installed at), the first status set, and refusals with the application's words (<c>400</c>, business exception).
/// Customizing is the seed's: order types PM01–PM03, notification types M1/M2, equipment categories M/Q/S, priorities 1–4.
/// </summary>
internal static partial class SapSandboxRules
{
    private static readonly DateTime Forever = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] OrderTypes = ["PM01", "PM02", "PM03"];
    private static readonly string[] NotificationTypes = ["M1", "M2"];
    private static readonly string[] EquipmentCategories = ["M", "Q", "S"];
    private static readonly string[] PriorityTexts = ["", "Very high", "High", "Medium", "Low"];

    /// <summary>The sets whose creation the sandbox carries out.</summary>
    public static bool Creates(EdmEntitySet set) => set.Name is "MaintenanceOrder" or "MaintenanceNotification" or "Equipment" or "MeasurementDocument";

    /// <summary>Completes a new <paramref name="row"/> (already holding the sent <paramref name="values"/>); throws for what SAP refuses.</summary>
    public static void Complete(SapSandboxData data, EdmEntitySet set, Dictionary<string, object?> row, IReadOnlyDictionary<string, object?> values,
        string user, DateTimeOffset now)
    {
        var today = DateTime.SpecifyKind(now.UtcDateTime.Date, DateTimeKind.Utc);
        switch (set.Name)
        {
            case "MeasurementDocument":
                CompleteMeasurement(data, set, row, values, user, now);
                break;
            case "MaintenanceOrder":
                Require(OrderTypes.Contains(row["MaintenanceOrderType"] as string), $"Order type '{row["MaintenanceOrderType"]}' is not defined (use {string.Join(", ", OrderTypes)})");
                Number(data.Table("API_MAINTENANCEORDER", set.Name), row, "MaintenanceOrder", 4000000);
                row["SystemStatusText"] = "CRTD MANC NMAT NTUP";
                row["MaintOrdProcessPhaseCode"] = "01";
                row["MaintPriorityType"] = "PM";
                row["MaintOrderCreationDateTime"] = now;
                row["CreatedByUser"] = user;
                row["MaintOrdBasicStartDateTime"] ??= now;
                row["MaintOrdBasicEndDateTime"] ??= row["MaintOrdBasicStartDateTime"];
                break;
            case "MaintenanceNotification":
                Require(NotificationTypes.Contains(row["NotificationType"] as string), $"Notification type '{row["NotificationType"]}' is not defined (use {string.Join(", ", NotificationTypes)})");
                Require(row["NotificationText"] is string { Length: > 0 }, "Enter a short text for the notification");
                Number(data.Table("API_MAINTNOTIFICATION", set.Name), row, "MaintenanceNotification", 10000000);
                row["MaintNotifInternalID"] = $"QM{row["MaintenanceNotification"]}";
                row["NotifProcessingPhase"] = "1";
                row["NotifProcessingPhaseDesc"] = "Outstanding";
                row["ConcatenatedActiveSystStsName"] = "OSNO";
                row["CreationDate"] = today;
                row["CreationTime"] = now.TimeOfDay;
                row["CreationDateTime"] = now;
                row["NotificationCreationDateTime"] = now;
                row["CreatedByUser"] = user;
                if (row["ReportedByUser"] is not string { Length: > 0 })
                {
                    row["ReportedByUser"] = user;
                }

                row["ReporterFullName"] = row["ReportedByUser"];
                break;
            case "Equipment":
                Require(EquipmentCategories.Contains(row["EquipmentCategory"] as string), $"Equipment category '{row["EquipmentCategory"]}' is not defined (use {string.Join(", ", EquipmentCategories)})");
                Number(data.Table("API_EQUIPMENT", set.Name), row, "Equipment", 10000000);
                row["ValidityEndDate"] = Forever;
                row["ValidityStartDate"] ??= today;
                row["EquipmentOID"] = row["EquipmentOID"] is string { Length: > 0 } oid ? oid : $"EQ{row["Equipment"]}";
                row["EquipmentIsAvailable"] = true;
                row["CreationDate"] = today;
                row["CreatedByUser"] = user;
                break;
        }

        Derive(data, set, row, row, [.. values.Keys], creating: true);
    }

    /// <summary>
    /// Copies what follows from the reference object and texts into <paramref name="changes"/> (on a create, the row itself):
    /// only when one of them was <paramref name="sent"/>, as SAP re-derives on a change of the technical object.
    /// </summary>
    public static void Derive(SapSandboxData data, EdmEntitySet set, IReadOnlyDictionary<string, object?> current, IDictionary<string, object?> changes,
        IReadOnlyCollection<string> sent, bool creating = false)
    {
        string? Value(string name) => (changes.TryGetValue(name, out var v) ? v : current.GetValueOrDefault(name)) as string;
        if (sent.Contains("MaintPriority") && set.Name != "Equipment" && Value("MaintPriority") is { Length: > 0 } priority)
        {
            Require(priority is "1" or "2" or "3" or "4", $"Priority '{priority}' is not defined for priority type PM (1 to 4)");
        }

        switch (set.Name)
        {
            case "MaintenanceOrder" when creating || sent.Contains("Equipment") || sent.Contains("FunctionalLocation") || sent.Contains("MaintenancePlanningPlant"):
                var equipment = Value("Equipment") is { Length: > 0 } e ? Equipment(data, e) : null;
                var location = Value("FunctionalLocation") is { Length: > 0 } f ? Location(data, f)
                    : equipment is not null && equipment["FunctionalLocation"] is string { Length: > 0 } ef ? Location(data, ef) : null;
                Require(equipment is not null || location is not null || Value("MaintenancePlanningPlant") is { Length: > 0 },
                    "Enter a reference object (equipment or functional location) or a planning plant");
                var source = equipment ?? location;
                changes["EquipmentName"] = equipment?["EquipmentName"] ?? "";
                changes["FunctionalLocation"] = location?["FunctionalLocation"] ?? "";
                changes["TechnicalObject"] = equipment?["Equipment"] ?? location?["FunctionalLocation"] ?? "";
                changes["TechnicalObjectLabel"] = equipment?["Equipment"] ?? location?["FunctionalLocationLabelName"] ?? "";
                changes["TechObjIsEquipOrFuncnlLoc"] = equipment is not null ? "EAMS_EQUI" : location is not null ? "EAMS_FL" : "";
                CopyPlant(source, changes, current, Value);
                break;
            case "MaintenanceNotification":
                if (sent.Contains("TechnicalObject") || sent.Contains("TechObjIsEquipOrFuncnlLoc"))
                {
                    var kind = Value("TechObjIsEquipOrFuncnlLoc") is { Length: > 0 } k ? k : "EAMS_EQUI";
                    Require(kind is "EAMS_EQUI" or "EAMS_FL", $"Technical object type '{kind}' is not valid (EAMS_EQUI or EAMS_FL)");
                    var objectId = Value("TechnicalObject") ?? "";
                    var equip = kind == "EAMS_EQUI" && objectId.Length > 0 ? Equipment(data, objectId) : null;
                    var place = kind == "EAMS_FL" && objectId.Length > 0 ? Location(data, objectId)
                        : equip?["FunctionalLocation"] is string { Length: > 0 } at ? Location(data, at) : null;
                    var origin = equip ?? place;
                    changes["TechObjIsEquipOrFuncnlLoc"] = objectId.Length > 0 ? kind : "";
                    changes["TechnicalObjectLabel"] = equip?["Equipment"] ?? place?["FunctionalLocationLabelName"] ?? "";
                    changes["TechnicalObjectDescription"] = equip?["EquipmentName"] ?? place?["FunctionalLocationName"] ?? "";
                    changes["TechnicalObjectType"] = origin?["TechnicalObjectType"] ?? "";
                    changes["FunctionalLocation"] = place?["FunctionalLocation"] ?? "";
                    changes["FunctionalLocationLabelName"] = place?["FunctionalLocationLabelName"] ?? "";
                    CopyPlant(origin, changes, current, Value);
                }

                if (sent.Contains("MaintenanceOrder") && Value("MaintenanceOrder") is { Length: > 0 } number)
                {
                    var orders = data.Table("API_MAINTENANCEORDER", "MaintenanceOrder");
                    Require(orders.Find(SapValues.Literal(number)) is not null, $"Maintenance order {number} does not exist");
                }

                if (sent.Contains("MaintPriority"))
                {
                    changes["MaintPriorityDesc"] = int.TryParse(Value("MaintPriority"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 4
                        ? PriorityTexts[p]
                        : "";
                }

                if (sent.Contains("MaintNotifLongTextForEdit") && Value("MaintNotifLongTextForEdit") is { Length: > 0 } added)
                {
                    // The editable long text is appended to the notification's long text, as SAP PM stores text lines.
                    var existing = current.GetValueOrDefault("MaintNotificationLongText") as string;
                    changes["MaintNotificationLongText"] = string.IsNullOrEmpty(existing) ? added : existing + "\n" + added;
                }

                break;
            case "Equipment":
                if (sent.Contains("FunctionalLocationLabelName"))
                {
                    var at = Value("FunctionalLocationLabelName") is { Length: > 0 } label ? LocationByLabel(data, label) : null;
                    changes["FunctionalLocation"] = at?["FunctionalLocation"] ?? "";
                    changes["FunctionalLocationName"] = at?["FunctionalLocationName"] ?? "";
                    changes["EquipmentIsInstalled"] = at is not null;
                    CopyPlant(at, changes, current, Value);
                }

                if (sent.Contains("SuperordinateEquipment"))
                {
                    var parent = Value("SuperordinateEquipment") is { Length: > 0 } superior ? Equipment(data, superior) : null;
                    changes["EquipIsAllocToSuperiorEquip"] = parent is not null;
                }

                break;
        }

    }

    private static void CopyPlant(IReadOnlyDictionary<string, object?>? source, IDictionary<string, object?> changes,
        IReadOnlyDictionary<string, object?> current, Func<string, string?> value)
    {
        if (source is null)
        {
            return;
        }

        foreach (var name in new[] { "MaintenancePlanningPlant", "MaintenancePlant", "PlantSection", "CostCenter", "MaintenancePlannerGroup", "CompanyCode", "ControllingArea" })
        {
            if (source.ContainsKey(name) && current.ContainsKey(name))
            {
                changes[name] = source[name];
            }
        }

        // The main work center is the object's unless the request names one.
        if (current.ContainsKey("MainWorkCenter") && value("MainWorkCenter") is not { Length: > 0 })
        {
            changes["MainWorkCenter"] = source.GetValueOrDefault("MainWorkCenter") ?? "";
        }

        if (current.ContainsKey("MainWorkCenterPlant"))
        {
            changes["MainWorkCenterPlant"] = source.GetValueOrDefault("MaintenancePlant") ?? "";
        }
    }

    private static IReadOnlyDictionary<string, object?> Equipment(SapSandboxData data, string number)
    {
        var table = data.Table("API_EQUIPMENT", "Equipment");
        var key = SapTable.KeyOf(table.Set.Type, new Dictionary<string, object?> { ["Equipment"] = number, ["ValidityEndDate"] = Forever });
        return table.Find(key) ?? throw Refusal($"Equipment {number} does not exist");
    }

    private static IReadOnlyDictionary<string, object?> Location(SapSandboxData data, string id) =>
        data.Table("API_FUNCTIONALLOCATION", "FunctionalLocation").Find(SapValues.Literal(id)) ?? throw Refusal($"Functional location {id} does not exist");

    private static IReadOnlyDictionary<string, object?> LocationByLabel(SapSandboxData data, string label) =>
        data.Table("API_FUNCTIONALLOCATION", "FunctionalLocation").Snapshot().FirstOrDefault(r => (string?)r["FunctionalLocationLabelName"] == label)
            ?? throw Refusal($"Functional location {label} does not exist");

    private static void Number(SapTable table, Dictionary<string, object?> row, string key, long first)
    {
        if (row[key] is not string { Length: > 0 })
        {
            row[key] = SapSandboxApi.NextNumber(table, key, first);
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw Refusal(message);
        }
    }

    private static SapODataError Refusal(string message) => new(StatusCodes.Status400BadRequest, SapODataError.BusinessError, message);
}
