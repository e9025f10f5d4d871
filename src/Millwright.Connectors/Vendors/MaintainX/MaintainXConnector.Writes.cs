using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.MaintainX;

/// <summary>
/// Writes (spec: POST/PATCH/DELETE /workorders, PATCH /workorders/{id}/status, /workrequests, /assets,
/// POST /meters/{meterId}/readings). Every write reads the record back with the detail call and the same
/// enrichment as a sync page, so the stored record is the one a sync would store.
/// </summary>
internal sealed partial class MaintainXConnector : IWritableConnector, IPassthroughConnector
{
    /// <summary>Detail calls accept fewer expansions than the lists (spec, GET /workorders/{id} and /workrequests/{id}).</summary>
    private static readonly IReadOnlyDictionary<Entity, string[]> DetailExpand = new Dictionary<Entity, string[]>
    {
        [Entity.WorkOrders] = ["assignees", "asset", "location", "extra_fields"],
        [Entity.MaintenanceRequests] = ["asset", "extra_fields"],
        [Entity.Assets] = [],
    };

    public async Task<ConnectorResult<RawRecord>> CreateAsync(ConnectionContext connection, CreateRequest request, CancellationToken cancellationToken)
    {
        var api = Api();
        if (request.Entity == Entity.MeterReadings)
        {
            return await CreateReadingAsync(api, connection, request.Document, cancellationToken).ConfigureAwait(false);
        }

        var endpoint = MaintainXEndpoint.All[request.Entity];
        var created = await api.SendAsync(connection, HttpMethod.Post, endpoint.Path, Numeric(request.Document), statusChange: false, cancellationToken).ConfigureAwait(false);
        if (!created.IsSuccess)
        {
            return created.Failure!;
        }

        if (RemoteIds.Normalize(created.Value?["id"]) is not { } id)
        {
            return UpstreamFailures.InvalidResponse(MaintainXSettings.SystemName, $"a POST /{endpoint.Path} response without the new record's id");
        }

        return await ReadBackAsync(api, connection, request.Entity, id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConnectorResult<RawRecord>> UpdateAsync(ConnectionContext connection, UpdateRequest request, CancellationToken cancellationToken)
    {
        var api = Api();
        var endpoint = MaintainXEndpoint.All[request.Entity];
        var path = $"{endpoint.Path}/{Uri.EscapeDataString(request.RemoteId)}";
        if (request.Changes.Count > 0)
        {
            var changed = await api.SendAsync(connection, HttpMethod.Patch, path, Numeric(request.Changes), statusChange: false, cancellationToken).ConfigureAwait(false);
            if (!changed.IsSuccess)
            {
                return changed.Failure!;
            }
        }

        if (request.Status is { } status)
        {
            // Spec: the status of a work order changes only through PATCH /workorders/{id}/status.
            var value = status.RemoteStatus ?? WorkOrderStatus(status.Status);
            var moved = await api.SendAsync(connection, HttpMethod.Patch, $"{path}/status", new JsonObject { ["status"] = value }, statusChange: true, cancellationToken)
                .ConfigureAwait(false);
            if (!moved.IsSuccess)
            {
                return moved.Failure!;
            }
        }

        return await ReadBackAsync(api, connection, request.Entity, request.RemoteId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConnectorResult<DeletedRecord>> DeleteAsync(ConnectionContext connection, DeleteRequest request, CancellationToken cancellationToken)
    {
        var endpoint = MaintainXEndpoint.All[request.Entity];
        var deleted = await Api().SendAsync(connection, HttpMethod.Delete, $"{endpoint.Path}/{Uri.EscapeDataString(request.RemoteId)}", null, statusChange: false, cancellationToken)
            .ConfigureAwait(false);
        return deleted.IsSuccess ? ConnectorResult<DeletedRecord>.Ok(new DeletedRecord(request.RemoteId, null)) : deleted.Failure!;
    }

    public Task<ConnectorResult<PassthroughResponse>> PassthroughAsync(ConnectionContext connection, PassthroughRequest request, CancellationToken cancellationToken) =>
        Api().PassthroughAsync(connection, request, cancellationToken);

    private static string WorkOrderStatus(string unified) => unified switch
    {
        "in_progress" => "IN_PROGRESS",
        "on_hold" => "ON_HOLD",
        "completed" => "DONE",
        "cancelled" => "CANCELED",
        _ => "OPEN",
    };

    /// <summary>Readings answer <c>{id, createdAt, readingDate, readingValue}</c>; the meter's id is added so the mapping can reference it.</summary>
    private static async Task<ConnectorResult<RawRecord>> CreateReadingAsync(MaintainXApi api, ConnectionContext connection, JsonObject document, CancellationToken cancellationToken)
    {
        if (RemoteIds.Normalize(document["meterId"]) is not { } meterId)
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.ValidationFailed, "A MaintainX meter reading needs its meter.");
        }

        var body = new JsonObject { ["readingValue"] = document["readingValue"]?.DeepClone(), ["readingDate"] = document["readingDate"]?.DeepClone() };
        var created = await api.SendAsync(connection, HttpMethod.Post, $"meters/{Uri.EscapeDataString(meterId)}/readings", body, statusChange: false, cancellationToken)
            .ConfigureAwait(false);
        if (!created.IsSuccess)
        {
            return created.Failure!;
        }

        if (created.Value is not { } reading || RemoteIds.Normalize(reading["id"]) is not { } id)
        {
            return UpstreamFailures.InvalidResponse(MaintainXSettings.SystemName, "a meter reading response without its id");
        }

        reading["meterId"] = long.TryParse(meterId, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric) ? numeric : meterId;
        return ConnectorResult<RawRecord>.Ok(new RawRecord(id, reading, Time(reading["createdAt"]), Time(reading["createdAt"]), null));
    }

    private async Task<ConnectorResult<RawRecord>> ReadBackAsync(MaintainXApi api, ConnectionContext connection, Entity entity, string id, CancellationToken cancellationToken)
    {
        var endpoint = MaintainXEndpoint.All[entity];
        var query = DetailExpand.GetValueOrDefault(entity, []).Select(e => KeyValuePair.Create("expand", e));
        var detail = await api.GetAsync(connection, $"{endpoint.Path}/{Uri.EscapeDataString(id)}", query, listCall: false, cancellationToken).ConfigureAwait(false);
        if (!detail.IsSuccess)
        {
            return detail.Failure!;
        }

        var property = endpoint.DetailProperty ?? Singular(endpoint.ListProperty);
        if (detail.Value![property] is not JsonObject document)
        {
            return UpstreamFailures.InvalidResponse(MaintainXSettings.SystemName, $"a /{endpoint.Path}/{{id}} response without '{property}'");
        }

        detail.Value.Remove(property);
        var records = await BuildRecordsAsync(api, connection, endpoint with { Enrichment = MaintainXEnrichment.None, RootsOnly = false }, [document], cancellationToken)
            .ConfigureAwait(false);
        return !records.IsSuccess ? records.Failure!
            : records.Value!.Count == 1 ? ConnectorResult<RawRecord>.Ok(records.Value[0])
            : UpstreamFailures.InvalidResponse(MaintainXSettings.SystemName, $"a /{endpoint.Path}/{{id}} document without its id");
    }

    private static string Singular(string listProperty) => listProperty.EndsWith('s') ? listProperty[..^1] : listProperty;

    /// <summary>
    /// The API takes ids as integers (spec: assetId, locationId, requesterId, assignees[].id …) while the written
    /// document carries remote ids as text: digit-only text under an id property becomes a number.
    /// </summary>
    internal static JsonObject Numeric(JsonObject document)
    {
        foreach (var (name, value) in document.ToList())
        {
            var isId = name == "id" || name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("Ids", StringComparison.Ordinal);
            switch (value)
            {
                case JsonObject inner:
                    Numeric(inner);
                    break;
                case JsonArray items:
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (items[i] is JsonObject element)
                        {
                            Numeric(element);
                        }
                        else if (isId && AsNumber(items[i]) is { } n)
                        {
                            items[i] = n;
                        }
                    }

                    break;
                default:
                    if (isId && AsNumber(value) is { } number)
                    {
                        document[name] = number;
                    }

                    break;
            }
        }

        return document;
    }

    private static long? AsNumber(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            && long.TryParse((string)value!, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
