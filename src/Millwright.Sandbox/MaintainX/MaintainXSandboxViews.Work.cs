using System.Text.Json.Nodes;

namespace Millwright.Sandbox.MaintainX;

/// <summary>Work orders and work requests as MaintainX shows them.</summary>
internal static class MxWorkViews
{
    public static readonly string[] WorkOrderListExpand =
    [
        "thumbnail", "assignees", "categories", "parts", "asset", "location", "procedure", "vendor_ids", "times", "time_items",
        "expenditures", "extra_fields", "part_extra_fields", "asset_extra_fields", "location_extra_fields", "estimated_time",
    ];

    public static readonly string[] WorkOrderGetExpand =
    [
        "assignees", "asset", "estimated_time", "location", "parts", "times", "time_items", "expenditures", "extra_fields",
        "part_extra_fields", "asset_extra_fields", "location_extra_fields",
    ];

    public static readonly string[] WorkRequestExpand = ["asset", "location", "work_order", "extra_fields"];

    public static JsonObject WorkOrderListItem(MxWorkOrder w, MaintainXSandboxData data, IReadOnlySet<string> expand)
    {
        var json = Common(w, data);
        json.AddIf(expand, "assignees", "assignees", () => Assignees(w));
        json.AddIf(expand, "categories", "categories", () => MxJson.Strings(w.Categories));
        json.AddIf(expand, "vendor_ids", "vendorIds", () => MxJson.Ids(w.VendorIds));
        json.AddIf(expand, "extra_fields", "extraFields", () => MxJson.Map(w.ExtraFields));
        AddExpansions(json, w, data, expand);
        return json;
    }

    public static JsonObject WorkOrder(MxWorkOrder w, MaintainXSandboxData data, IReadOnlySet<string> expand)
    {
        var json = Common(w, data);
        json["assetId"] = w.AssetId;
        json["attachments"] = new JsonArray();
        json["categories"] = MxJson.Strings(w.Categories);
        json["isParent"] = false;
        json["parentId"] = null;
        json["vendorIds"] = MxJson.Ids(w.VendorIds);
        json["assigneeIds"] = MxJson.Ids(w.Assignees.Where(a => a.Type == "USER").Select(a => a.Id));
        json["teamIds"] = MxJson.Ids(w.Assignees.Where(a => a.Type == "TEAM").Select(a => a.Id));
        json.AddIf(expand, "assignees", "assignees", () => Assignees(w));
        json.AddIf(expand, "extra_fields", "extraFields", () => MxJson.Map(w.ExtraFields));
        json.AddIf(expand, "estimated_time", "estimatedTime", () => w.EstimatedTime);
        AddExpansions(json, w, data, expand);
        return json;
    }

    private static JsonObject Common(MxWorkOrder w, MaintainXSandboxData data)
    {
        var json = new JsonObject
        {
            ["id"] = w.Id,
            ["sequentialId"] = w.SequentialId,
            ["title"] = w.Title,
            ["updatedAt"] = MxJson.Ts(w.UpdatedAt),
            ["status"] = w.Status,
            ["completedAt"] = MxJson.Ts(w.CompletedAt),
            ["completerId"] = w.CompleterId,
            ["createdAt"] = MxJson.Ts(w.CreatedAt),
            ["creatorId"] = w.CreatorId,
            ["deletedAt"] = MxJson.Ts(w.DeletedAt),
            ["description"] = w.Description,
            ["dueDate"] = MxJson.Ts(w.DueDate),
            ["dueDateIsFullDay"] = w.DueDate is null ? null : false,
            ["lastMessageSentAt"] = null,
            ["startDate"] = MxJson.Ts(w.StartDate),
            ["locationId"] = w.LocationId,
            ["nextId"] = null,
            ["organizationId"] = data.Organization.Id,
            ["partStatus"] = w.Parts.Count == 0 ? "NO_PARTS" : w.Status == "DONE" ? "ISSUED" : "ASSIGNED",
            ["previousId"] = null,
            ["priority"] = w.Priority,
            ["recurrenceInfo"] = null,
            ["requesterId"] = w.RequesterId,
            ["type"] = w.Type,
            ["workOrderSummary"] = null,
        };
        if (w.Parts.Count > 0)
        {
            var available = w.Parts.All(p => data.Parts.Find(p.PartId) is { } part && part.Stock.Sum(s => s.AvailableQuantity) >= p.QuantityUsed);
            json["partsAvailability"] = available ? "PARTS_AVAILABLE" : "PARTS_UNAVAILABLE";
        }

        return json;
    }

