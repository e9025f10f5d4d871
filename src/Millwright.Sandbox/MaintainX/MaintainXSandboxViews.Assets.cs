using System.Text.Json.Nodes;

namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// Assets and locations as MaintainX shows them. List items carry only what the list schema declares,
/// the rest needs <c>expand</c>; single-record responses carry the full object of the get schema.
/// </summary>
internal static class MxAssetViews
{
    public static readonly string[] AssetListExpand =
        ["barcode", "team_ids", "asset_types", "extra_fields", "vendor_ids", "depreciation", "status", "manufacturer", "model"];

    public static readonly string[] LocationListExpand = ["extra_fields", "team_ids", "vendor_ids", "barcode"];

    /// <summary>The short asset object embedded by <c>expand=asset</c> elsewhere.</summary>
    public static JsonObject AssetSummary(MxAsset a) => new()
    {
        ["id"] = a.Id,
        ["name"] = a.Name,
        ["description"] = a.Description,
        ["parentId"] = a.ParentId,
        ["criticalityId"] = a.CriticalityId,
        ["locationId"] = a.LocationId,
        ["serialNumber"] = a.SerialNumber,
        ["createdAt"] = MxJson.Ts(a.CreatedAt),
        ["updatedAt"] = MxJson.Ts(a.UpdatedAt),
        ["creatorId"] = a.CreatorId,
    };

    public static JsonObject AssetListItem(MxAsset a, long organizationId, IReadOnlySet<string> expand)
    {
        var json = AssetSummary(a);
        json["organizationId"] = organizationId;
        json.AddIf(expand, "barcode", "barcode", () => a.Barcode ?? "");
        json.AddIf(expand, "team_ids", "teamIds", () => MxJson.Ids(a.TeamIds));
        json.AddIf(expand, "asset_types", "assetTypes", () => MxJson.Strings(a.AssetTypes));
        json.AddIf(expand, "extra_fields", "extraFields", () => MxJson.Map(a.ExtraFields));
        json.AddIf(expand, "vendor_ids", "vendorIds", () => MxJson.Ids(a.VendorIds));
        json.AddIf(expand, "status", "status", () => Status(a));
        json.AddIf(expand, "manufacturer", "manufacturer", () => a.Manufacturer ?? "");
        json.AddIf(expand, "model", "model", () => a.Model ?? "");
        return json;
    }

    /// <summary>The full asset; the PATCH response schema is the same object without <c>status</c>.</summary>
    public static JsonObject Asset(MxAsset a, MaintainXSandboxData data, bool withStatus = true)
    {
        var json = AssetFull(a, data);
        if (withStatus)
        {
            json["status"] = Status(a);
        }

        return json;
    }

    private static JsonObject AssetFull(MxAsset a, MaintainXSandboxData data) => new()
    {
        ["id"] = a.Id,
        ["name"] = a.Name,
        ["globalUuid"] = a.GlobalUuid,
        ["barcode"] = a.Barcode,
        ["description"] = a.Description,
        ["criticalityId"] = a.CriticalityId,
        ["teamIds"] = MxJson.Ids(a.TeamIds),
        ["assetTypes"] = MxJson.Strings(a.AssetTypes),
        ["parentId"] = a.ParentId,
        ["childrenIds"] = MxJson.Ids(data.Assets.Snapshot().Where(c => c.ParentId == a.Id && c.DeletedAt is null).Select(c => c.Id)),
        ["locationId"] = a.LocationId,
        ["serialNumber"] = a.SerialNumber,
        ["thumbnail"] = null,
        ["attachments"] = new JsonArray(),
        ["extraFields"] = MxJson.Map(a.ExtraFields),
        ["vendorIds"] = MxJson.Ids(a.VendorIds),
        ["createdAt"] = MxJson.Ts(a.CreatedAt),
        ["updatedAt"] = MxJson.Ts(a.UpdatedAt),
        ["deletedAt"] = MxJson.Ts(a.DeletedAt),
        ["creatorId"] = a.CreatorId,
        ["depreciation"] = null,
        ["manufacturer"] = a.Manufacturer,
        ["model"] = a.Model,
    };

    public static JsonObject Status(MxAsset a) => new()
    {
        ["id"] = a.Status.Id,
        ["status"] = a.Status.Status,
        ["downtimeType"] = a.Status.DowntimeType,
        ["startedAt"] = MxJson.Ts(a.Status.StartedAt),
        ["endedAt"] = null,
        ["description"] = a.Status.Description,
        ["createdAt"] = MxJson.Ts(a.Status.StartedAt),
        ["updatedAt"] = MxJson.Ts(a.Status.StartedAt),
        ["deletedAt"] = null,
    };

    /// <summary>An item of <c>GET /assetstatuses</c>: the asset's current status record.</summary>
    public static JsonObject StatusRecord(MxAsset a, long organizationId) => new()
    {
        ["id"] = a.Status.Id,
        ["customStatusId"] = null,
        ["assetId"] = a.Id,
        ["status"] = a.Status.Status,
        ["downtimeType"] = a.Status.DowntimeType,
        ["startedAt"] = MxJson.Ts(a.Status.StartedAt),
        ["endedAt"] = null,
        ["organizationId"] = organizationId,
        ["creatorId"] = a.CreatorId ?? 0,
        ["updaterId"] = null,
        ["createdAt"] = MxJson.Ts(a.Status.StartedAt),
        ["updatedAt"] = MxJson.Ts(a.Status.StartedAt),
        ["deletedAt"] = null,
        ["description"] = a.Status.Description,
    };

    public static JsonObject LocationSummary(MxLocation l) => new()
    {
        ["id"] = l.Id,
        ["name"] = l.Name,
        ["description"] = l.Description,
        ["address"] = l.Address,
        ["parentId"] = l.ParentId,
        ["createdAt"] = MxJson.Ts(l.CreatedAt),
        ["updatedAt"] = MxJson.Ts(l.UpdatedAt),
    };

    public static JsonObject LocationListItem(MxLocation l, long organizationId, IReadOnlySet<string> expand)
    {
        var json = LocationSummary(l);
        json["organizationId"] = organizationId;
        json.AddIf(expand, "extra_fields", "extraFields", () => MxJson.Map(l.ExtraFields));
        json.AddIf(expand, "team_ids", "teamIds", () => MxJson.Ids(l.TeamIds));
        json.AddIf(expand, "vendor_ids", "vendorIds", () => MxJson.Ids(l.VendorIds));
        json.AddIf(expand, "barcode", "barcode", () => l.Barcode ?? "");
        return json;
    }

    public static JsonObject Location(MxLocation l, MaintainXSandboxData data) => new()
    {
        ["id"] = l.Id,
        ["name"] = l.Name,
        ["description"] = l.Description,
        ["address"] = l.Address,
        ["barcode"] = l.Barcode,
        ["parentId"] = l.ParentId,
        ["childrenIds"] = MxJson.Ids(data.Locations.Snapshot().Where(c => c.ParentId == l.Id && c.DeletedAt is null).Select(c => c.Id)),
        ["thumbnail"] = null,
        ["attachments"] = new JsonArray(),
        ["extraFields"] = MxJson.Map(l.ExtraFields),
        ["teamIds"] = MxJson.Ids(l.TeamIds),
        ["vendorIds"] = MxJson.Ids(l.VendorIds),
        ["createdAt"] = MxJson.Ts(l.CreatedAt),
        ["updatedAt"] = MxJson.Ts(l.UpdatedAt),
        ["deletedAt"] = MxJson.Ts(l.DeletedAt),
    };
}
