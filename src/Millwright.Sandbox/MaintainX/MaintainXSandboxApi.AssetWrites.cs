using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// Asset writes (POST answers 201 <c>{id}</c>, PATCH 200 <c>{asset}</c>, DELETE 204) and meter readings,
/// the only way readings enter MaintainX. A reading bumps its meter's <c>updatedAt</c>.
/// </summary>
internal static partial class MaintainXSandboxApi
{
    private static void MapAssetWrites(RouteGroupBuilder api, MaintainXSandbox sandbox)
    {
        api.MapPost("/assets", async Task<IResult> (HttpContext http) =>
        {
            var body = await MxBody.ReadAsync(http.Request);
            var data = Data(http, sandbox);
            var name = body.String("name", required: true)!;
            var now = sandbox.Now();
            var draft = ApplyAssetFields(body, data, new MxAsset
            {
                Id = 0,
                Name = name,
                GlobalUuid = Guid.NewGuid().ToString(),
                CreatorId = MaintainXSandboxGate.Caller(http).Key.UserId,
                Status = new MxAssetStatus(0, "ONLINE", null, now, null),
                CreatedAt = now,
                UpdatedAt = now,
            });
            var created = data.Assets.Add(id => draft with { Id = id, Status = draft.Status with { Id = (id * 10) + 1 } });
            return Ok(new JsonObject { ["id"] = created.Id }, StatusCodes.Status201Created);
        });

        api.MapPatch("/assets/{id:long}", async Task<IResult> (HttpContext http, long id) =>
        {
            var body = await MxBody.ReadAsync(http.Request);
            var data = Data(http, sandbox);
            if (body.Id("parentId") == id)
            {
                throw body.Invalid("parentId", "parentId is not valid");
            }

            var now = sandbox.Now();
            var updated = data.Assets.Update(id, current => current.DeletedAt is not null ? current : ApplyAssetFields(body, data, current) with { UpdatedAt = now });
            return updated is null || updated.DeletedAt is not null
                ? MaintainXSandboxGate.Error(StatusCodes.Status404NotFound, "asset Not Found")
                : One("asset", MxAssetViews.Asset(updated, data, withStatus: false));
        });

        api.MapDelete("/assets/{id:long}", (HttpContext http, long id) =>
        {
            var data = Data(http, sandbox);
            var now = sandbox.Now();
            var existed = false;
            data.Assets.Update(id, current =>
            {
                existed = current.DeletedAt is null;
                return existed ? current with { DeletedAt = now, UpdatedAt = now } : current;
            });
            return existed ? Results.NoContent() : MaintainXSandboxGate.Error(StatusCodes.Status404NotFound, "Not Found.");
        });

        api.MapPost("/meterreadings", async Task<IResult> (HttpContext http) =>
        {
            var items = await MxBody.ReadNodeAsync(http.Request) as JsonArray ?? throw new MxValidationError("should be array");
            var data = Data(http, sandbox);
            var now = sandbox.Now();
            var readings = items.Select(n => n as JsonObject ?? throw new MxValidationError("should be array of objects")).Select(MxBody.From).Select(b =>
                (MeterId: b.Id("meterId", required: true)!.Value, Value: b.Number("value", required: true)!.Value, Date: b.Time("readingDate"))).ToList();
            if (readings.FirstOrDefault(r => data.Meters.Find(r.MeterId) is not { DeletedAt: null }) is { MeterId: > 0 })
            {
                return MaintainXSandboxGate.Error(StatusCodes.Status404NotFound, "meter Not Found");
            }

            var created = readings.Select(r => (r.MeterId, Reading: AddReading(data, r.MeterId, r.Value, r.Date, now))).ToList();
            return Ok(MxJson.Array(created, c => new JsonObject
            {
                ["meterId"] = c.MeterId,
                ["value"] = c.Reading.Value,
                ["createdAt"] = MxJson.Ts(c.Reading.CreatedAt),
                ["readingDate"] = MxJson.Ts(c.Reading.ReadingDate),
            }), StatusCodes.Status201Created);
        });

        api.MapPost("/meters/{meterId:long}/readings", async Task<IResult> (HttpContext http, long meterId) =>
        {
            var body = await MxBody.ReadAsync(http.Request);
            var value = body.Number("readingValue", required: true)!.Value;
            var data = Data(http, sandbox);
            if (data.Meters.Find(meterId) is not { DeletedAt: null })
            {
                return MaintainXSandboxGate.Error(StatusCodes.Status404NotFound, "meter Not Found");
            }

            var reading = AddReading(data, meterId, value, body.Time("readingDate"), sandbox.Now());
            return Ok(new JsonObject
            {
                ["id"] = reading.Id,
                ["createdAt"] = MxJson.Ts(reading.CreatedAt),
                ["readingDate"] = MxJson.Ts(reading.ReadingDate),
                ["readingValue"] = reading.Value,
            }, StatusCodes.Status201Created);
        });
    }