    private static void AddExpansions(JsonObject json, MxWorkOrder w, MaintainXSandboxData data, IReadOnlySet<string> expand)
    {
        json.AddIf(expand, "asset", "asset", () =>
        {
            if (w.AssetId is not { } id || data.Assets.Find(id) is not { } asset)
            {
                return null;
            }

            var summary = MxAssetViews.AssetSummary(asset);
            summary.AddIf(expand, "asset_extra_fields", "assetExtraFields", () => MxJson.Map(asset.ExtraFields));
            return summary;
        });
        json.AddIf(expand, "location", "location", () =>
        {
            if (w.LocationId is not { } id || data.Locations.Find(id) is not { } location)
            {
                return null;
            }

            var summary = MxAssetViews.LocationSummary(location);
            summary.AddIf(expand, "location_extra_fields", "locationExtraFields", () => MxJson.Map(location.ExtraFields));
            return summary;
        });
        json.AddIf(expand, "parts", "parts", () => MxJson.Array(w.Parts, use => PartUse(use, data, expand)));
        json.AddIf(expand, "times", "times", () => new JsonArray());
        json.AddIf(expand, "time_items", "timeItems", () => new JsonArray());
        json.AddIf(expand, "expenditures", "expenditures", () => new JsonArray());
    }

    private static JsonArray Assignees(MxWorkOrder w) =>
        MxJson.Array(w.Assignees, a => new JsonObject { ["type"] = a.Type, ["id"] = a.Id });

    private static JsonObject? PartUse(MxPartUse use, MaintainXSandboxData data, IReadOnlySet<string> expand)
    {
        if (data.Parts.Find(use.PartId) is not { } part)
        {
            return null;
        }

        var json = new JsonObject
        {
            ["id"] = part.Id,
            ["name"] = part.Name,
            ["description"] = part.Description,
            ["area"] = part.Area,
            ["unitCost"] = part.UnitCost,
            ["availableQuantity"] = part.Stock.Sum(s => s.AvailableQuantity),
            ["minimumQuantity"] = part.Stock.Sum(s => s.MinimumQuantity ?? 0),
            ["barcode"] = part.Barcode,
            ["quantityUsed"] = use.QuantityUsed,
            ["copyOnRecurring"] = "Default",
            ["locationId"] = use.LocationId,
        };
        json.AddIf(expand, "part_extra_fields", "partExtraFields", () => MxJson.Map(part.ExtraFields));
        return json;
    }

    public static JsonObject WorkRequest(MxWorkRequest r, MaintainXSandboxData data, IReadOnlySet<string> expand)
    {
        var json = new JsonObject
        {
            ["id"] = r.Id,
            ["title"] = r.Title,
            ["attachments"] = new JsonArray(),
            ["thumbnail"] = null,
            ["priority"] = r.Priority,
            ["description"] = r.Description,
            ["requestStatus"] = r.RequestStatus,
            ["assetId"] = r.AssetId,
            ["locationId"] = r.LocationId,
            ["workOrderId"] = r.WorkOrderId,
            ["sendEmailNotification"] = r.ContactEmail is not null,
            ["approverTeamId"] = r.ApproverTeamId,
            ["creatorContactInfo"] = r.ContactEmail is null ? null : new JsonObject { ["type"] = "EMAIL", ["value"] = r.ContactEmail },
            ["createdAt"] = MxJson.Ts(r.CreatedAt),
            ["updatedAt"] = MxJson.Ts(r.UpdatedAt),
        };
        json.AddIf(expand, "extra_fields", "extraFields", () => MxJson.Map(r.ExtraFields));
        if (expand.Contains("asset") && r.AssetId is { } assetId && data.Assets.Find(assetId) is { } asset)
        {
            json["asset"] = MxAssetViews.AssetSummary(asset);
        }

        if (expand.Contains("location") && r.LocationId is { } locationId && data.Locations.Find(locationId) is { } location)
        {
            json["location"] = MxAssetViews.LocationSummary(location);
        }

        if (expand.Contains("work_order") && r.WorkOrderId is { } workOrderId && data.WorkOrders.Find(workOrderId) is { } order)
        {
            json["workOrder"] = WorkOrder(order, data, new HashSet<string>());
        }

        return json;
    }
}
