using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Maximo;

/// <summary>
/// Typed client of Maximo's OSLC/JSON API (one per call, from IHttpClientFactory, with the shared upstream
/// pipeline). Signs every request (<c>apikey</c> or <c>maxauth</c>), asks for lean JSON, turns Maximo's
/// <c>{"Error":{reasonCode,message,statusCode}}</c> bodies into classified failures; never throws for the vendor.
/// </summary>
internal sealed partial class MaximoApi(HttpClient http, TimeProvider time, IOptions<UpstreamHttpOptions> options)
{
    public const string ClientName = "ibm-maximo";

    /// <summary>Published reason code: the resource (record) does not exist.</summary>
    public const string RecordNotFound = "BMXAA8727E";

    /// <summary>GET <paramref name="url"/> (absolute, under the connection's base URL) and parse the JSON object it returns.</summary>
    /// <param name="listCall">A 404 means the base URL or object structure is wrong (collections always exist).</param>
    public async Task<ConnectorResult<JsonObject>> GetAsync(ConnectionContext connection, Uri url, bool listCall, CancellationToken cancellationToken)
    {
        var settings = MaximoSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (baseUrl, auth) = settings.Value;
        if (!baseUrl.IsBaseOf(url) || url.Scheme != baseUrl.Scheme)
        {
            // A next-page link pointing elsewhere would send the credentials to another host.
            return UpstreamFailures.InvalidResponse(MaximoSettings.SystemName, "a next-page link outside the Maximo URL, which Millwright does not follow");
        }

        using var request = Request(connection, HttpMethod.Get, url, auth);

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await UpstreamContent.ReadLimitedAsync(response.Content, options.Value.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return UpstreamFailures.InvalidResponse(MaximoSettings.SystemName, "a response larger than Millwright accepts", (int)response.StatusCode);
            }

            return response.IsSuccessStatusCode
                ? ParseObject(body, (int)response.StatusCode)
                : Classify(connection, response, body, listCall);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not InvalidOperationException)
        {
            return UpstreamFailures.FromException(MaximoSettings.SystemName, e);
        }
    }

    private static HttpRequestMessage Request(ConnectionContext connection, HttpMethod method, Uri url, MaximoAuth auth)
    {
        var request = new HttpRequestMessage(method, url).ForConnection(connection, MaximoSettings.RequestsPerMinute);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (auth.UsesApiKey)
        {
            request.Headers.Add("apikey", auth.ApiKey);
        }
        else
        {
            request.Headers.Add("maxauth", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{auth.User}:{auth.Password}")));
        }

        return request;
    }

    private static ConnectorResult<JsonObject> ParseObject(byte[] body, int status)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject json
                ? ConnectorResult<JsonObject>.Ok(json)
                : UpstreamFailures.InvalidResponse(MaximoSettings.SystemName, "JSON that is not an object, so the URL is probably not the Maximo application", status);
        }
        catch (JsonException)
        {
            return UpstreamFailures.InvalidResponse(MaximoSettings.SystemName, "a body that is not JSON, so the URL is probably not the Maximo application (it should end in /maximo)", status);
        }
    }

    private ConnectorFailure Classify(ConnectionContext connection, HttpResponseMessage response, byte[] body, bool listCall)
    {
        var error = Error(body);
        var message = error?.Message is { } text ? Redaction.Scrub(text, connection.Credentials.Values) : null;
        var status = (int)response.StatusCode;
        if (error?.ReasonCode == "BMXAA9301E")
        {
            // Published: the user is not authorised for the object structure. New credentials (or rights) fix it.
            return new(FailureCategory.AuthFailed, ErrorCodes.ConnectionCredentialsInvalid,
                $"{MaximoSettings.SystemName} refused access to an object structure ({message}). Grant the integration user's security group access to it in Security Groups › Object Structures.", null, status);
        }

        if (status == 404 && listCall && error?.ReasonCode != RecordNotFound)
        {
            return new(FailureCategory.Config, ErrorCodes.UpstreamRejected, error is null
                ? "The Maximo URL does not look like a Maximo application: a standard endpoint answered 404 Not Found. It usually ends in /maximo."
                : $"Maximo does not offer a needed object structure ({message}).", null, status);
        }

        return UpstreamFailures.FromStatus(MaximoSettings.SystemName, response.StatusCode, RateLimitHeaders.RetryAfter(response, time.GetUtcNow()), message);
    }

    /// <summary>The reason code and message of Maximo's error body, or null when the body is not one.</summary>
    internal static (string? ReasonCode, string? Message)? Error(byte[] body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject json && json["Error"] is JsonObject error)
            {
                var reason = error["reasonCode"]?.GetValueKind() == JsonValueKind.String ? (string?)error["reasonCode"] : null;
                var message = error["message"]?.GetValueKind() == JsonValueKind.String ? (string?)error["message"] : null;
                return (reason, message);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
