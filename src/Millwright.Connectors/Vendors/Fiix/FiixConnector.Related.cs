using System.Text.Json.Nodes;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Fiix;

internal sealed partial class FiixConnector
{
    /// <summary>The reference tables, from one BatchRequest of three finds (cached for 10 minutes per connection).</summary>
    private async Task<ConnectorResult<FiixLookups>> LookupsAsync(FiixApi api, ConnectionContext connection, FiixTenant tenant, CancellationToken cancellationToken)
    {
        if (lookups.Get(connection.ConnectionId) is { } cached)
        {
            return ConnectorResult<FiixLookups>.Ok(cached);
        }

        var batch = new JsonObject
        {
            ["_maCn"] = "BatchRequest",
            ["singleTransaction"] = false,
            ["requests"] = new JsonArray(
                Find("WorkOrderStatus", "id, intControlID", null, [], 0, ChildPageSize),
                Find("Priority", "id, intOrder", null, [], 0, ChildPageSize),
                Find("PurchaseOrderStatus", "id, intControlID", null, [], 0, ChildPageSize)),
        };
        var response = await api.SendAsync(connection, tenant, batch, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            return response.Failure!;
        }

        var tables = new List<Dictionary<long, long?>>();
        foreach (var (item, field) in (response.Value!["responses"] as JsonArray ?? []).Zip(["intControlID", "intOrder", "intControlID"]))
        {
            if (item is not JsonObject found || found["objects"] is not JsonArray objects)
            {
                return item?["error"] is JsonObject error
                    ? FiixApi.Classify(connection, error)
                    : UpstreamFailures.InvalidResponse(FiixSettings.SystemName, "a BatchResponse without the FindResponses asked for");
            }

            tables.Add(objects.OfType<JsonObject>().Where(o => Id(o) is not null).ToDictionary(o => Id(o)!.Value, o => Long(o[field])));
        }

        if (tables.Count != 3)
        {
            return UpstreamFailures.InvalidResponse(FiixSettings.SystemName, "a BatchResponse without the FindResponses asked for");
        }

        var value = new FiixLookups(tables[0], tables[1], tables[2]);
        lookups.Set(connection.ConnectionId, value);
        return ConnectorResult<FiixLookups>.Ok(value);
    }

    /// <summary>Adds the <c>_millwright</c> values of one page; null when it worked, else the failure.</summary>
    private async Task<ConnectorFailure?> EnrichAsync(FiixApi api, ConnectionContext connection, FiixTenant tenant, FiixEnrichment enrichment,
        List<JsonObject> documents, FiixLookups? tables, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return null;
        }

