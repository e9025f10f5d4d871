using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Odoo;

/// <summary>Signing in, choosing the protocol, the per-connection caches, and the extra reads of a page.</summary>
internal sealed partial class OdooConnector
{
    /// <summary>The stages in order: the first one tells new requests.</summary>
    private sealed record StageInfo(int? First);

    /// <summary>
    /// <c>common.version</c> (is this an Odoo server, which release), <c>common.authenticate</c> (database,
    /// login and secret), then the protocol: JSON-2 from 19.0 when the secret works as a bearer key (a
    /// password does not), JSON-RPC otherwise. Cached for a quarter of an hour per connection and secret.
    /// </summary>
    private async Task<ConnectorResult<OdooSession>> SessionAsync(ConnectionContext connection, OdooTarget target, CancellationToken cancellationToken)
    {
        var key = CacheKey(connection, target);
        if (sessions.Get(key) is { } cached)
        {
            return ConnectorResult<OdooSession>.Ok(cached);
        }

        var api = Api();
        var version = await api.RpcAsync(connection, target.BaseUrl, "common", "version", [], cancellationToken).ConfigureAwait(false);
        if (!version.IsSuccess)
        {
            return NotOdoo(target, version.Failure!);
        }

        if (version.Value.Result is not JsonObject info || OdooComputed.Text(info["server_version"]) is not { } release)
        {
            return new ConnectorFailure(FailureCategory.Config, ErrorCodes.UpstreamInvalidResponse,
                $"{target.BaseUrl} answers JSON-RPC but not like an Odoo server (common.version has no server_version).");
        }

        var major = Major(info["server_version_info"]);
        var login = await api.RpcAsync(connection, target.BaseUrl, "common", "authenticate",
            [target.Database, target.Login, target.Secret, new JsonObject()], cancellationToken).ConfigureAwait(false);
        if (!login.IsSuccess)
        {
            return login.Failure!;
        }

        if (login.Value.Error is { } error)
        {
            return error.Name.StartsWith("psycopg2", StringComparison.Ordinal) && error.Message.Contains("does not exist", StringComparison.Ordinal)
                ? await NoDatabaseAsync(connection, target, cancellationToken).ConfigureAwait(false)
                : Fail(connection, error, "the sign-in");
        }

        if (OdooComputed.Int(login.Value.Result) is not { } uid || uid <= 0)
        {
            return new ConnectorFailure(FailureCategory.AuthFailed, ErrorCodes.ConnectionCredentialsInvalid,
                $"Odoo did not accept the login '{target.Login}' with this API key or password in the database '{target.Database}'. Check both; an API key may have been revoked or expired.");
        }

        var protocol = await ProtocolAsync(connection, target, major, release, cancellationToken).ConfigureAwait(false);
        if (!protocol.IsSuccess)
        {
            return protocol.Failure!;
        }

        var session = new OdooSession(target, uid, protocol.Value, release);
        LogProtocol(logger, connection.ConnectionId, release, protocol.Value);
        sessions.Set(key, session);
        return ConnectorResult<OdooSession>.Ok(session);
    }

    private async Task<ConnectorResult<OdooProtocol>> ProtocolAsync(ConnectionContext connection, OdooTarget target, int major, string release, CancellationToken cancellationToken)
    {
        if (target.Pinned == OdooProtocol.JsonRpc || (target.Pinned is null && major < 19))
        {
            return ConnectorResult<OdooProtocol>.Ok(OdooProtocol.JsonRpc);
        }

        if (major < 19)
        {
            return new ConnectorFailure(FailureCategory.Config, ErrorCodes.ValidationFailed,
                $"The JSON-2 API needs Odoo 19 or later, and this server runs {release}. Leave the API setting empty.");
        }

        var probe = await Api().Json2Async(connection, target, "res.users", "search_count", new JsonObject { ["domain"] = new JsonArray() }, cancellationToken).ConfigureAwait(false);
        var works = probe.IsSuccess && probe.Value.Error is null;
        if (works || target.Pinned is null)
        {
            // A password signs in over JSON-RPC but is no bearer key; the legacy API still serves 19.x.
            return ConnectorResult<OdooProtocol>.Ok(works ? OdooProtocol.Json2 : OdooProtocol.JsonRpc);
        }

        return probe.IsSuccess && probe.Value.Error is { Status: 401 }
            ? new ConnectorFailure(FailureCategory.AuthFailed, ErrorCodes.ConnectionCredentialsInvalid,
                "Odoo's JSON-2 API accepts only API keys, not passwords. Create an API key in Preferences › Account Security, or leave the API setting empty.")
            : probe.IsSuccess ? Fail(connection, probe.Value.Error!, "the JSON-2 check") : probe.Failure!;
    }

