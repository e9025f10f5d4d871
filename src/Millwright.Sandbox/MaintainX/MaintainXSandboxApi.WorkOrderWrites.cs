using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// Work-order writes. Every write stamps <c>updatedAt</c> from the sandbox clock, so the change shows up
/// in the next <c>updatedAt[gte]</c> poll; DELETE is a soft delete that keeps the record listed with
/// <c>deletedAt</c> set. <c>skipWebhook</c> is accepted and has no effect (no webhooks are emulated).
/// </summary>
internal static partial class MaintainXSandboxApi
{
    private static readonly string[] WritableTypes = ["OTHER", "REACTIVE", "PREVENTIVE"];
    private static readonly string[] SettableStatuses = ["OPEN", "IN_PROGRESS", "ON_HOLD", "DONE", "CANCELED"];

    private static void MapWorkOrderWrites(RouteGroupBuilder api, MaintainXSandbox sandbox)
    {
        api.MapPost("/workorders", async Task<IResult> (HttpContext http) =>
        {
            var body = await MxBody.ReadAsync(http.Request);
            var data = Data(http, sandbox);
            var caller = MaintainXSandboxGate.Caller(http);
            var title = body.String("title", required: true)!;
            var now = sandbox.Now();
            var draft = ApplyWorkOrderFields(body, data, new MxWorkOrder
            {
                Id = 0,
                SequentialId = 0,
                Title = title,
                Status = "OPEN",
                Priority = "NONE",
                CreatorId = caller.Key.UserId,
                CreatedAt = now,
                UpdatedAt = now,
            });
            MxWorkOrder created;
            lock (data.SequenceGate)
            {
                var sequence = data.NextSequentialId++;
                created = data.WorkOrders.Add(id => draft with { Id = id, SequentialId = sequence });
            }

            if (body.Id("workRequestId") is { } requestId)
            {
                data.WorkRequests.Update(requestId, r => r with { WorkOrderId = created.Id, RequestStatus = "APPROVED", UpdatedAt = now });
            }

            return Ok(new JsonObject { ["id"] = created.Id });
        });

        api.MapPatch("/workorders/{id:long}", async Task<IResult> (HttpContext http, long id) =>
        {
            var body = await MxBody.ReadAsync(http.Request);
            var data = Data(http, sandbox);
            var expand = Expand(http.Request, MxWorkViews.WorkOrderGetExpand);
            var now = sandbox.Now();
            var updated = data.WorkOrders.Update(id, current => current.DeletedAt is not null
                ? current
                : ApplyWorkOrderFields(body, data, current) with { UpdatedAt = now });
            return updated is null || updated.DeletedAt is not null
                ? MaintainXSandboxGate.Error(StatusCodes.Status404NotFound, "Work Order Not Found")
                : One("workOrder", MxWorkViews.WorkOrder(updated, data, expand));
        });

        api.MapPatch("/workorders/{id:long}/status", async Task<IResult> (HttpContext http, long id) =>
        {
            var body = await MxBody.ReadAsync(http.Request);
            var status = body.Enum("status", SettableStatuses, required: true)!;
            var data = Data(http, sandbox);
            var caller = MaintainXSandboxGate.Caller(http);
            var now = sandbox.Now();
            var updated = data.WorkOrders.Update(id, current => current.DeletedAt is not null
                ? current
                : current with
                {
                    Status = status,
                    // completedAt is "the date & time at which the work order was last marked as DONE".
                    CompletedAt = status == "DONE" ? now : current.CompletedAt,
                    CompleterId = status == "DONE" ? caller.Key.UserId : current.CompleterId,
                    UpdatedAt = now,
                });
            return updated is null || updated.DeletedAt is not null
                ? MaintainXSandboxGate.Error(StatusCodes.Status404NotFound, "Work Order Not Found")
                : One("workOrder", MxWorkViews.WorkOrder(updated, data, new HashSet<string>()));
        });

        api.MapDelete("/workorders/{id:long}", (HttpContext http, long id) =>
        {
            var data = Data(http, sandbox);
            var now = sandbox.Now();
            var existed = false;
            data.WorkOrders.Update(id, current =>
            {
                existed = current.DeletedAt is null;
                return existed ? current with { DeletedAt = now, UpdatedAt = now } : current;
            });
            return existed ? Results.NoContent() : MaintainXSandboxGate.Error(StatusCodes.Status404NotFound, "workOrder Not Found");
        });
    }