        var ids = documents.Select(d => Id(d)!.Value).ToList();
        switch (enrichment)
        {
            case FiixEnrichment.Location:
                foreach (var document in documents)
                {
                    // A top-level location's parent is its site, which is not a location of the unified model.
                    var parent = Long(document["intAssetParentID"]);
                    FiixComputed.Of(document)[FiixComputed.ParentLocationId] = parent is { } p && p != Long(document["intSiteID"]) ? p : null;
                }

                return null;
            case FiixEnrichment.Part:
                {
                    var stock = await ChildrenAsync(api, connection, tenant, "Stock", "intAssetID", ids, "id, intAssetID, intFacilityID, qtyOnHand, qtyMinQty, strAisle, strRow, strBin", null, cancellationToken)
                        .ConfigureAwait(false);
                    if (!stock.IsSuccess)
                    {
                        return stock.Failure;
                    }

                    foreach (var document in documents)
                    {
                        var computed = FiixComputed.Of(document);
                        computed[FiixComputed.Stock] = Rows(stock.Value!, Id(document)!.Value);
                        computed[FiixComputed.VendorIds] = FiixComputed.Ids(document["strVendorIds"]);
                    }

                    return null;
                }

            case FiixEnrichment.PurchaseOrder:
                {
                    var lines = await ChildrenAsync(api, connection, tenant, "PurchaseOrderLineItem", "intPurchaseOrderID", ids,
                        "id, intPurchaseOrderID, intAssetID, intSupplierID, strDescription, qtyOnOrder, qtyRecieved, dblUnitPrice, dblTotalPrice, dtmDateCreated, dtmRequiredByDate", null, cancellationToken)
                        .ConfigureAwait(false);
                    if (!lines.IsSuccess)
                    {
                        return lines.Failure;
                    }

                    foreach (var document in documents)
                    {
                        var computed = FiixComputed.Of(document);
                        var rows = Rows(lines.Value!, Id(document)!.Value);
                        computed[FiixComputed.Lines] = rows;
                        computed[FiixComputed.StatusControl] = Long(document["intPurchaseOrderStatusID"]) is { } status ? tables!.PurchaseOrderStatusControl.GetValueOrDefault(status) : null;
                        computed[FiixComputed.CreatedAt] = rows.OfType<JsonObject>().Select(r => Long(r["dtmDateCreated"])).OfType<long>().Order().Cast<long?>().FirstOrDefault();
                    }

                    return null;
                }

            case FiixEnrichment.Schedule:
                {
                    var assets = await ChildrenAsync(api, connection, tenant, "ScheduledMaintenanceAsset", "intScheduledMaintenanceID", ids, "id, intScheduledMaintenanceID, intAssetID", null, cancellationToken)
                        .ConfigureAwait(false);
                    if (!assets.IsSuccess)
                    {
                        return assets.Failure;
                    }

                    var events = await ChildrenAsync(api, connection, tenant, "CalendarEvent", "intScheduledMaintenanceID", ids, "id, intScheduledMaintenanceID, dtmDate",
                        ("dtmDate >= ?", time.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken).ConfigureAwait(false);
                    if (!events.IsSuccess)
                    {
                        return events.Failure;
                    }

                    foreach (var document in documents)
                    {
                        var computed = FiixComputed.Of(document);
                        var linked = new JsonArray([.. Rows(assets.Value!, Id(document)!.Value).Select(r => Long(r?["intAssetID"])).OfType<long>().Select(a => (JsonNode)a)]);
                        computed[FiixComputed.AssetIds] = linked;
                        computed[FiixComputed.AssetId] = linked.FirstOrDefault()?.DeepClone();
                        computed[FiixComputed.NextDueAt] = Rows(events.Value!, Id(document)!.Value).Select(r => Long(r?["dtmDate"])).OfType<long>().Order().Cast<long?>().FirstOrDefault();
                    }

                    return null;
                }

            case FiixEnrichment.WorkOrder:
                return await EnrichWorkOrdersAsync(api, connection, tenant, documents, ids, tables!, cancellationToken).ConfigureAwait(false);
            default:
                return null;
        }
    }

