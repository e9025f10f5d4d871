using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Sap;

/// <summary>
/// Typed client of SAP's OData V2 services (one per call, from IHttpClientFactory, with the shared
/// upstream pipeline): Basic auth, <c>sap-client</c>, <c>$format=json</c>; turns every answer into the
/// <c>d</c> object or a classified failure carrying SAP's own error message. Never throws for the vendor.
/// </summary>
internal sealed partial class SapApi(HttpClient http, TimeProvider time, IOptions<UpstreamHttpOptions> options)
{
    public const string ClientName = "sap-s4hana";

    /// <summary>The RAP services (<c>API_MEASURINGPOINT_0001</c>, <c>API_MEASUREMENTDOCUMENT_0001</c>) are OData V4.</summary>
    public static bool IsV4(string service) => service.EndsWith("_0001", StringComparison.Ordinal);

    /// <summary>
    /// The root of <paramref name="service"/> on the connection's system, ending in <c>/</c>: <c>/sap/opu/odata/sap/&lt;SERVICE&gt;/</c> for V2,
    /// <c>/sap/opu/odata4/sap/api_&lt;x&gt;/srvd_a2x/sap/&lt;x&gt;/0001/</c> for the V4 services (SOURCE.md, the paths third-party clients use).
    /// </summary>
    public static Uri ServiceRoot(Uri baseUrl, string service) => IsV4(service)
        ? new(baseUrl, $"sap/opu/odata4/sap/{service[..^5].ToLowerInvariant()}/srvd_a2x/sap/{service[4..^5].ToLowerInvariant()}/0001/")
        : new(baseUrl, $"sap/opu/odata/sap/{service}/");

    /// <summary>The URL of a first read of <paramref name="entitySet"/> with the given system query options.</summary>
    public static Uri Url(Uri baseUrl, string? client, string service, string entitySet, IEnumerable<KeyValuePair<string, string>> query)
    {
        // V4 answers JSON by default; V2 Gateway defaults to Atom, hence $format=json there.
        var parts = new List<string>();
        if (!IsV4(service))
        {
            parts.Add("$format=json");
        }

        if (client is not null)
        {
            parts.Add("sap-client=" + client);
        }

        parts.AddRange(query.Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}"));
        return new Uri(ServiceRoot(baseUrl, service), parts.Count == 0 ? entitySet : $"{entitySet}?{string.Join('&', parts)}");
    }

    /// <summary>GET <paramref name="url"/> and return its <c>d</c> object.</summary>
    public async Task<ConnectorResult<JsonObject>> GetAsync(ConnectionContext connection, Uri url, CancellationToken cancellationToken)
    {
        var settings = SapSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        using var request = Request(connection, HttpMethod.Get, url, settings.Value.User, settings.Value.Password);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await UpstreamContent.ReadLimitedAsync(response.Content, options.Value.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return UpstreamFailures.InvalidResponse(SapSettings.SystemName, "a response larger than Millwright accepts", (int)response.StatusCode);
            }

            return response.IsSuccessStatusCode ? ParseData(body, (int)response.StatusCode) : Classify(connection, response, body);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not InvalidOperationException)
        {
            return UpstreamFailures.FromException(SapSettings.SystemName, e);
        }
    }

    private static HttpRequestMessage Request(ConnectionContext connection, HttpMethod method, Uri url, string user, string password)
    {
        var request = new HttpRequestMessage(method, url).ForConnection(connection, SapSettings.RequestsPerMinute);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    private static ConnectorResult<JsonObject> ParseData(byte[] body, int status)
    {
        try
        {
            // V2 wraps everything in "d"; V4 answers the object itself, with "@odata.context".
            return JsonNode.Parse(body) is JsonObject { } json && (json["d"] is JsonObject d ? d : json.ContainsKey("@odata.context") ? json : null) is { } data
                ? ConnectorResult<JsonObject>.Ok(data)
                : UpstreamFailures.InvalidResponse(SapSettings.SystemName, "JSON without the OData V2 'd' envelope, so the system URL probably does not point at SAP Gateway", status);
        }
        catch (JsonException)
        {
            return UpstreamFailures.InvalidResponse(SapSettings.SystemName, "a body that is not JSON (an HTML logon page or Atom XML), so the system URL probably does not point at SAP Gateway", status);
        }
    }

    private ConnectorFailure Classify(ConnectionContext connection, HttpResponseMessage response, byte[] body)
    {
        var message = ErrorMessage(body) is { } text ? Redaction.Scrub(text, connection.Credentials.Values) : null;
        var status = (int)response.StatusCode;
        if (status == 401)
        {
            return new(FailureCategory.AuthFailed, ErrorCodes.ConnectionCredentialsInvalid,
                "SAP rejected the user or password (401). Check the user, its password, that it is not locked, and the SAP client.", null, status);
        }

        if (status == 404 && message?.Contains("No service found", StringComparison.Ordinal) == true)
        {
            return new(FailureCategory.Config, ErrorCodes.UpstreamRejected,
                $"The OData service is not active on this system ({message}). Ask your SAP Basis team to activate it in /IWFND/MAINT_SERVICE.", null, status);
        }

        return UpstreamFailures.FromStatus(SapSettings.SystemName, response.StatusCode, RateLimitHeaders.RetryAfter(response, time.GetUtcNow()), message);
    }

    /// <summary>The message of SAP's OData error body <c>{"error":{"code","message":{"lang","value"}}}</c>, with its code.</summary>
    internal static string? ErrorMessage(byte[] body)
    {
        try
        {
            // V2: "message":{"lang","value"}; V4: "message" is the text.
            if (JsonNode.Parse(body) is JsonObject { } json && json["error"] is JsonObject error
                && (error["message"] is JsonObject ? error["message"]?["value"] : error["message"]) is JsonValue value && value.TryGetValue<string>(out var text))
            {
                return error["code"] is JsonValue code && code.TryGetValue<string>(out var c) ? $"{text} [{c}]" : text;
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    public static bool IsNotFound(ConnectorFailure failure) => failure.UpstreamStatus == (int)HttpStatusCode.NotFound;
}
