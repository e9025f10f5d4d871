using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Vendors.Sap;

/// <summary>
/// SAP S/4HANA Plant Maintenance over its OData V2 APIs: reads each entity set with server-driven paging
/// (<c>__next</c>), incremental on <c>LastChangeDateTime</c>, and never follows a next link off the
/// service or round in a loop. Stateless. See README.md beside this file for services, quirks and sources.
/// </summary>
internal sealed partial class SapConnector(
    IHttpClientFactory clients,
    ITypedHttpClientFactory<SapApi> apis,
    ILogger<SapConnector> logger) : IConnector
{
    public SystemDescriptor Descriptor => SapSettings.Descriptor;

    public IReadOnlyDictionary<Entity, EntityMapping> DefaultMappings => SapMapping.Defaults;

    private SapApi Api() => apis.CreateClient(clients.CreateClient(SapApi.ClientName));

    public async Task<ConnectorResult<ConnectionCheck>> CheckAsync(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var settings = SapSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        // One cheap call on the service every connection needs: logon, client and service activation in one.
        var (baseUrl, client, user, _) = settings.Value;
        var url = SapApi.Url(baseUrl, client, "API_MAINTENANCEORDER", "MaintenanceOrder", [new("$top", "1"), new("$select", "MaintenanceOrder")]);
        var result = await Api().GetAsync(connection, url, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Failure!;
        }

        return result.Value!["results"] is JsonArray
            ? ConnectorResult<ConnectionCheck>.Ok(new ConnectionCheck($"SAP S/4HANA {baseUrl.Host}, client {client ?? "default"} ({user})"))
            : UpstreamFailures.InvalidResponse(SapSettings.SystemName, "a response without 'results', so the system URL probably does not point at SAP Gateway");
    }

    public async Task<ConnectorResult<RawPage>> ReadPageAsync(ConnectionContext connection, ReadRequest request, CancellationToken cancellationToken)
    {
        if (!SapEndpoint.All.TryGetValue(request.Entity, out var endpoint))
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamRejected, $"SAP S/4HANA offers no {EntityInfo.Of(request.Entity).Path}.");
        }

        var settings = SapSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (baseUrl, client, _, _) = settings.Value;
        var cursor = request.Cursor is null ? PagingCursor.Start(endpoint.Incremental ? request.ModifiedSince : null) : PagingCursor.Decode(request.Cursor);
        if (cursor is null || (cursor.Vendor is { } v && !v.Contains('\n', StringComparison.Ordinal)))
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.InvalidCursor,
                "The paging cursor was not made by the SAP connector; restart the read from the first page.");
        }

        // The vendor part of the cursor is "<last id of the previous page>\n<__next URL>".
        var (previousId, next) = cursor.Vendor is { } state ? (state[..state.IndexOf('\n', StringComparison.Ordinal)], state[(state.IndexOf('\n', StringComparison.Ordinal) + 1)..]) : ("", null);
        var root = SapApi.ServiceRoot(baseUrl, endpoint.Service);
        Uri url;
        if (next is null)
        {
            url = SapApi.Url(baseUrl, client, endpoint.Service, endpoint.EntitySet, Query(endpoint, cursor.ModifiedSince));
        }
        else if (!Uri.TryCreate(next, UriKind.Absolute, out url!) || !url.AbsoluteUri.StartsWith(root.AbsoluteUri, StringComparison.Ordinal))
        {
            return UpstreamFailures.InvalidResponse(SapSettings.SystemName, "a next-page link outside the service it was read from");
        }

        var page = await Api().GetAsync(connection, url, cancellationToken).ConfigureAwait(false);
        if (!page.IsSuccess)
        {
            return page.Failure!;
        }

        if (page.Value![endpoint.IsV4 ? "value" : "results"] is not JsonArray items)
        {
            return UpstreamFailures.InvalidResponse(SapSettings.SystemName, $"a {endpoint.EntitySet} response without '{(endpoint.IsV4 ? "value" : "results")}'");
        }

        var records = Records(request.Entity, endpoint, items, previousId);
        var enriched = await EnrichAsync(connection, request.Entity, baseUrl, client, records, cancellationToken).ConfigureAwait(false);
        if (enriched is not null)
        {
            return enriched;
        }

        string? nextCursor = null;
        if (NextLink(page.Value, endpoint.IsV4, root) is { } link)
        {
            var lastId = records.Count > 0 ? records[^1].RemoteId : previousId;
            if (cursor.Advance($"{lastId}\n{link}") is not { } advanced)
            {
                LogRepeatedLink(logger, connection.ConnectionId, endpoint.EntitySet, cursor.Page + 1);
                return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamInvalidResponse,
                    $"SAP returned a next-page link it had already returned while reading {endpoint.EntitySet}; the read was stopped instead of looping.");
            }

            nextCursor = advanced.Encode();
        }

        return ConnectorResult<RawPage>.Ok(new RawPage(records, nextCursor));
    }

    private static List<RawRecord> Records(Entity entity, SapEndpoint endpoint, JsonArray items, string previousId)
    {
        var documents = items.OfType<JsonObject>().ToList();
        items.Clear();
        var records = new List<RawRecord>(documents.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal) { previousId };
        foreach (var document in documents)
        {
            SapComputed.Add(entity, document);
            if (SapComputed.Text(SapComputed.At(document, endpoint.IdProperty)) is not { } id || (endpoint.Shape == SapShape.Distinct && !seen.Add(id)))
            {
                continue;
            }

            records.Add(Record(endpoint, id, document));
        }

        return records;
    }

    private static List<KeyValuePair<string, string>> Query(SapEndpoint endpoint, DateTimeOffset? since)
    {
        var filters = new List<string>();
        if (endpoint.Filter is not null)
        {
            filters.Add(endpoint.Filter);
        }

        if (since is { } from)
        {
            filters.Add(Since(endpoint, from.UtcDateTime));
        }

        var query = new List<KeyValuePair<string, string>>();
        if (filters.Count > 0)
        {
            query.Add(new("$filter", string.Join(" and ", filters)));
        }

        foreach (var (name, value) in new[] { ("$select", endpoint.Select), ("$expand", endpoint.Expand), ("$orderby", endpoint.OrderBy) })
        {
            if (value is not null)
            {
                query.Add(new(name, value));
            }
        }

        return query;
    }

    /// <summary>The change filter: a V2 <c>datetimeoffset'…'</c> literal, a V4 bare date-time, or a date/time pair compared as one instant.</summary>
    private static string Since(SapEndpoint endpoint, DateTime from)
    {
        var at = from.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (endpoint.DateAndTime is { } pair)
        {
            var day = $"datetime'{from:yyyy-MM-dd}T00:00:00'";
            var time = string.Create(CultureInfo.InvariantCulture, $"time'PT{from.Hour:00}H{from.Minute:00}M{from.Second:00}S'");
            return $"({pair.Date} gt {day} or ({pair.Date} eq {day} and {pair.Time} ge {time}))";
        }

        return endpoint.IsV4 ? $"{endpoint.ChangedProperty} ge {at}Z" : $"{endpoint.ChangedProperty} ge datetimeoffset'{at}Z'";
    }

    /// <summary><c>__next</c> (V2, absolute) or <c>@odata.nextLink</c> (V4, relative to the service root as RAP sends it), made absolute.</summary>
    private static string? NextLink(JsonObject page, bool v4, Uri root) =>
        SapComputed.Text(page[v4 ? "@odata.nextLink" : "__next"]) is { } link && Uri.TryCreate(root, link, out var absolute) ? absolute.AbsoluteUri : null;

    internal static RawRecord Record(SapEndpoint endpoint, string id, JsonObject document)
    {
        var created = endpoint.CreatedProperty is null ? null : SapComputed.Time(document[endpoint.CreatedProperty]);
        var changed = endpoint.DateAndTime is { } pair ? SapComputed.Changed(document, pair) : SapComputed.Time(document[endpoint.ChangedProperty]);
        return new RawRecord(id, document, created, changed, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SAP repeated a next-page link on {EntitySet} at page {Page} (connection {ConnectionId}); read stopped")]
    private static partial void LogRepeatedLink(ILogger logger, string connectionId, string entitySet, int page);
}