    private async Task<ConnectorFailure?> EnrichWorkOrdersAsync(FiixApi api, ConnectionContext connection, FiixTenant tenant, List<JsonObject> documents, List<long> ids,
        FiixLookups tables, CancellationToken cancellationToken)
    {
        var links = await ChildrenAsync(api, connection, tenant, "WorkOrderAsset", "intWorkOrderID", ids, "id, intWorkOrderID, intAssetID", null, cancellationToken).ConfigureAwait(false);
        if (!links.IsSuccess)
        {
            return links.Failure;
        }

        var linkedIds = links.Value!.Values.SelectMany(l => l).Select(l => Long(l["intAssetID"])).OfType<long>().Distinct().ToList();
        var kinds = await ChildrenAsync(api, connection, tenant, "Asset", "id", linkedIds, "id, intSuperCategorySysCode, intAssetLocationID, bolIsSite", null, cancellationToken).ConfigureAwait(false);
        if (!kinds.IsSuccess)
        {
            return kinds.Failure;
        }

        if (documents.Any(d => Long(d["intWorkOrderStatusID"]) is { } s && !tables.StatusControl.ContainsKey(s)))
        {
            // A status added since the tables were read: read them again once.
            lookups.Remove(connection.ConnectionId);
            var reloaded = await LookupsAsync(api, connection, tenant, cancellationToken).ConfigureAwait(false);
            if (!reloaded.IsSuccess)
            {
                return reloaded.Failure;
            }

            tables = reloaded.Value!;
        }

        foreach (var document in documents)
        {
            var computed = FiixComputed.Of(document);
            var linked = Rows(links.Value!, Id(document)!.Value).Select(r => Long(r?["intAssetID"])).OfType<long>().ToList();
            var assets = linked.Select(a => kinds.Value!.GetValueOrDefault(a)?.FirstOrDefault()).OfType<JsonObject>().ToList();
            var equipment = assets.FirstOrDefault(a => Long(a["intSuperCategorySysCode"]) is { } code && code != FiixCodes.LocationsCategory);
            var location = assets.FirstOrDefault(a => Long(a["intSuperCategorySysCode"]) == FiixCodes.LocationsCategory && Long(a["bolIsSite"]) != 1);
            computed[FiixComputed.AssetIds] = new JsonArray([.. linked.Select(a => (JsonNode)a)]);
            computed[FiixComputed.AssetId] = Id(equipment);
            computed[FiixComputed.LocationId] = Id(location) ?? Long(equipment?["intAssetLocationID"]);
            computed[FiixComputed.AssigneeIds] = FiixComputed.Ids(document["strAssignedUserIds"]);
            computed[FiixComputed.StatusControl] = Long(document["intWorkOrderStatusID"]) is { } status ? tables.StatusControl.GetValueOrDefault(status) : null;
            computed[FiixComputed.PriorityOrder] = Long(document["intPriorityID"]) is { } priority ? tables.PriorityOrder.GetValueOrDefault(priority) : null;
        }

        return null;
    }

    private static JsonArray Rows(Dictionary<long, List<JsonObject>> byParent, long parent) =>
        new([.. (byParent.GetValueOrDefault(parent) ?? []).Select(r => (JsonNode)r.DeepClone())]);

    /// <summary>
    /// Every object of <paramref name="className"/> whose <paramref name="key"/> is one of <paramref name="parents"/>,
    /// grouped by that key: keyset pages of <see cref="ChildPageSize"/> on id, parents in chunks.
    /// </summary>
    private static async Task<ConnectorResult<Dictionary<long, List<JsonObject>>>> ChildrenAsync(FiixApi api, ConnectionContext connection, FiixTenant tenant,
        string className, string key, IReadOnlyList<long> parents, string fields, (string Ql, long Value)? extra, CancellationToken cancellationToken)
    {
        var grouped = new Dictionary<long, List<JsonObject>>();
        foreach (var chunk in parents.Chunk(200))
        {
            long last = 0;
            for (var guard = 0; guard < 10_000; guard++)
            {
                var parameters = new JsonArray([.. chunk.Select(p => (JsonNode)p)]);
                var ql = $"{key} IN ({string.Join(", ", chunk.Select(_ => "?"))}) AND id > ?";
                parameters.Add(last);
                if (extra is { } condition)
                {
                    ql += " AND " + condition.Ql;
                    parameters.Add(condition.Value);
                }

                var page = await api.SendAsync(connection, tenant, Find(className, fields, ql, parameters, 0, ChildPageSize), cancellationToken).ConfigureAwait(false);
                if (!page.IsSuccess)
                {
                    return page.Failure!;
                }

                if (page.Value!["objects"] is not JsonArray objects)
                {
                    return UpstreamFailures.InvalidResponse(FiixSettings.SystemName, $"a FindResponse of {className} without objects");
                }

                var rows = objects.OfType<JsonObject>().Where(o => Id(o) is not null).ToList();
                foreach (var row in rows)
                {
                    if (Long(row[key]) is { } parent)
                    {
                        (grouped.TryGetValue(parent, out var list) ? list : grouped[parent] = []).Add(row);
                    }
                }

                var total = page.Value["totalObjects"] is JsonValue t && t.TryGetValue<long>(out var n) ? n : rows.Count;
                if (rows.Count == 0 || total <= rows.Count)
                {
                    break;
                }

                last = Id(rows[^1])!.Value;
            }
        }

        return ConnectorResult<Dictionary<long, List<JsonObject>>>.Ok(grouped);
    }

}