    /// <summary>Applies the writable fields present in <paramref name="body"/>; absent fields keep their value.</summary>
    private static MxWorkOrder ApplyWorkOrderFields(MxBody body, MaintainXSandboxData data, MxWorkOrder w)
    {
        if (body.Has("title"))
        {
            w = w with { Title = body.String("title") is { Length: > 0 } title ? title : throw body.Invalid("title", "should NOT be shorter than 1 characters") };
        }

        if (body.Has("description")) w = w with { Description = body.String("description") };
        if (body.Has("priority")) w = w with { Priority = body.Enum("priority", Priorities) ?? "NONE" };
        if (body.Has("type")) w = w with { Type = body.Enum("type", WritableTypes) };
        if (body.Has("dueDate")) w = w with { DueDate = body.Time("dueDate") };
        if (body.Has("startDate")) w = w with { StartDate = body.Time("startDate") };
        if (body.Has("estimatedTime")) w = w with { EstimatedTime = (int?)body.Id("estimatedTime") };
        if (body.Has("extraFields")) w = w with { ExtraFields = body.Map("extraFields") ?? new Dictionary<string, string>() };
        if (body.Has("vendorIds")) w = w with { VendorIds = Existing(body, "vendorIds", body.Ids("vendorIds"), id => data.Vendors.Find(id)) };
        if (body.Has("assetId"))
        {
            var assetId = body.Id("assetId");
            var asset = assetId is { } a ? data.Assets.Find(a) ?? throw body.Invalid("assetId", "assetId is not valid") : null;
            w = w with { AssetId = assetId, LocationId = body.Has("locationId") ? w.LocationId : asset?.LocationId ?? w.LocationId };
        }

        if (body.Has("locationId"))
        {
            var locationId = body.Id("locationId");
            w = w with { LocationId = locationId is { } l && data.Locations.Find(l) is null ? throw body.Invalid("locationId", "locationId is not valid") : locationId };
        }

        if (body.Has("categories"))
        {
            var labels = body.Strings("categories") ?? [];
            w = w with { Categories = labels.All(l => data.Categories.Any(c => c.Label == l)) ? [.. labels.Distinct()] : throw body.Invalid("categories", "Invalid category") };
        }

        if (body.Has("assignees")) w = w with { Assignees = Assignees(body, data) };
        if (body.Has("requesterId")) w = w with { RequesterId = Requester(body, data) };
        if (body.Has("partsUsed"))
        {
            w = w with
            {
                Parts = [.. (body.Objects("partsUsed") ?? []).Select(p => new MxPartUse(
                    data.Parts.Find(p.Id("partId", required: true)!.Value)?.Id ?? throw body.Invalid("partsUsed", "partId is not valid"),
                    (int)(p.Id("quantityUsed") ?? 0), p.Id("locationId")))],
            };
        }

        return w;
    }

    private static IReadOnlyList<MxAssignee> Assignees(MxBody body, MaintainXSandboxData data) =>
        [.. (body.Objects("assignees") ?? []).Select(a =>
        {
            var type = a.Enum("type", ["USER", "TEAM"], required: true)!;
            var user = type == "USER" ? a.StringOrNull("id") is { } email ? FindUserByEmail(data, email) : data.Users.Find(a.Id("id", required: true)!.Value) : null;
            var id = type == "TEAM" ? data.Teams.Find(a.Id("id", required: true)!.Value)?.Id : user?.Id;
            return new MxAssignee(type, id ?? throw body.Invalid("assignees", "assignee is not valid"));
        })];

    private static long? Requester(MxBody body, MaintainXSandboxData data)
    {
        if (body.IsNull("requesterId"))
        {
            return null;
        }

        var requester = body.StringOrNull("requesterId") is { } email ? FindUserByEmail(data, email) : data.Users.Find(body.Id("requesterId")!.Value);
        return requester?.Id ?? throw body.Invalid("requesterId", "requesterId is not valid");
    }

    private static MxUser? FindUserByEmail(MaintainXSandboxData data, string email) =>
        data.Users.Snapshot().FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyList<long> Existing<T>(MxBody body, string name, IReadOnlyList<long>? ids, Func<long, T?> find)
        where T : class =>
        ids is null ? [] : ids.All(id => find(id) is not null) ? [.. ids.Distinct()] : throw body.Invalid(name, $"{name} is not valid");
}
