using System.Text.Json.Nodes;

namespace Millwright.Sandbox.MaintainX;

/// <summary>Meters (with their last reading) and maintenance plans as MaintainX shows them.</summary>
internal static class MxMeterViews
{
    public static readonly string[] MeterExpand = ["asset", "location", "last_reading"];

    public static JsonObject MeterListItem(MxMeter m, MaintainXSandboxData data, IReadOnlySet<string> expand)
    {
        var json = new JsonObject
        {
            ["id"] = m.Id,
            ["name"] = m.Name,
            ["unit"] = m.Unit,
            ["measurementType"] = m.MeasurementType,
        };
        AddExpansions(json, m, data, expand);
        return json;
    }

    public static JsonObject Meter(MxMeter m, MaintainXSandboxData data, IReadOnlySet<string> expand)
    {
        var json = new JsonObject
        {
            ["id"] = m.Id,
            ["assetId"] = m.AssetId,
            ["locationId"] = m.LocationId,
            ["creatorId"] = m.CreatorId,
            ["updaterId"] = null,
            ["name"] = m.Name,
            ["uuid"] = m.Uuid,
            ["description"] = m.Description,
            ["measurementType"] = m.MeasurementType,
            ["readingFrequency"] = m.ReadingIntervalDays is { } days ? new JsonObject { ["type"] = "DAILY", ["interval"] = days } : null,
            ["unit"] = m.Unit,
            ["createdAt"] = MxJson.Ts(m.CreatedAt),
            ["updatedAt"] = MxJson.Ts(m.UpdatedAt),
            ["deletedAt"] = MxJson.Ts(m.DeletedAt),
        };
        AddExpansions(json, m, data, expand);
        return json;
    }

    private static void AddExpansions(JsonObject json, MxMeter m, MaintainXSandboxData data, IReadOnlySet<string> expand)
    {
        json.AddIf(expand, "asset", "asset", () => m.AssetId is { } id && data.Assets.Find(id) is { } a ? MxAssetViews.AssetSummary(a) : null);
        json.AddIf(expand, "location", "location", () => m.LocationId is { } id && data.Locations.Find(id) is { } l ? MxAssetViews.LocationSummary(l) : null);
        json.AddIf(expand, "last_reading", "lastReading", () => m.Readings.Count == 0 ? null : Reading(m.Id, m.Readings[^1]));
    }

    public static JsonObject Reading(long meterId, MxMeterReading r) => new()
    {
        ["id"] = r.Id,
        ["meterId"] = meterId,
        ["createdAt"] = MxJson.Ts(r.CreatedAt),
        ["readingDate"] = MxJson.Ts(r.ReadingDate),
        ["value"] = r.Value,
    };

    public static JsonObject MaintenancePlan(MxMaintenancePlan p, long organizationId) => new()
    {
        ["id"] = p.Id,
        ["name"] = p.Name,
        ["organizationId"] = organizationId,
        ["startDate"] = MxJson.Ts(p.StartDate),
        ["workOrderStartDatePadding"] = null,
        ["workOrderStartDateOffset"] = null,
        ["workOrderStartDateFixedDay"] = null,
        ["blueprintEstimatedTime"] = p.EstimatedTimeSeconds,
        ["triggerType"] = p.TriggerType,
        ["intervalStrategy"] = p.IntervalStrategy,
        ["recurrence"] = Recurrence(p.Recurrence),
        ["planningHorizon"] = new JsonObject { ["value"] = 1, ["unit"] = "MONTH" },
        ["workOrderBlueprintId"] = p.WorkOrderBlueprintId,
        ["assets"] = MxJson.Array(p.AssetIds.Select((id, i) => (id, i)), a => new JsonObject { ["id"] = (p.Id * 100) + a.i + 1, ["assetId"] = a.id }),
        ["intervals"] = new JsonArray(),
        ["nextCycleOccurrence"] = null,
        ["nextScheduledWorkOrderDueDate"] = MxJson.Ts(p.NextScheduledWorkOrderDueDate),
        ["lastPlannedDueDate"] = MxJson.Ts(p.LastWorkOrderGeneratedAt),
        ["nextWorkOrderGenerationAt"] = MxJson.Ts(p.NextScheduledWorkOrderDueDate?.AddDays(-7)),
        ["lastWorkOrderGeneratedAt"] = MxJson.Ts(p.LastWorkOrderGeneratedAt),
        ["creatorId"] = p.CreatorId,
        ["createdAt"] = MxJson.Ts(p.CreatedAt),
        ["updatedAt"] = MxJson.Ts(p.UpdatedAt),
        ["archivedAt"] = MxJson.Ts(p.DeletedAt),
    };

    private static JsonObject Recurrence(MxRecurrence r)
    {
        var json = new JsonObject { ["type"] = r.Type };
        if (r.Type == "DAILY")
        {
            return json;
        }

        json["interval"] = r.Interval;
        if (r.Type == "WEEKLY")
        {
            json["days"] = MxJson.Strings(r.Days);
        }
        else if (r.Type == "MONTHLY")
        {
            json["day"] = r.Day ?? 1;
        }

        return json;
    }
}
