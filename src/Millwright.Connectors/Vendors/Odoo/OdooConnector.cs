using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Vendors.Odoo;

/// <summary>
/// Odoo (Maintenance, Inventory, Purchase) through the external API: signs in with
/// <c>common.authenticate</c>, speaks JSON-2 on 19.0+ and JSON-RPC before, reads with <c>search_read</c>
/// ordered by <c>write_date, id</c> and pages by that key (README.md: why not by offset alone). Stateless
/// apart from short-lived caches of the session, field types and stages per connection.
/// </summary>
internal sealed partial class OdooConnector(
    IHttpClientFactory clients,
    ITypedHttpClientFactory<OdooApi> apis,
    TimeProvider time,
    ILogger<OdooConnector> logger) : IConnector
{
    private const int MaxPageSize = 500;
    private const string Order = "write_date asc, id asc";

    private readonly ConnectionCache<OdooSession> sessions = new(time, TimeSpan.FromMinutes(15));
    private readonly ConnectionCache<Dictionary<string, string>> fieldTypes = new(time, TimeSpan.FromHours(1));
    private readonly ConnectionCache<StageInfo> stages = new(time, TimeSpan.FromMinutes(10));

    public SystemDescriptor Descriptor => OdooSettings.Descriptor;

    public IReadOnlyDictionary<Entity, EntityMapping> DefaultMappings => OdooMapping.Defaults;

    private OdooApi Api() => apis.CreateClient(clients.CreateClient(OdooApi.ClientName));

    public async Task<ConnectorResult<ConnectionCheck>> CheckAsync(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var target = OdooSettings.Read(connection);
        if (!target.IsSuccess)
        {
            return target.Failure!;
        }

        sessions.Remove(CacheKey(connection, target.Value!));
        var session = await SessionAsync(connection, target.Value!, cancellationToken).ConfigureAwait(false);
        if (!session.IsSuccess)
        {
            return session.Failure!;
        }

        var api = Api();
        var probe = await api.CallAsync(connection, session.Value!, "maintenance.request", "search_count", new JsonObject { ["domain"] = new JsonArray() }, null, cancellationToken)
            .ConfigureAwait(false);
        if (!probe.IsSuccess)
        {
            return probe.Failure!;
        }

        if (probe.Value.Error is { } error)
        {
            return OdooFailures.IsMissingModel(error)
                ? new ConnectorFailure(FailureCategory.Config, ErrorCodes.ValidationFailed,
                    $"The Maintenance app is not installed in the Odoo database '{target.Value!.Database}'. Install it (Apps › Maintenance), or pick the database that has it.")
                : error.Is("AccessError")
                    ? new ConnectorFailure(FailureCategory.AuthFailed, ErrorCodes.ConnectionCredentialsInvalid,
                        $"The Odoo user '{target.Value!.Login}' signs in but may not read maintenance requests. Give the user the Maintenance › User role (and Inventory and Purchase for parts and orders).")
                    : Fail(connection, error, "maintenance requests");
        }

        var user = await api.CallAsync(connection, session.Value!, "res.users", "read", new JsonObject { ["fields"] = new JsonArray("company_id") }, [session.Value!.Uid], cancellationToken)
            .ConfigureAwait(false);
        var company = user.IsSuccess && user.Value.Result is JsonArray { Count: 1 } rows && rows[0]?["company_id"] is JsonArray { Count: 2 } pair ? OdooComputed.Text(pair[1]) : null;
        return ConnectorResult<ConnectionCheck>.Ok(new ConnectionCheck(company is null ? target.Value!.Database : $"{company} ({target.Value!.Database})"));
    }

    public async Task<ConnectorResult<RawPage>> ReadPageAsync(ConnectionContext connection, ReadRequest request, CancellationToken cancellationToken)
    {
        if (!OdooEndpoint.All.TryGetValue(request.Entity, out var endpoint))
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamRejected, $"Odoo has no model read for {EntityInfo.Of(request.Entity).Path}.");
        }

        var target = OdooSettings.Read(connection);
        if (!target.IsSuccess)
        {
            return target.Failure!;
        }

        var incremental = Descriptor.Capabilities[request.Entity].Incremental;
        var cursor = request.Cursor is null ? PagingCursor.Start(incremental ? request.ModifiedSince : null) : PagingCursor.Decode(request.Cursor);
        var position = cursor?.Vendor is { } vendor ? Keyset.Parse(vendor) : null;
        if (cursor is null || (cursor.Vendor is not null && position is null))
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.InvalidCursor, "The paging cursor was not made by the Odoo connector; restart the read from the first page.");
        }

        var session = await SessionAsync(connection, target.Value!, cancellationToken).ConfigureAwait(false);
        if (!session.IsSuccess)
        {
            return session.Failure!;
        }

        var types = await FieldTypesAsync(connection, session.Value!, endpoint.Model, cancellationToken).ConfigureAwait(false);
        if (!types.IsSuccess)
        {
            return types.Failure!;
        }

        // An app that is not installed (no purchase.order) or a release without the field an entity needs: nothing to read.
        if (types.Value!.Count == 0 || (endpoint.Required is { } required && !types.Value.ContainsKey(required)))
        {
            return ConnectorResult<RawPage>.Ok(new RawPage([], null));
        }

        var limit = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var named = new JsonObject
        {
            ["domain"] = Domain(endpoint, types.Value, cursor.ModifiedSince, position),
            ["fields"] = new JsonArray([.. endpoint.Fields.Where(types.Value.ContainsKey).Select(f => (JsonNode?)f)]),
            ["limit"] = limit,
            ["order"] = Order,
        };
        if (endpoint.IncludeArchived)
        {
            named["context"] = new JsonObject { ["active_test"] = false };
        }

        var page = await CallAsync(connection, session.Value!, endpoint.Model, "search_read", named, null, EntityInfo.Of(request.Entity).Path, cancellationToken).ConfigureAwait(false);
        if (!page.IsSuccess)
        {
            return page.Failure!;
        }

        if (page.Value is not JsonArray rows)
        {
            return UpstreamFailures.InvalidResponse(OdooSettings.SystemName, $"a search_read result on {endpoint.Model} that is not a list");
        }

        var documents = rows.OfType<JsonObject>().ToList();
        rows.Clear();
        foreach (var document in documents)
        {
            OdooComputed.NormalizeEmpties(document, types.Value);
        }

        var extra = await AddExtrasAsync(connection, session.Value!, endpoint, documents, cancellationToken).ConfigureAwait(false);
        if (extra is not null)
        {
            return extra;
        }

        string? next = null;
        if (documents.Count == limit)
        {
            var last = documents[^1];
            if (OdooComputed.Int(last["id"]) is not { } lastId || OdooComputed.Text(last["write_date"]) is not { } lastWritten)
            {
                return UpstreamFailures.InvalidResponse(OdooSettings.SystemName, $"a {endpoint.Model} record without id or write_date");
            }

            if (cursor.Advance(new Keyset(lastWritten, lastId).ToString()) is not { } advanced)
            {
                LogRepeatedPage(logger, connection.ConnectionId, endpoint.Model, cursor.Page + 1);
                return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamInvalidResponse,
                    $"Odoo returned the same page of {endpoint.Model} twice; the read was stopped instead of looping.");
            }

            next = advanced.Encode();
        }

        var records = documents
            .Where(d => OdooComputed.Int(d["id"]) is not null)
            .Select(d => new RawRecord(OdooComputed.Int(d["id"])!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), d,
                OdooComputed.Time(d["create_date"]), OdooComputed.Time(d["write_date"]), null))
            .ToList();
        return ConnectorResult<RawPage>.Ok(new RawPage(records, next));
    }

    /// <summary>
    /// The endpoint's domain, the <c>write_date</c> window of an incremental read, and the keyset of the
    /// next page: records after the last one read in <c>write_date, id</c> order.
    /// </summary>
    private static JsonArray Domain(OdooEndpoint endpoint, Dictionary<string, string> types, DateTimeOffset? since, Keyset? after)
    {
        var domain = JsonNode.Parse(endpoint.Domain)!.AsArray();
        if (endpoint.Model == "res.partner" && !types.ContainsKey("supplier_rank"))
        {
            // Without Invoicing/Purchase there is no supplier rank: companies are the vendors.
            domain = [new JsonArray("is_company", "=", true)];
        }

        if (since is { } from)
        {
            domain.Add(new JsonArray("write_date", ">=", OdooComputed.Format(from)));
        }

        if (after is { } key)
        {
            domain.Add("|");
            domain.Add(new JsonArray("write_date", ">", key.WriteDate));
            domain.Add("&");
            domain.Add(new JsonArray("write_date", "=", key.WriteDate));
            domain.Add(new JsonArray("id", ">", key.Id));
        }

        return domain;
    }

    /// <summary>The position after the last record of a page: its <c>write_date</c> and <c>id</c>.</summary>
    private sealed record Keyset(string WriteDate, int Id)
    {
        public override string ToString() => $"{WriteDate}|{Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

        public static Keyset? Parse(string text)
        {
            var bar = text.LastIndexOf('|');
            return bar > 0 && OdooComputed.Time(JsonValue.Create(text[..bar])) is not null
                && int.TryParse(text.AsSpan(bar + 1), System.Globalization.CultureInfo.InvariantCulture, out var id)
                ? new Keyset(text[..bar], id)
                : null;
        }
    }

    private static string CacheKey(ConnectionContext connection, OdooTarget target)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{target.BaseUrl}\n{target.Database}\n{target.Login}\n{target.Secret}\n{target.Pinned}"));
        return $"{connection.ConnectionId}:{Convert.ToHexString(hash, 0, 12)}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Odoo repeated a page of {Model} at page {Page} (connection {ConnectionId}); read stopped")]
    private static partial void LogRepeatedPage(ILogger logger, string connectionId, string model, int page);

    [LoggerMessage(Level = LogLevel.Information, Message = "Odoo {Version} (connection {ConnectionId}) is read over {Protocol}")]
    private static partial void LogProtocol(ILogger logger, string connectionId, string version, OdooProtocol protocol);
}