    /// <summary>The wrong database, in plain words, naming the databases the server lists when it lists them.</summary>
    private async Task<ConnectorFailure> NoDatabaseAsync(ConnectionContext connection, OdooTarget target, CancellationToken cancellationToken)
    {
        var list = await Api().RpcAsync(connection, target.BaseUrl, "db", "list", [], cancellationToken).ConfigureAwait(false);
        var names = list.IsSuccess && list.Value.Result is JsonArray databases
            ? databases.Select(OdooComputed.Text).OfType<string>().Take(10).ToList()
            : [];
        return new ConnectorFailure(FailureCategory.Config, ErrorCodes.ValidationFailed,
            $"There is no database '{target.Database}' on this Odoo server." + (names.Count > 0 ? $" It has: {string.Join(", ", names)}." : " Check the name on the database selector."));
    }

    private static ConnectorFailure NotOdoo(OdooTarget target, ConnectorFailure failure) =>
        failure.UpstreamStatus is 404 or 405 || failure.Code == ErrorCodes.UpstreamInvalidResponse
            ? new ConnectorFailure(FailureCategory.Config, ErrorCodes.UpstreamRejected,
                $"{target.BaseUrl} does not look like an Odoo server: its /jsonrpc endpoint {(failure.UpstreamStatus is { } status ? $"answered HTTP {status}" : "did not answer JSON-RPC")}. Use the address you open Odoo with.",
                null, failure.UpstreamStatus)
            : failure;

    /// <summary>The major release from <c>server_version_info</c>: 18 for <c>[18, 0, …]</c>, and for <c>["saas~18", 1, …]</c>.</summary>
    private static int Major(JsonNode? info)
    {
        var first = info is JsonArray { Count: > 0 } list ? list[0] : null;
        if (OdooComputed.Int(first) is { } number)
        {
            return number;
        }

        var digits = new string([.. (OdooComputed.Text(first) ?? "").Where(char.IsAsciiDigit)]);
        return int.TryParse(digits, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
    }

    /// <summary>Field name → type of a model on this database (<c>fields_get</c>), cached; empty when the model does not exist.</summary>
    private async Task<ConnectorResult<Dictionary<string, string>>> FieldTypesAsync(ConnectionContext connection, OdooSession session, string model, CancellationToken cancellationToken)
    {
        var key = $"{CacheKey(connection, session.Target)}:{model}";
        if (fieldTypes.Get(key) is { } cached)
        {
            return ConnectorResult<Dictionary<string, string>>.Ok(cached);
        }

        var reply = await Api().CallAsync(connection, session, model, "fields_get", new JsonObject { ["attributes"] = new JsonArray("type") }, null, cancellationToken)
            .ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            return reply.Failure!;
        }

        Dictionary<string, string> types;
        if (reply.Value.Error is { } error)
        {
            if (!OdooFailures.IsMissingModel(error))
            {
                return Fail(connection, error, model);
            }

            types = [];
        }
        else
        {
            types = (reply.Value.Result as JsonObject ?? []).Where(p => OdooComputed.Text(p.Value?["type"]) is not null)
                .ToDictionary(p => p.Key, p => OdooComputed.Text(p.Value!["type"])!, StringComparer.Ordinal);
        }

        fieldTypes.Set(key, types);
        return ConnectorResult<Dictionary<string, string>>.Ok(types);
    }

