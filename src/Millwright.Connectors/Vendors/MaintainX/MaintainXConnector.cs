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

namespace Millwright.Connectors.Vendors.MaintainX;

/// <summary>
/// MaintainX: reads every entity through the list endpoints with cursor paging, incremental where the
/// vendor filters by <c>updatedAt</c>, and never loops on a repeated cursor. Stateless apart from a
/// short-lived cache of each connection's location hierarchy (sites are the top-level locations).
/// See README.md beside this file for endpoints, quirks and sources.
/// </summary>
internal sealed partial class MaintainXConnector(
    IHttpClientFactory clients,
    ITypedHttpClientFactory<MaintainXApi> apis,
    TimeProvider time,
    ILogger<MaintainXConnector> logger) : IConnector
{
    /// <summary>Spec: <c>limit</c> is 1–200 on every list endpoint.</summary>
    private const int MaxPageSize = 200;

    /// <summary>Bounds the hierarchy and member sub-reads, which run inside one page read.</summary>
    private const int MaxSubPages = 500;

    /// <summary>Spec, "Polling for Changes": offset-paged lists need a small overlap window.</summary>
    private static readonly TimeSpan OffsetPagingOverlap = TimeSpan.FromMinutes(5);

    private readonly ConnectionCache<MaintainXLocationTree> trees = new(time, TimeSpan.FromMinutes(10));

    public SystemDescriptor Descriptor => MaintainXSettings.Descriptor;

    public IReadOnlyDictionary<Entity, EntityMapping> DefaultMappings => MaintainXMapping.Defaults;

    private MaintainXApi Api() => apis.CreateClient(clients.CreateClient(MaintainXApi.ClientName));

    public async Task<ConnectorResult<ConnectionCheck>> CheckAsync(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var settings = MaintainXSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        // One call: /organizations lists what the key can reach, without needing x-organization-id.
        var result = await Api().GetAsync(connection, "organizations", [new("limit", MaxPageSize.ToString(CultureInfo.InvariantCulture))], listCall: true, cancellationToken)
            .ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            return result.Failure!;
        }

        if (result.Value!["organizations"] is not JsonArray organizations)
        {
            return UpstreamFailures.InvalidResponse(MaintainXSettings.SystemName, "a response without the 'organizations' list, so the base URL is probably not the MaintainX API");
        }

        var known = organizations.OfType<JsonObject>()
            .Select(o => (Id: RemoteIds.Normalize(o["id"]), Name: o["name"]?.GetValueKind() == JsonValueKind.String ? (string?)o["name"] : null))
            .Where(o => o.Id is not null)
            .ToList();
        var organizationId = settings.Value.OrganizationId;
        if (organizationId is not null)
        {
            var match = known.FirstOrDefault(o => o.Id == organizationId);
            if (match.Id is null && result.Value["nextCursor"] is null)
            {
                return new ConnectorFailure(FailureCategory.Config, ErrorCodes.ValidationFailed,
                    $"This API key has no access to MaintainX organization {organizationId}. It can reach: {Describe(known)}.");
            }

            return ConnectorResult<ConnectionCheck>.Ok(new ConnectionCheck(match.Name));
        }

        if (known.Count > 1)
        {
            return new ConnectorFailure(FailureCategory.Config, ErrorCodes.ValidationFailed,
                $"This API key covers several MaintainX organizations; set the organization ID to one of: {Describe(known)}.");
        }

        return ConnectorResult<ConnectionCheck>.Ok(new ConnectionCheck(known.FirstOrDefault().Name));
    }

    private static string Describe(List<(string? Id, string? Name)> organizations) =>
        organizations.Count == 0 ? "none" : string.Join(", ", organizations.Take(20).Select(o => o.Name is null ? o.Id : $"{o.Id} ({o.Name})"));

    public async Task<ConnectorResult<RawPage>> ReadPageAsync(ConnectionContext connection, ReadRequest request, CancellationToken cancellationToken)
    {
        if (!MaintainXEndpoint.All.TryGetValue(request.Entity, out var endpoint))
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamRejected,
                $"MaintainX has no list of {EntityInfo.Of(request.Entity).Path}.");
        }

        var cursor = request.Cursor is null ? PagingCursor.Start(StartOfWindow(endpoint, request.ModifiedSince)) : PagingCursor.Decode(request.Cursor);
        if (cursor is null)
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.InvalidCursor,
                "The paging cursor was not made by the MaintainX connector; restart the read from the first page.");
        }

        var api = Api();
        var page = await api.GetAsync(connection, endpoint.Path, ListQuery(endpoint, cursor, request.PageSize), listCall: true, cancellationToken).ConfigureAwait(false);
        if (!page.IsSuccess)
        {
            return page.Failure!;
        }

        if (page.Value![endpoint.ListProperty] is not JsonArray items)
        {
            return UpstreamFailures.InvalidResponse(MaintainXSettings.SystemName,
                $"a response without the '{endpoint.ListProperty}' list, so the base URL is probably not the MaintainX API");
        }

        string? next = null;
        if (page.Value["nextCursor"] is JsonValue nextValue && nextValue.TryGetValue<string>(out var vendorNext) && vendorNext.Length > 0)
        {
            if (cursor.Advance(vendorNext) is not { } advanced)
            {
                LogRepeatedCursor(logger, connection.ConnectionId, endpoint.Path, cursor.Page + 1);
                return RepeatedCursor(endpoint.Path);
            }

            next = advanced.Encode();
        }

        var records = await BuildRecordsAsync(api, connection, endpoint, items, cancellationToken).ConfigureAwait(false);
        return records.IsSuccess ? ConnectorResult<RawPage>.Ok(new RawPage(records.Value!, next)) : records.Failure!;
    }

    private async Task<ConnectorResult<IReadOnlyList<RawRecord>>> BuildRecordsAsync(
        MaintainXApi api, ConnectionContext connection, MaintainXEndpoint endpoint, JsonArray items, CancellationToken cancellationToken)
    {
        // Detach the documents from the page so each record owns its own tree.
        var documents = items.OfType<JsonObject>().ToList();
        items.Clear();
        var records = new List<RawRecord>(documents.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        MaintainXLocationTree? tree = null;
        var refreshed = false;
        foreach (var summary in documents)
        {
            var id = RemoteIds.Normalize(summary["id"]);

            // Offset-paged lists can repeat a record across (or within) pages: dedupe by id (spec, "Polling for Changes").
            if (id is null || !seen.Add(id) || (endpoint.RootsOnly && summary["parentId"] is not null))
            {
                continue;
            }

            var document = summary;
            if (endpoint.Enrichment == MaintainXEnrichment.Detail)
            {
                var detail = await api.GetAsync(connection, $"{endpoint.Path}/{Uri.EscapeDataString(id)}", [], listCall: false, cancellationToken).ConfigureAwait(false);
                if (detail.IsSuccess)
                {
                    if (detail.Value![endpoint.DetailProperty!] is not JsonObject full)
                    {
                        return UpstreamFailures.InvalidResponse(MaintainXSettings.SystemName, $"a /{endpoint.Path}/{{id}} response without '{endpoint.DetailProperty}'");
                    }

                    detail.Value.Remove(endpoint.DetailProperty!);
                    document = full;
                }
                else if (!MaintainXApi.IsNotFound(detail.Failure!))
                {
                    // A 404 means the record went away between the list and the detail call: keep the summary.
                    return detail.Failure!;
                }
            }
            else if (endpoint.Enrichment == MaintainXEnrichment.Members)
            {
                var members = await SubListAsync(api, connection, $"teams/{Uri.EscapeDataString(id)}/members", "members", cancellationToken).ConfigureAwait(false);
                if (!members.IsSuccess && !MaintainXApi.IsNotFound(members.Failure!))
                {
                    return members.Failure!;
                }

                document["members"] = members.IsSuccess ? new JsonArray([.. members.Value!]) : new JsonArray();
            }

            if (endpoint.SiteFrom is { } sources && LocationIdOf(document, sources) is { } locationId)
            {
                if (tree is null || (!tree.Contains(locationId) && !refreshed))
                {
                    // A location unknown to the cached hierarchy is new: reload it, once per page.
                    refreshed = tree is not null;
                    var loaded = await LocationTreeAsync(api, connection, refresh: refreshed, cancellationToken).ConfigureAwait(false);
                    if (!loaded.IsSuccess)
                    {
                        return loaded.Failure!;
                    }

                    tree = loaded.Value!;
                }

                if (tree.RootOf(locationId) is { } site)
                {
                    MaintainXComputed.SetSite(document, site);
                }
            }

            records.Add(new RawRecord(id, document, Time(document["createdAt"]), Time(document["updatedAt"]), Time(document["deletedAt"])));
        }

        return ConnectorResult<IReadOnlyList<RawRecord>>.Ok(records);
    }

    private static long? LocationIdOf(JsonObject document, IReadOnlyList<string[]> sources)
    {
        foreach (var path in sources)
        {
            JsonNode? node = document;
            foreach (var name in path)
            {
                node = node is JsonObject obj ? obj[name] : null;
            }

            if (long.TryParse(RemoteIds.Normalize(node), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return id;
            }
        }

        return null;
    }

    private async Task<ConnectorResult<MaintainXLocationTree>> LocationTreeAsync(
        MaintainXApi api, ConnectionContext connection, bool refresh, CancellationToken cancellationToken)
    {
        var key = string.Join('\n', connection.ConnectionId, connection.Settings.GetValueOrDefault(MaintainXSettings.BaseUrl),
            connection.Settings.GetValueOrDefault(MaintainXSettings.OrganizationId));
        if (!refresh && trees.Get(key) is { } cached)
        {
            return ConnectorResult<MaintainXLocationTree>.Ok(cached);
        }

        var locations = await SubListAsync(api, connection, "locations", "locations", cancellationToken).ConfigureAwait(false);
        if (!locations.IsSuccess)
        {
            return locations.Failure!;
        }

        var parents = new Dictionary<long, long?>();
        foreach (var location in locations.Value!.OfType<JsonObject>())
        {
            if (long.TryParse(RemoteIds.Normalize(location["id"]), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                parents[id] = long.TryParse(RemoteIds.Normalize(location["parentId"]), NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
                    ? parent
                    : null;
            }
        }

        var tree = new MaintainXLocationTree(parents);
        trees.Set(key, tree);
        return ConnectorResult<MaintainXLocationTree>.Ok(tree);
    }

    /// <summary>Every element of a secondary list, all pages, guarded against repeated cursors and bounded in pages.</summary>
    private static async Task<ConnectorResult<List<JsonNode?>>> SubListAsync(
        MaintainXApi api, ConnectionContext connection, string path, string listProperty, CancellationToken cancellationToken)
    {
        var all = new List<JsonNode?>();
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 0; page < MaxSubPages; page++)
        {
            var query = new List<KeyValuePair<string, string>> { new("limit", MaxPageSize.ToString(CultureInfo.InvariantCulture)) };
            if (cursor is not null)
            {
                query.Add(new("cursor", cursor));
            }

            var result = await api.GetAsync(connection, path, query, listCall: false, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return result.Failure!;
            }

            if (result.Value![listProperty] is not JsonArray items)
            {
                return UpstreamFailures.InvalidResponse(MaintainXSettings.SystemName, $"a /{path} response without the '{listProperty}' list");
            }

            var elements = items.ToList();
            items.Clear();
            all.AddRange(elements);
            if (result.Value["nextCursor"] is not JsonValue next || !next.TryGetValue<string>(out var nextCursor) || nextCursor.Length == 0)
            {
                return ConnectorResult<List<JsonNode?>>.Ok(all);
            }

            if (!cursors.Add(nextCursor))
            {
                return RepeatedCursor(path);
            }

            cursor = nextCursor;
        }

        return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamInvalidResponse,
            $"MaintainX returned more than {MaxSubPages} pages for /{path}; the read was stopped.");
    }

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    private static DateTimeOffset? StartOfWindow(MaintainXEndpoint endpoint, DateTimeOffset? modifiedSince) =>
        !endpoint.Incremental || modifiedSince is not { } since ? null
        : endpoint.OffsetPaged ? since - OffsetPagingOverlap
        : since;

    private static List<KeyValuePair<string, string>> ListQuery(MaintainXEndpoint endpoint, PagingCursor cursor, int pageSize)
    {
        var query = new List<KeyValuePair<string, string>>
        {
            new("limit", Math.Clamp(pageSize, 1, Math.Min(MaxPageSize, endpoint.PageLimit)).ToString(CultureInfo.InvariantCulture)),
        };
        if (cursor.Vendor is not null)
        {
            query.Add(new("cursor", cursor.Vendor));
        }

        if (cursor.ModifiedSince is { } since)
        {
            query.Add(new("updatedAt[gte]", since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        }

        foreach (var flag in endpoint.Flags ?? [])
        {
            query.Add(new(flag, "true"));
        }

        foreach (var expand in endpoint.Expand ?? [])
        {
            query.Add(new("expand", expand));
        }

        return query;
    }

    private static ConnectorFailure RepeatedCursor(string path) =>
        new(FailureCategory.Permanent, ErrorCodes.UpstreamInvalidResponse,
            $"MaintainX returned a page cursor it had already returned while listing /{path}; the read was stopped instead of looping. Try again later, or contact MaintainX support if it persists.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "MaintainX repeated a page cursor on /{Path} at page {Page} (connection {ConnectionId}); read stopped")]
    private static partial void LogRepeatedCursor(ILogger logger, string connectionId, string path, int page);
}
