using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// Work-request writes as the spec describes them: POST /workrequests answers 200 <c>{id}</c> (a new request is
/// PENDING), PATCH /workrequests/{id} 200 <c>{workRequest}</c>, DELETE 204 (the list no longer shows it).
/// The body fields are title, priority, assetId, locationId, extraFields, approverTeamId and creatorContactInfo.
/// </summary>
internal static partial class MaintainXSandboxApi
{
    private static void MapWorkRequestWrites(RouteGroupBuilder api, MaintainXSandbox sandbox)
    {
        api.MapPost("/workrequests", async Task<IResult> (HttpContext http) =>
        {
            var body = await MxBody.ReadAsync(http.Request);
            var data = Data(http, sandbox);
            var title = body.String("title", required: true)!;
            var now = sandbox.Now();
            var draft = ApplyWorkRequestFields(body, data, new MxWorkRequest
            {
                Id = 0,
                Title = title,
                Priority = "NONE",
                RequestStatus = "PENDING",
                CreatedAt = now,
                UpdatedAt = now,
            });
            var created = data.WorkRequests.Add(id => draft with { Id = id });
            return Ok(new JsonObject { ["id"] = created.Id });
        });

        api.MapPatch("/workrequests/{id:long}", async Task<IResult> (HttpContext http, long id) =>
        {
            var body = await MxBody.ReadAsync(http.Request);
            var data = Data(http, sandbox);
            var now = sandbox.Now();
            var updated = data.WorkRequests.Update(id, current => current.DeletedAt is not null
                ? current
                : ApplyWorkRequestFields(body, data, current) with { UpdatedAt = now });
            return updated is null || updated.DeletedAt is not null
                ? MaintainXSandboxGate.Error(StatusCodes.Status404NotFound, "workRequest Not Found")
                : One("workRequest", MxWorkViews.WorkRequest(updated, data, new HashSet<string>()));
        });

        api.MapDelete("/workrequests/{id:long}", (HttpContext http, long id) =>
        {
            var data = Data(http, sandbox);
            var now = sandbox.Now();
            var existed = false;
            data.WorkRequests.Update(id, current =>
            {
                existed = current.DeletedAt is null;
                return existed ? current with { DeletedAt = now, UpdatedAt = now } : current;
            });
            return existed ? Results.NoContent() : MaintainXSandboxGate.Error(StatusCodes.Status404NotFound, "workRequest Not Found");
        });
    }

    private static MxWorkRequest ApplyWorkRequestFields(MxBody body, MaintainXSandboxData data, MxWorkRequest r)
    {
        if (body.Has("title"))
        {
            r = r with { Title = body.String("title") is { Length: > 0 } title ? title : throw body.Invalid("title", "should NOT be shorter than 1 characters") };
        }

        if (body.Has("priority")) r = r with { Priority = body.Enum("priority", Priorities) ?? "NONE" };
        if (body.Has("extraFields")) r = r with { ExtraFields = body.Map("extraFields") ?? new Dictionary<string, string>() };
        if (body.Has("creatorContactInfo")) r = r with { ContactEmail = body.StringOrNull("creatorContactInfo") };
        if (body.Has("assetId"))
        {
            var assetId = body.Id("assetId");
            r = r with { AssetId = assetId is { } a && data.Assets.Find(a) is not { DeletedAt: null } ? throw body.Invalid("assetId", "assetId is not valid") : assetId };
        }

        if (body.Has("locationId"))
        {
            var locationId = body.Id("locationId");
            r = r with { LocationId = locationId is { } l && data.Locations.Find(l) is null ? throw body.Invalid("locationId", "locationId is not valid") : locationId };
        }

        if (body.Has("approverTeamId"))
        {
            var teamId = body.Id("approverTeamId");
            r = r with { ApproverTeamId = teamId is { } t && data.Teams.Find(t) is null ? throw body.Invalid("approverTeamId", "approverTeamId is not valid") : teamId };
        }

        return r;
    }
}