    /// <summary>One call; an Odoo exception becomes a classified failure (and AccessDenied drops the cached session).</summary>
    private async Task<ConnectorResult<JsonNode?>> CallAsync(ConnectionContext connection, OdooSession session, string model, string method, JsonObject named, JsonArray? ids,
        string what, CancellationToken cancellationToken)
    {
        var reply = await Api().CallAsync(connection, session, model, method, named, ids, cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            return reply.Failure!;
        }

        return reply.Value.Error is { } error ? Fail(connection, error, what) : ConnectorResult<JsonNode?>.Ok(reply.Value.Result);
    }

    private ConnectorFailure Fail(ConnectionContext connection, OdooError error, string what)
    {
        var failure = OdooFailures.Classify(error, what);
        if (failure.Category == FailureCategory.AuthFailed && OdooSettings.Read(connection) is { IsSuccess: true } target)
        {
            sessions.Remove(CacheKey(connection, target.Value!));
        }

        return failure;
    }

    /// <summary>The stages in <c>sequence, id</c> order, cached: which one requests start in.</summary>
    private async Task<ConnectorResult<StageInfo>> StagesAsync(ConnectionContext connection, OdooSession session, CancellationToken cancellationToken)
    {
        var key = CacheKey(connection, session.Target);
        if (stages.Get(key) is { } cached)
        {
            return ConnectorResult<StageInfo>.Ok(cached);
        }

        var reply = await CallAsync(connection, session, "maintenance.stage", "search_read",
            new JsonObject { ["domain"] = new JsonArray(), ["fields"] = new JsonArray("sequence", "done"), ["order"] = "sequence, id" }, null, "maintenance stages", cancellationToken)
            .ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            return reply.Failure!;
        }

        var info = new StageInfo((reply.Value as JsonArray)?.FirstOrDefault() is { } first ? OdooComputed.Int(first["id"]) : null);
        stages.Set(key, info);
        return ConnectorResult<StageInfo>.Ok(info);
    }

    /// <summary>Adds what mappings need beyond the page's own fields; a failure, or null when done.</summary>
    private async Task<ConnectorFailure?> AddExtrasAsync(ConnectionContext connection, OdooSession session, OdooEndpoint endpoint, List<JsonObject> documents, CancellationToken cancellationToken)
    {
        if (documents.Count == 0 || endpoint.Extra == OdooExtra.None)
        {
            return null;
        }

        var ids = new JsonArray([.. documents.Select(d => d["id"]?.DeepClone())]);
        switch (endpoint.Extra)
        {
            case OdooExtra.Stages:
                var stageInfo = await StagesAsync(connection, session, cancellationToken).ConfigureAwait(false);
                if (!stageInfo.IsSuccess)
                {
                    return stageInfo.Failure;
                }

                foreach (var request in documents)
                {
                    OdooComputed.Set(request, "first_stage", OdooComputed.RefId(request["stage_id"]) is { } stage && stage == stageInfo.Value!.First);
                    var schedule = OdooComputed.Text(request["maintenance_type"]) == "preventive" && request["recurring_maintenance"]?.GetValueKind() == JsonValueKind.True
                        && request["done"]?.GetValueKind() != JsonValueKind.True;
                    OdooComputed.Set(request, "pm_schedule", schedule ? request["id"]?.DeepClone() : null);
                }

                return null;
            case OdooExtra.Stock:
                return await AttachAsync(connection, session, documents, "stock.quant", "product_id", "stock",
                    new JsonArray(new JsonArray("product_id", "in", ids), new JsonArray("location_id.usage", "=", "internal")), ["product_id", "location_id", "quantity"], Stock, cancellationToken)
                    .ConfigureAwait(false);
            default:
                return await AttachAsync(connection, session, documents, "purchase.order.line", "order_id", "lines",
                    new JsonArray(new JsonArray("order_id", "in", ids)), ["order_id", "product_id", "product_type", "name", "product_qty", "qty_received", "price_unit", "price_subtotal", "product_uom"],
                    Lines, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Order lines as Odoo returns them, plus <c>part</c>: the product unless it is a service (services are not parts).</summary>
    private static JsonArray Lines(List<JsonObject> lines)
    {
        foreach (var line in lines)
        {
            line["part"] = OdooComputed.Text(line["product_type"]) == "service" ? null : OdooComputed.RefId(line["product_id"]);
        }

        return new JsonArray([.. lines.Select(l => (JsonNode?)l)]);
    }

    /// <summary>Quants summed per location: <c>[{location, quantity}]</c>.</summary>
    private static JsonArray Stock(List<JsonObject> quants) =>
        new([.. quants.GroupBy(q => OdooComputed.RefId(q["location_id"]))
            .Where(g => g.Key is not null)
            .OrderBy(g => g.Key)
            .Select(g => (JsonNode?)new JsonObject { ["location"] = g.Key, ["quantity"] = g.Sum(q => q["quantity"] is JsonValue v && v.TryGetValue<double>(out var n) ? n : 0) })]);

    /// <summary>
    /// Reads the rows of <paramref name="model"/> that point at the page's records and puts them, shaped by
    /// <paramref name="shape"/>, under <c>_millwright.&lt;name&gt;</c>. A model the database lacks gives empty lists.
    /// </summary>
    private async Task<ConnectorFailure?> AttachAsync(ConnectionContext connection, OdooSession session, List<JsonObject> documents, string model, string parent, string name,
        JsonArray domain, string[] fields, Func<List<JsonObject>, JsonArray> shape, CancellationToken cancellationToken)
    {
        var reply = await Api().CallAsync(connection, session, model, "search_read",
            new JsonObject { ["domain"] = domain, ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode?)f)]), ["order"] = "id asc" }, null, cancellationToken).ConfigureAwait(false);
        if (!reply.IsSuccess)
        {
            return reply.Failure;
        }

        if (reply.Value.Error is { } error && !OdooFailures.IsMissingModel(error))
        {
            return Fail(connection, error, model);
        }

        var rows = (reply.Value.Result as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        foreach (var row in rows)
        {
            // Every field read here is relational or numeric: Odoo's false means empty.
            foreach (var empty in row.Where(p => p.Value?.GetValueKind() == JsonValueKind.False).Select(p => p.Key).ToList())
            {
                row[empty] = null;
            }
        }

        var byParent = rows.ToLookup(r => OdooComputed.RefId(r[parent]));
        foreach (var document in documents)
        {
            OdooComputed.Set(document, name, shape([.. byParent[OdooComputed.Int(document["id"])].Select(r => (JsonObject)r.DeepClone())]));
        }

        return null;
    }
}

