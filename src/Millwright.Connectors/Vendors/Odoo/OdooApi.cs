using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Odoo;

/// <summary>A Python exception Odoo answered with: the JSON-RPC <c>error.data</c>, or a JSON-2 error body and its status.</summary>
/// <param name="Name">The exception's qualified name, e.g. <c>odoo.exceptions.AccessDenied</c>.</param>
/// <param name="Message">Its message, scrubbed of the connection's secrets.</param>
/// <param name="Status">The HTTP status (200 on legacy RPC).</param>
internal sealed record OdooError(string Name, string Message, int Status)
{
    public bool Is(string shortName) => Name.EndsWith("." + shortName, StringComparison.Ordinal) || Name == shortName;
}

/// <summary>What one call returned: its result, or the exception Odoo raised. Transport and HTTP failures are <see cref="ConnectorFailure"/>s instead.</summary>
internal readonly record struct OdooReply(JsonNode? Result, OdooError? Error);

/// <summary>
/// Typed client of Odoo's external API (one per call, from IHttpClientFactory, with the shared upstream
/// pipeline). Legacy JSON-RPC (<c>POST /jsonrpc</c>, errors as HTTP 200 + <c>error</c>) and JSON-2
/// (<c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c>, bearer key, real status codes); never throws for the vendor.
/// </summary>
internal sealed class OdooApi(HttpClient http, TimeProvider time, IOptions<UpstreamHttpOptions> options)
{
    public const string ClientName = "odoo";

    /// <summary>Service and ORM methods that only read (<c>common.version</c>, <c>authenticate</c>, <c>search_read</c>…).</summary>
    private static readonly HashSet<string> ReadMethods = new(StringComparer.Ordinal)
    {
        "version", "login", "authenticate", "list", "server_version", "search_read", "search", "search_count", "read", "fields_get",
    };

    private static long nextId;

    /// <summary>One JSON-RPC call of <paramref name="service"/>.<paramref name="method"/>.</summary>
    public Task<ConnectorResult<OdooReply>> RpcAsync(ConnectionContext connection, Uri baseUrl, string service, string method, JsonArray args, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "call",
            ["params"] = new JsonObject { ["service"] = service, ["method"] = method, ["args"] = args },
            ["id"] = Interlocked.Increment(ref nextId),
        };
        var read = service != "object" ? method : (string?)args.ElementAtOrDefault(4) ?? "";
        return SendAsync(connection, new Uri(baseUrl, "jsonrpc"), read, body, bearer: null, database: null, json2: false, cancellationToken);
    }

    /// <summary>One ORM call on the session's protocol, parameters by name (<c>ids</c> apart, for record methods).</summary>
    public Task<ConnectorResult<OdooReply>> CallAsync(ConnectionContext connection, OdooSession session, string model, string method, JsonObject named,
        JsonArray? ids, CancellationToken cancellationToken)
    {
        if (session.Protocol == OdooProtocol.Json2)
        {
            var body = (JsonObject)named.DeepClone();
            if (ids is not null)
            {
                body["ids"] = ids.DeepClone();
            }

            return Json2Async(connection, session.Target, model, method, body, cancellationToken);
        }

        JsonArray positional = ids is null ? [] : [ids.DeepClone()];
        var args = new JsonArray(session.Target.Database, session.Uid, session.Target.Secret, model, method, positional, named.DeepClone());
        return RpcAsync(connection, session.Target.BaseUrl, "object", "execute_kw", args, cancellationToken);
    }

    /// <summary><c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c> with the bearer key and the database header.</summary>
    public Task<ConnectorResult<OdooReply>> Json2Async(ConnectionContext connection, OdooTarget target, string model, string method, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(connection, new Uri(target.BaseUrl, $"json/2/{Uri.EscapeDataString(model)}/{Uri.EscapeDataString(method)}"), method, body, target.Secret, target.Database, json2: true,
            cancellationToken);

    private async Task<ConnectorResult<OdooReply>> SendAsync(ConnectionContext connection, Uri url, string method, JsonObject body, string? bearer, string? database, bool json2,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url).ForConnection(connection, OdooSettings.RequestsPerMinute);
        if (ReadMethods.Contains(method))
        {
            // Reads go over POST too; they are safe to repeat after a 5xx or a dropped connection.
            request.AsRead();
        }

        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("bearer", bearer);
        }

        if (database is not null)
        {
            request.Headers.Add("X-Odoo-Database", database);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var content = await UpstreamContent.ReadLimitedAsync(response.Content, options.Value.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (content is null)
            {
                return UpstreamFailures.InvalidResponse(OdooSettings.SystemName, "a response larger than Millwright accepts (lower the page size)", (int)response.StatusCode);
            }

            var status = (int)response.StatusCode;
            var parsed = Parse(content);
            if (json2 && parsed is JsonObject error && status >= 400 && error["name"] is JsonValue)
            {
                return ConnectorResult<OdooReply>.Ok(new OdooReply(null, Error(connection, error, status)));
            }

            if (!response.IsSuccessStatusCode)
            {
                return UpstreamFailures.FromStatus(OdooSettings.SystemName, response.StatusCode, RateLimitHeaders.RetryAfter(response, time.GetUtcNow()), null);
            }

            if (parsed is null && content.Length > 0)
            {
                return UpstreamFailures.InvalidResponse(OdooSettings.SystemName, "a body that is not JSON, so the URL is probably not an Odoo server (it should be the address you open Odoo with)", status);
            }

            if (json2)
            {
                return ConnectorResult<OdooReply>.Ok(new OdooReply(parsed, null));
            }

            if (parsed is not JsonObject envelope || (envelope["result"] is null && envelope["error"] is null && !envelope.ContainsKey("result")))
            {
                return UpstreamFailures.InvalidResponse(OdooSettings.SystemName, "JSON that is not a JSON-RPC answer, so the URL is probably not an Odoo server", status);
            }

            return envelope["error"] is JsonObject rpcError
                ? ConnectorResult<OdooReply>.Ok(new OdooReply(null, Error(connection, rpcError["data"] as JsonObject ?? rpcError, status)))
                : ConnectorResult<OdooReply>.Ok(new OdooReply(envelope["result"], null));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not InvalidOperationException)
        {
            return UpstreamFailures.FromException(OdooSettings.SystemName, e);
        }
    }

    private static JsonNode? Parse(byte[] content)
    {
        try
        {
            return content.Length == 0 ? null : JsonNode.Parse(content);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static OdooError Error(ConnectionContext connection, JsonObject data, int status)
    {
        var name = data["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? (string)n! : "unknown";
        var message = data["message"] is JsonValue m && m.GetValueKind() == JsonValueKind.String ? (string)m! : "";
        return new OdooError(name, Redaction.Scrub(message, connection.Credentials.Values), status);
    }
}
