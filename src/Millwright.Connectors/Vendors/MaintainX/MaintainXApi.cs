using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.MaintainX;

/// <summary>
/// Typed client of the MaintainX REST API (one per call, from IHttpClientFactory, with the shared
/// upstream pipeline). Turns every answer into JSON or a classified failure; never throws for the vendor.
/// </summary>
internal sealed partial class MaintainXApi(HttpClient http, TimeProvider time, IOptions<UpstreamHttpOptions> options)
{
    public const string ClientName = "maintainx";

    /// <summary>GET <paramref name="path"/> (relative to the base URL) and parse the JSON object it returns.</summary>
    /// <param name="listCall">A 404 means the base URL is wrong (list endpoints always exist), not a missing record.</param>
    public async Task<ConnectorResult<JsonObject>> GetAsync(
        ConnectionContext connection,
        string path,
        IEnumerable<KeyValuePair<string, string>> query,
        bool listCall,
        CancellationToken cancellationToken)
    {
        var settings = MaintainXSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (baseUrl, apiKey, organizationId) = settings.Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, path + QueryString(query)))
            .ForConnection(connection, MaintainXSettings.RequestsPerMinute, vendorStatesPerMinuteLimit: true);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (organizationId is not null)
        {
            request.Headers.Add("x-organization-id", organizationId);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await UpstreamContent.ReadLimitedAsync(response.Content, options.Value.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return UpstreamFailures.InvalidResponse(MaintainXSettings.SystemName, "a response larger than Millwright accepts", (int)response.StatusCode);
            }

            return response.IsSuccessStatusCode
                ? ParseObject(body, (int)response.StatusCode)
                : Classify(connection, response, body, organizationId, listCall);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not InvalidOperationException)
        {
            return UpstreamFailures.FromException(MaintainXSettings.SystemName, e);
        }
    }

    private static ConnectorResult<JsonObject> ParseObject(byte[] body, int status)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject json
                ? ConnectorResult<JsonObject>.Ok(json)
                : UpstreamFailures.InvalidResponse(MaintainXSettings.SystemName, "JSON that is not an object, so the base URL is probably not the MaintainX API", status);
        }
        catch (JsonException)
        {
            return UpstreamFailures.InvalidResponse(MaintainXSettings.SystemName, "a body that is not JSON, so the base URL is probably not the MaintainX API", status);
        }
    }

    private ConnectorFailure Classify(ConnectionContext connection, HttpResponseMessage response, byte[] body, string? organizationId, bool listCall)
    {
        var message = ErrorMessage(body) is { } text ? Redaction.Scrub(text, connection.Credentials.Values) : null;
        var status = (int)response.StatusCode;
        if (status == 400 && message?.Contains("organization", StringComparison.OrdinalIgnoreCase) == true)
        {
            // Spec, tag "Authentication": a multi-organization token without x-organization-id gets a 400.
            return new(FailureCategory.Config, ErrorCodes.ValidationFailed, organizationId is null
                ? $"This API key covers several MaintainX organizations: set the organization ID ({message})."
                : $"MaintainX does not accept organization ID {organizationId} ({message}).", null, status);
        }

        if (status == 404 && listCall)
        {
            return new(FailureCategory.Config, ErrorCodes.UpstreamRejected,
                "The base URL does not look like the MaintainX API: a standard list endpoint answered 404 Not Found. The usual address is https://api.getmaintainx.com/v1.",
                null, status);
        }

        if (status == 403 && organizationId is not null)
        {
            message = $"{message ?? "forbidden"}; check that the key's user belongs to organization {organizationId}";
        }

        var retryAfter = RateLimitHeaders.RetryAfter(response, time.GetUtcNow());
        if (status == 429 && retryAfter is null && message is not null)
        {
            retryAfter = RetryInSeconds(message);
        }

        return UpstreamFailures.FromStatus(MaintainXSettings.SystemName, response.StatusCode, retryAfter, message);
    }

    /// <summary>The vendor's message from <c>{"error": "…"}</c> or <c>{"errors": [{"error": "…", "fieldPath": "…"}]}</c>.</summary>
    internal static string? ErrorMessage(byte[] body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject json)
            {
                return null;
            }

            if (json["error"] is JsonValue single && single.TryGetValue<string>(out var text))
            {
                return text;
            }

            if (json["errors"] is JsonArray errors)
            {
                var messages = errors.OfType<JsonObject>()
                    .Select(e => (Error: e["error"]?.GetValueKind() == JsonValueKind.String ? (string?)e["error"] : null,
                                  Field: e["fieldPath"]?.GetValueKind() == JsonValueKind.String ? (string?)e["fieldPath"] : null))
                    .Where(e => e.Error is not null)
                    .Select(e => e.Field is null ? e.Error : $"{e.Field}: {e.Error}");
                var joined = string.Join("; ", messages);
                return joined.Length > 0 ? joined : null;
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>MaintainX 429 bodies say "Please retry in N seconds" (spec, /meters/{meterId}/readings 429).</summary>
    private static TimeSpan? RetryInSeconds(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"retry in (\d{1,5}) second", System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(50));
        return match.Success ? TimeSpan.FromSeconds(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)) : null;
    }

    private static string QueryString(IEnumerable<KeyValuePair<string, string>> query)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in query)
        {
            builder.Append(builder.Length == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }

    public static bool IsNotFound(ConnectorFailure failure) => failure.UpstreamStatus == (int)HttpStatusCode.NotFound;
}