    private static MxMeterReading AddReading(MaintainXSandboxData data, long meterId, double value, DateTimeOffset? date, DateTimeOffset now)
    {
        var reading = new MxMeterReading(Guid.NewGuid().ToString(), value, date ?? now, now);
        data.Meters.Update(meterId, m => m with { Readings = [.. m.Readings.Where(r => r.ReadingDate <= reading.ReadingDate), reading, .. m.Readings.Where(r => r.ReadingDate > reading.ReadingDate)], UpdatedAt = now });
        return reading;
    }

    private static MxAsset ApplyAssetFields(MxBody body, MaintainXSandboxData data, MxAsset a)
    {
        if (body.Has("name")) a = a with { Name = body.String("name") is { Length: > 0 } name ? name : throw body.Invalid("name", "should NOT be shorter than 1 characters") };
        if (body.Has("description")) a = a with { Description = body.String("description") };
        if (body.Has("barcode")) a = a with { Barcode = body.String("barcode") };
        if (body.Has("serialNumber")) a = a with { SerialNumber = body.String("serialNumber") };
        if (body.Has("assetTypes")) a = a with { AssetTypes = body.Strings("assetTypes") ?? [] };
        if (body.Has("extraFields")) a = a with { ExtraFields = body.Map("extraFields") ?? new Dictionary<string, string>() };
        if (body.Has("teamIds")) a = a with { TeamIds = Existing(body, "teamIds", body.Ids("teamIds"), id => data.Teams.Find(id)) };
        if (body.Has("vendorIds")) a = a with { VendorIds = Existing(body, "vendorIds", body.Ids("vendorIds"), id => data.Vendors.Find(id)) };
        if (body.Has("criticalityId"))
        {
            var id = body.Id("criticalityId");
            a = a with { CriticalityId = id is { } c && data.Criticalities.All(x => x.Id != c) ? throw body.Invalid("criticalityId", "criticalityId is not valid") : id };
        }

        if (body.Has("parentId"))
        {
            var id = body.Id("parentId");
            a = a with { ParentId = id is { } p && data.Assets.Find(p) is not { DeletedAt: null } ? throw body.Invalid("parentId", "parentId is not valid") : id };
        }

        if (body.Has("locationId"))
        {
            var id = body.Id("locationId");
            a = a with { LocationId = id is { } l && data.Locations.Find(l) is not { DeletedAt: null } ? throw body.Invalid("locationId", "locationId is not valid") : id };
        }

        // Manufacturer and model are written as {id?, name} objects but read back as names.
        if (body.Has("manufacturer")) a = a with { Manufacturer = NamedObject(body, "manufacturer") };
        if (body.Has("model")) a = a with { Model = NamedObject(body, "model") };
        return a;
    }

    private static string? NamedObject(MxBody body, string name) =>
        body.IsNull(name) ? null : body.Object(name).String("name") ?? throw body.Invalid(name, $"should have required property '{name}.name'");
}
