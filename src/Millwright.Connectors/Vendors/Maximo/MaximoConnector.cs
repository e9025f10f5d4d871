using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Vendors.Maximo;

/// <summary>
/// IBM Maximo / MAS Manage: reads object structures with lean JSON, incremental on <c>changedate</c>
/// through <c>oslc.where</c>, paging with <c>stablePaging</c> by following <c>responseInfo.nextPage.href</c>.
/// Stateless. See README.md beside this file for object structures, quirks and sources.
/// </summary>
internal sealed partial class MaximoConnector(
    IHttpClientFactory clients,
    ITypedHttpClientFactory<MaximoApi> apis,
    ILogger<MaximoConnector> logger) : IConnector, IWritableConnector, IPassthroughConnector
{
    /// <summary>Stays under the usual <c>mxe.oslc.maxpagesize</c> of 1000 (NOTES.md §5).</summary>
    private const int MaxPageSize = 1000;

    public SystemDescriptor Descriptor => MaximoSettings.Descriptor;

    public IReadOnlyDictionary<Entity, EntityMapping> DefaultMappings => MaximoMapping.Defaults;

    private MaximoApi Api() => apis.CreateClient(clients.CreateClient(MaximoApi.ClientName));

    public async Task<ConnectorResult<ConnectionCheck>> CheckAsync(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var settings = MaximoSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (baseUrl, auth) = settings.Value;
        var api = Api();
        var whoami = await api.GetAsync(connection, new Uri(baseUrl, $"{auth.Route}/whoami"), listCall: true, cancellationToken).ConfigureAwait(false);
        if (!whoami.IsSuccess)
        {
            return whoami.Failure!;
        }

        if (MaximoComputed.Text(whoami.Value!["personid"]) is null)
        {
            return UpstreamFailures.InvalidResponse(MaximoSettings.SystemName, "a whoami response without 'personid', so the URL is probably not the Maximo application");
        }

        // The first object structure a sync needs: proves the user may read work orders, not only sign in.
        var probe = await api.GetAsync(connection, FirstPage(baseUrl, auth, MaximoEndpoint.All[Entity.WorkOrders], null, 1), listCall: true, cancellationToken)
            .ConfigureAwait(false);
        if (!probe.IsSuccess)
        {
            return probe.Failure!;
        }

        var organization = MaximoComputed.Text(whoami.Value["insertOrg"]);
        var site = MaximoComputed.Text(whoami.Value["insertSite"]);
        return ConnectorResult<ConnectionCheck>.Ok(new ConnectionCheck(organization is null ? null : site is null ? organization : $"{organization} ({site})"));
    }

    public async Task<ConnectorResult<RawPage>> ReadPageAsync(ConnectionContext connection, ReadRequest request, CancellationToken cancellationToken)
    {
        if (!MaximoEndpoint.All.TryGetValue(request.Entity, out var endpoint))
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamRejected,
                $"Maximo has no object structure read for {EntityInfo.Of(request.Entity).Path}.");
        }

        var settings = MaximoSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (baseUrl, auth) = settings.Value;
        var incremental = endpoint.ChangedAt is not null && Descriptor.Capabilities[request.Entity].Incremental;
        var cursor = request.Cursor is null ? PagingCursor.Start(incremental ? request.ModifiedSince : null) : PagingCursor.Decode(request.Cursor);
        if (cursor is null || (cursor.Vendor is { } href && !Uri.TryCreate(href, UriKind.Absolute, out _)))
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.InvalidCursor,
                "The paging cursor was not made by the Maximo connector; restart the read from the first page.");
        }

        var api = Api();
        var url = cursor.Vendor is null ? FirstPage(baseUrl, auth, endpoint, cursor.ModifiedSince, request.PageSize) : new Uri(cursor.Vendor);
        var page = await api.GetAsync(connection, url, listCall: true, cancellationToken).ConfigureAwait(false);
        if (!page.IsSuccess && page.Failure!.UpstreamStatus == 410 && cursor.Vendor is not null)
        {
            // stablePaging: the server dropped the cached result set (expired). Start the same read again;
            // records already stored are simply upserted a second time.
            LogStableSetExpired(logger, connection.ConnectionId, endpoint.ObjectStructure, cursor.Page);
            cursor = PagingCursor.Start(cursor.ModifiedSince);
            page = await api.GetAsync(connection, FirstPage(baseUrl, auth, endpoint, cursor.ModifiedSince, request.PageSize), listCall: true, cancellationToken)
                .ConfigureAwait(false);
        }

        if (!page.IsSuccess)
        {
            return page.Failure!;
        }

        if (page.Value!["member"] is not JsonArray members)
        {
            return UpstreamFailures.InvalidResponse(MaximoSettings.SystemName, "a collection without 'member', so the URL is probably not the Maximo application");
        }

        string? next = null;
        if (page.Value["responseInfo"]?["nextPage"]?["href"] is JsonValue link && link.TryGetValue<string>(out var nextHref) && nextHref.Length > 0)
        {
            if (cursor.Advance(nextHref) is not { } advanced)
            {
                LogRepeatedPage(logger, connection.ConnectionId, endpoint.ObjectStructure, cursor.Page + 1);
                return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamInvalidResponse,
                    $"Maximo returned a next-page link it had already returned while listing {endpoint.ObjectStructure.ToUpperInvariant()}; the read was stopped instead of looping.");
            }

            next = advanced.Encode();
        }

        return ConnectorResult<RawPage>.Ok(new RawPage(Records(endpoint, members), next));
    }

    private static List<RawRecord> Records(MaximoEndpoint endpoint, JsonArray members)
    {
        var documents = members.OfType<JsonObject>().ToList();
        members.Clear();
        if (endpoint.Expand is { } expand)
        {
            documents = [.. documents.SelectMany(expand)];
        }
        else if (endpoint.Children is { } children)
        {
            documents = [.. documents.SelectMany(d => (d[children] as JsonArray)?.OfType<JsonObject>().Select(c => c.DeepClone().AsObject()) ?? [])];
        }

        var records = new List<RawRecord>(documents.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            var parts = endpoint.Key.Select(k => MaximoComputed.Text(document[k])).ToList();
            var id = endpoint.RemoteId is { } remoteId ? remoteId(document) : parts.Any(p => p is null) ? null : string.Join('/', parts);
            if (id is null || !seen.Add(id))
            {
                continue;
            }

            endpoint.Compute?.Invoke(document);
            var changed = endpoint.Times is { } times ? times.Select(t => Time(document, t)).FirstOrDefault(t => t is not null) : Time(document, endpoint.ChangedAt);
            records.Add(new RawRecord(id, document, Time(document, endpoint.CreatedAt), changed, null));
        }

        return records;
    }

    /// <summary>The first page of a read: lean JSON, the endpoint's selection, stable paging, and the changedate window.</summary>
    private static Uri FirstPage(Uri baseUrl, MaximoAuth auth, MaximoEndpoint endpoint, DateTimeOffset? since, int pageSize)
    {
        var query = new StringBuilder("?lean=1&oslc.select=").Append(Uri.EscapeDataString(endpoint.Select))
            .Append("&oslc.pageSize=").Append(Math.Clamp(pageSize, 1, MaxPageSize).ToString(CultureInfo.InvariantCulture))
            .Append("&stablePaging=true");
        if (since is { } from && endpoint.ChangedAt is { } changedAt)
        {
            var stamp = $"\"{from.ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss}+00:00\"";
            query.Append(endpoint.Since is { } filter ? filter(stamp) : "&oslc.where=" + Uri.EscapeDataString($"{changedAt}>={stamp}"));
        }

        return new Uri(baseUrl, $"{auth.Route}/os/{endpoint.ObjectStructure}{query}");
    }

    private static DateTimeOffset? Time(JsonObject document, string? attribute) =>
        attribute is not null && MaximoComputed.Text(document[attribute]) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Maximo repeated a next-page link on {ObjectStructure} at page {Page} (connection {ConnectionId}); read stopped")]
    private static partial void LogRepeatedPage(ILogger logger, string connectionId, string objectStructure, int page);

    [LoggerMessage(Level = LogLevel.Information, Message = "Maximo expired the stable result set of {ObjectStructure} at page {Page} (connection {ConnectionId}); read restarted")]
    private static partial void LogStableSetExpired(ILogger logger, string connectionId, string objectStructure, int page);
}
