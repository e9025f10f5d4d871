using System.Globalization;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Sap;

/// <summary>
/// What one page of a set needs from another service, read with one filtered query per page (chunked) rather than one per record:
/// a material's stock per plant and storage location (<c>API_MATERIAL_STOCK_SRV</c>, which has no change stamp, so parts are read in
/// full each sync), and a measuring point's latest reading (<c>API_MEASUREMENTDOCUMENT</c>, V4).
/// </summary>
internal sealed partial class SapConnector
{
    /// <summary>Keys per <c>$filter</c>: 40 <c>or</c>-ed equalities stay well below Gateway's URL limits.</summary>
    private const int KeysPerQuery = 40;

    /// <summary>A bound on the pages one enrichment query may follow, so a misbehaving server cannot hold a sync.</summary>
    private const int MaxEnrichPages = 200;

    private async Task<ConnectorFailure?> EnrichAsync(ConnectionContext connection, Entity entity, Uri baseUrl, string? client, List<RawRecord> records,
        CancellationToken cancellationToken)
    {
        if (records.Count == 0 || entity is not (Entity.Parts or Entity.Meters))
        {
            return null;
        }

        foreach (var chunk in records.Chunk(KeysPerQuery))
        {
            var failure = entity == Entity.Parts
                ? await StockAsync(connection, baseUrl, client, chunk, cancellationToken).ConfigureAwait(false)
                : await LastReadingsAsync(connection, baseUrl, client, chunk, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }
        }

        return null;
    }

    /// <summary>Unrestricted-use stock (<c>InventoryStockType</c> 01, no special stock) summed per plant and storage location.</summary>
    private async Task<ConnectorFailure?> StockAsync(ConnectionContext connection, Uri baseUrl, string? client, RawRecord[] parts, CancellationToken cancellationToken)
    {
        var filter = $"({string.Join(" or ", parts.Select(p => $"Material eq {Quote(p.RemoteId)}"))}) and InventoryStockType eq '01' and InventorySpecialStockType eq ''";
        var url = SapApi.Url(baseUrl, client, "API_MATERIAL_STOCK_SRV", "A_MatlStkInAcctMod",
            [new("$filter", filter), new("$select", "Material,Plant,StorageLocation,MaterialBaseUnit,MatlWrhsStkQtyInMatlBaseUnit")]);
        var rows = await ReadAllAsync(connection, baseUrl, url, "API_MATERIAL_STOCK_SRV", cancellationToken).ConfigureAwait(false);
        if (!rows.IsSuccess)
        {
            return rows.Failure!;
        }

        var byMaterial = rows.Value!.GroupBy(r => SapComputed.Text(r["Material"]) ?? "", StringComparer.Ordinal).ToDictionary(g => g.Key, StringComparer.Ordinal);
        foreach (var part in parts)
        {
            var stock = new JsonArray();
            var rowsOfPart = byMaterial.TryGetValue(part.RemoteId, out var group) ? group.ToList() : [];
            foreach (var place in rowsOfPart.GroupBy(r => (Plant: SapComputed.Text(r["Plant"]), Storage: SapComputed.Text(r["StorageLocation"])))
                .OrderBy(g => g.Key.Plant, StringComparer.Ordinal).ThenBy(g => g.Key.Storage, StringComparer.Ordinal))
            {
                stock.Add(new JsonObject
                {
                    ["plant"] = place.Key.Plant,
                    ["storage_location"] = place.Key.Storage,
                    ["quantity"] = place.Sum(r => Decimal(r["MatlWrhsStkQtyInMatlBaseUnit"])),
                    ["unit"] = SapComputed.Text(place.First()["MaterialBaseUnit"]),
                });
            }

            SapComputed.Set(part.Data, "stock", stock);
        }

        return null;
    }

    /// <summary>The latest reading of each point that is not reversed, in the point's unit, and when it was taken.</summary>
    private async Task<ConnectorFailure?> LastReadingsAsync(ConnectionContext connection, Uri baseUrl, string? client, RawRecord[] points, CancellationToken cancellationToken)
    {
        var filter = $"({string.Join(" or ", points.Select(p => $"MeasuringPoint eq {Quote(p.RemoteId)}"))}) and MsmtRdngIsReversed eq false";
        var url = SapApi.Url(baseUrl, client, "API_MEASUREMENTDOCUMENT_0001", "MeasurementDocument",
            [new("$filter", filter), new("$select", "MeasurementDocument,MeasuringPoint,MeasurementReadingInEntryUoM,MeasurementReadingDateTime")]);
        var rows = await ReadAllAsync(connection, baseUrl, url, "API_MEASUREMENTDOCUMENT_0001", cancellationToken).ConfigureAwait(false);
        if (!rows.IsSuccess)
        {
            return rows.Failure!;
        }

        var latest = rows.Value!.GroupBy(r => SapComputed.Text(r["MeasuringPoint"]) ?? "", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => SapComputed.Time(r["MeasurementReadingDateTime"]))!, StringComparer.Ordinal);
        foreach (var point in points)
        {
            if (latest.TryGetValue(point.RemoteId, out var reading))
            {
                SapComputed.Set(point.Data, "last_reading", new JsonObject
                {
                    ["value"] = reading["MeasurementReadingInEntryUoM"]?.DeepClone(),
                    ["at"] = reading["MeasurementReadingDateTime"]?.DeepClone(),
                    ["document"] = reading["MeasurementDocument"]?.DeepClone(),
                });
            }
        }

        return null;
    }

    /// <summary>Every entity of a query, following next links (V2 <c>__next</c>, V4 <c>@odata.nextLink</c>) within the service.</summary>
    private async Task<ConnectorResult<List<JsonObject>>> ReadAllAsync(ConnectionContext connection, Uri baseUrl, Uri url, string service, CancellationToken cancellationToken)
    {
        var v4 = SapApi.IsV4(service);
        var root = SapApi.ServiceRoot(baseUrl, service);
        var rootText = root.AbsoluteUri;
        var all = new List<JsonObject>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Uri? next = url;
        for (var pages = 0; next is not null; pages++)
        {
            if (pages == MaxEnrichPages || !seen.Add(next.AbsoluteUri))
            {
                return UpstreamFailures.InvalidResponse(SapSettings.SystemName, $"next-page links of {service} that do not end");
            }

            var page = await Api().GetAsync(connection, next, cancellationToken).ConfigureAwait(false);
            if (!page.IsSuccess)
            {
                return page.Failure!;
            }

            if (page.Value![v4 ? "value" : "results"] is not JsonArray items)
            {
                return UpstreamFailures.InvalidResponse(SapSettings.SystemName, $"a {service} response without its entity list");
            }

            all.AddRange(items.OfType<JsonObject>());
            var link = NextLink(page.Value, v4, root);
            next = link is null ? null : new Uri(link);
            if (next is not null && !next.AbsoluteUri.StartsWith(rootText, StringComparison.Ordinal))
            {
                return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamInvalidResponse, $"SAP returned a next-page link outside {service}.");
            }
        }

        return ConnectorResult<List<JsonObject>>.Ok(all);
    }

    private static string Quote(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    private static decimal Decimal(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<decimal>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => 0,
    };
}
