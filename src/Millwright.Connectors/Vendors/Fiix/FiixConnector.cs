using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Vendors.Fiix;

/// <summary>
/// Fiix CMMS: reads classes with signed FindRequests, ordered by the unique <c>id</c> and paged by key
/// (<c>id &gt; last</c>, <c>startIndex</c> 0, <c>maxObjects</c> the page size), incremental on the class's
/// modification date; related objects (links, stock, lines, statuses) are fetched per page and written under
/// <c>_millwright</c>. Stateless. See README.md beside this file.
/// </summary>
internal sealed partial class FiixConnector(
    IHttpClientFactory clients,
    ITypedHttpClientFactory<FiixApi> apis,
    TimeProvider time,
    ILogger<FiixConnector> logger) : IConnector
{
    /// <summary>Fiix publishes no maximum; Boomi's connector caps a batch at 100 (SOURCE.md). 500 keeps responses moderate.</summary>
    internal const int MaxPageSize = 500;

    /// <summary>Page size of the related-object reads inside one page.</summary>
    private const int ChildPageSize = 1000;

    private readonly ConnectionCache<FiixLookups> lookups = new(time, TimeSpan.FromMinutes(10));

    public SystemDescriptor Descriptor => FiixSettings.Descriptor;

    public IReadOnlyDictionary<Entity, EntityMapping> DefaultMappings => FiixMapping.Defaults;

    private FiixApi Api() => apis.CreateClient(clients.CreateClient(FiixApi.ClientName));

    public async Task<ConnectorResult<ConnectionCheck>> CheckAsync(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var settings = FiixSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        // One signed FindRequest of a class every sync needs: proves the tenant, the three keys, the clock
        // and the read permission at once, and costs one row.
        var tenant = settings.Value!;
        var probe = await Api().SendAsync(connection, tenant, Find("WorkOrderStatus", "id, strName", null, [], 0, 1), cancellationToken).ConfigureAwait(false);
        if (!probe.IsSuccess)
        {
            return probe.Failure!;
        }

        if (probe.Value!["objects"] is not JsonArray)
        {
            return UpstreamFailures.InvalidResponse(FiixSettings.SystemName, "a FindResponse without objects");
        }

        return ConnectorResult<ConnectionCheck>.Ok(new ConnectionCheck(tenant.TenantUrl.Authority + tenant.TenantUrl.AbsolutePath.TrimEnd('/')));
    }

    public async Task<ConnectorResult<RawPage>> ReadPageAsync(ConnectionContext connection, ReadRequest request, CancellationToken cancellationToken)
    {
        if (!FiixEndpoint.All.TryGetValue(request.Entity, out var endpoint))
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamRejected,
                $"Fiix has no class read for {EntityInfo.Of(request.Entity).Path}.");
        }

        var settings = FiixSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var tenant = settings.Value!;
        var incremental = endpoint.ChangedAt is not null && Descriptor.Capabilities[request.Entity].Incremental;
        var cursor = request.Cursor is null ? PagingCursor.Start(incremental ? request.ModifiedSince : null) : PagingCursor.Decode(request.Cursor);
        long lastId = 0;
        if (cursor is null || (cursor.Vendor is { } vendor && !long.TryParse(vendor, NumberStyles.None, CultureInfo.InvariantCulture, out lastId)))
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.InvalidCursor,
                "The paging cursor was not made by the Fiix connector; restart the read from the first page.");
        }

        var api = Api();
        FiixLookups? tables = null;
        if (endpoint.Enrichment is FiixEnrichment.WorkOrder or FiixEnrichment.PurchaseOrder)
        {
            var loaded = await LookupsAsync(api, connection, tenant, cancellationToken).ConfigureAwait(false);
            if (!loaded.IsSuccess)
            {
                return loaded.Failure!;
            }

            tables = loaded.Value!;
        }

        // Keyset paging on the unique id: offsets would skip a record when one before it is removed or
        // leaves the filter between two pages; `id > last` never skips and never repeats.
        var clauses = new List<string>();
        var parameters = new JsonArray();
        if (endpoint.Ql is { } ql)
        {
            if (ql.Contains("{requested}", StringComparison.Ordinal))
            {
                var requested = tables!.RequestedStatusIds;
                if (requested.Count == 0)
                {
                    return ConnectorResult<RawPage>.Ok(new RawPage([], null));
                }

                ql = ql.Replace("{requested}", string.Join(", ", requested.Select(_ => "?")), StringComparison.Ordinal);
                foreach (var id in requested)
                {
                    parameters.Add(id);
                }
            }

            clauses.Add($"({ql})");
        }

        clauses.Add("id > ?");
        parameters.Add(lastId);
        if (cursor.ModifiedSince is { } since && endpoint.ChangedAt is { } changedAt)
        {
            clauses.Add($"{changedAt} >= ?");
            parameters.Add(since.ToUnixTimeMilliseconds());
        }

        var pageSize = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var page = await api.SendAsync(connection, tenant, Find(endpoint.ClassName, endpoint.Fields, string.Join(" AND ", clauses), parameters, 0, pageSize), cancellationToken)
            .ConfigureAwait(false);
        if (!page.IsSuccess)
        {
            return page.Failure!;
        }

        if (page.Value!["objects"] is not JsonArray objects)
        {
            return UpstreamFailures.InvalidResponse(FiixSettings.SystemName, "a FindResponse without objects");
        }

        var documents = objects.OfType<JsonObject>().Where(o => Id(o) is not null).ToList();
        objects.Clear();
        var enriched = await EnrichAsync(api, connection, tenant, endpoint.Enrichment, documents, tables, cancellationToken).ConfigureAwait(false);
        if (enriched is not null)
        {
            return enriched;
        }

        var total = page.Value["totalObjects"] is JsonValue t && t.GetValueKind() == JsonValueKind.Number ? t.GetValue<long>() : documents.Count;
        string? next = null;
        if (documents.Count > 0 && total > documents.Count)
        {
            var last = Id(documents[^1])!.Value.ToString(CultureInfo.InvariantCulture);
            if (cursor.Advance(last) is not { } advanced)
            {
                LogRepeatedPage(logger, connection.ConnectionId, endpoint.ClassName, cursor.Page + 1);
                return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamInvalidResponse,
                    $"Fiix returned the same {endpoint.ClassName} objects again while paging; the read was stopped instead of looping.");
            }

            next = advanced.Encode();
        }

        return ConnectorResult<RawPage>.Ok(new RawPage([.. documents.Select(d => Record(endpoint, d))], next));
    }

    private static RawRecord Record(FiixEndpoint endpoint, JsonObject document)
    {
        var created = Time(document, endpoint.CreatedAt) ?? Time(document[FiixComputed.Property] as JsonObject, FiixComputed.CreatedAt);
        return new RawRecord(Id(document)!.Value.ToString(CultureInfo.InvariantCulture), document, created, Time(document, endpoint.ChangedAt), null);
    }

    internal static JsonObject Find(string className, string fields, string? ql, JsonArray parameters, int startIndex, int maxObjects)
    {
        var message = new JsonObject
        {
            ["_maCn"] = "FindRequest",
            ["clientVersion"] = new JsonObject { ["major"] = 2, ["minor"] = 8, ["patch"] = 1 },
            ["className"] = className,
            ["fields"] = fields,
            ["orderBy"] = "id ASC",
            ["startIndex"] = startIndex,
            ["maxObjects"] = maxObjects,
        };
        if (ql is not null)
        {
            message["filters"] = new JsonArray(new JsonObject { ["ql"] = ql, ["parameters"] = parameters });
        }

        return message;
    }

    internal static long? Id(JsonObject? document) => Long(document?["id"]);

    internal static long? Long(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) ? number : null;

    private static DateTimeOffset? Time(JsonObject? document, string? field) =>
        field is not null && Long(document?[field]) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fiix repeated objects of {ClassName} at page {Page} (connection {ConnectionId}); read stopped")]
    private static partial void LogRepeatedPage(ILogger logger, string connectionId, string className, int page);
}