/// <summary>How Odoo's exceptions are classified (README.md, "Failures").</summary>
internal static class OdooFailures
{
    /// <summary>The model is not in this database (its app is not installed): legacy UserError "Object x doesn't exist", JSON-2 404.</summary>
    public static bool IsMissingModel(OdooError error) =>
        (error.Is("UserError") && error.Message.StartsWith("Object ", StringComparison.Ordinal) && error.Message.EndsWith("doesn't exist", StringComparison.Ordinal))
        || (error.Status == 404 && error.Message.Contains("model", StringComparison.OrdinalIgnoreCase));

    public static ConnectorFailure Classify(OdooError error, string what)
    {
        var shortName = error.Name[(error.Name.LastIndexOf('.') + 1)..];
        var detail = error.Message.Length > 0 ? $": {error.Message.Trim().TrimEnd('.')}" : "";
        if (error.Is("AccessDenied") || error.Status == 401)
        {
            return new ConnectorFailure(FailureCategory.AuthFailed, ErrorCodes.ConnectionCredentialsInvalid,
                $"Odoo rejected the login and API key (or password) ({shortName}). The key may have been revoked or expired, or the password changed.", null, error.Status);
        }

        if (error.Is("AccessError") || error.Status == 403)
        {
            return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamRejected,
                $"Odoo does not let this user read {what} (AccessError){detail}. Give the user the needed access rights; the other entities are still read.", null, error.Status);
        }

        return error.Status >= 500
            ? new ConnectorFailure(FailureCategory.Transient, ErrorCodes.UpstreamUnavailable, $"Odoo failed while reading {what} ({shortName}){detail}.", null, error.Status)
            : new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamRejected, $"Odoo refused to read {what} ({shortName}){detail}.", null, error.Status);
    }
}
