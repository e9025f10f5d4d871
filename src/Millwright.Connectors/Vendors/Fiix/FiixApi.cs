using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Fiix;

/// <summary>
/// Typed client of Fiix's command API (one per call, from IHttpClientFactory, with the shared upstream
/// pipeline). Builds and signs the URL exactly as the official SDKs do, posts the message as
/// <c>text/plain</c> JSON, waits out throttling (code 1100) as advised, and turns Fiix's in-band
/// <c>error</c> objects into classified failures; never throws for the vendor.
/// </summary>
internal sealed class FiixApi(HttpClient http, TimeProvider time, IOptions<UpstreamHttpOptions> options)
{
    public const string ClientName = "fiix";

    /// <summary>Published: throttled, the client should retry after <see cref="RetryAdvisory"/> ms (fiix-cmms-api Error.java).</summary>
    public const int Throttled = 1100;

    public const string RetryAdvisory = "P_CLIENT_AUTO_RETRY_WAIT_ADVISORY_MS";

    /// <summary>The Java SDK's behaviour: a 4 s wait when none is advised, and at most 5 s of waiting in total before giving up.</summary>
    private static readonly TimeSpan DefaultAdvisory = TimeSpan.FromMilliseconds(4000);

    private static readonly TimeSpan MaxTotalWait = TimeSpan.FromMilliseconds(5000);

    /// <summary>Sends one message (its <c>_maCn</c> is the <c>action</c>) and returns the response object when it has no error.</summary>
    public async Task<ConnectorResult<JsonObject>> SendAsync(ConnectionContext connection, FiixTenant tenant, JsonObject message, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            var result = await SendOnceAsync(connection, tenant, message, cancellationToken).ConfigureAwait(false);
            if (result.Failure is not { Category: FailureCategory.RateLimited, UpstreamStatus: 200, RetryAfter: { } wait } || waited + wait > MaxTotalWait)
            {
                return result;
            }

            // Throttled with a short advised wait: resend after it, as the SDKs do.
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            waited += wait;
        }
    }

    private async Task<ConnectorResult<JsonObject>> SendOnceAsync(ConnectionContext connection, FiixTenant tenant, JsonObject message, CancellationToken cancellationToken)
    {
        message["requestSentUnixTime"] = time.GetUtcNow().ToUnixTimeMilliseconds();
        var action = (string)message["_maCn"]!;
        var url = SignedUrl(tenant, action, time.GetUtcNow().ToUnixTimeMilliseconds());
        using var request = new HttpRequestMessage(HttpMethod.Post, url).ForConnection(connection, FiixSettings.RequestsPerMinute);
        if (action.StartsWith("Find", StringComparison.Ordinal))
        {
            // Finds go over POST too; they are safe to repeat after a 5xx or a dropped connection.
            request.AsRead();
        }

        request.Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "text/plain");
        request.Headers.TryAddWithoutValidation("Authorization", Sign(tenant.SecretKey, url));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await UpstreamContent.ReadLimitedAsync(response.Content, options.Value.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return UpstreamFailures.InvalidResponse(FiixSettings.SystemName, "a response larger than Millwright accepts", (int)response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                // The SDKs treat anything but 200 as a transport failure: Fiix's own errors come inside a 200.
                return (int)response.StatusCode == 404
                    ? new ConnectorFailure(FailureCategory.Config, ErrorCodes.UpstreamRejected,
                        $"No Fiix tenant answers at {tenant.TenantUrl} (HTTP 404 for /api/). Check the tenant URL: it is the address you open Fiix with, like https://acme.macmms.com.", null, 404)
                    : UpstreamFailures.FromStatus(FiixSettings.SystemName, response.StatusCode, RateLimitHeaders.RetryAfter(response, time.GetUtcNow()), null);
            }

            return Parse(connection, tenant, body, action);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not InvalidOperationException)
        {
            return UpstreamFailures.FromException(FiixSettings.SystemName, e);
        }
    }

    /// <summary>
    /// <c>{tenant}/api/?action=…&amp;service=cmms&amp;accessKey=…&amp;appKey=…&amp;timestamp=…&amp;signatureVersion=1&amp;signatureMethod=HmacSHA256</c>:
    /// the parameters in the official SDKs' order (SOURCE.md). Keys are sent as Fiix issues them.
    /// </summary>
    internal static Uri SignedUrl(FiixTenant tenant, string action, long timestamp) => new(
        $"{tenant.ApiUrl}?action={Uri.EscapeDataString(action)}&service=cmms&accessKey={Uri.EscapeDataString(tenant.AccessKey)}&appKey={Uri.EscapeDataString(tenant.AppKey)}&timestamp={timestamp.ToString(CultureInfo.InvariantCulture)}&signatureVersion=1&signatureMethod=HmacSHA256");

    /// <summary>Lowercase hex HMAC-SHA256 (key: the secret's UTF-8 bytes) of the URL without its scheme.</summary>
    internal static string Sign(string secretKey, Uri url)
    {
        var text = url.AbsoluteUri;
        var withoutScheme = text[(text.IndexOf("://", StringComparison.Ordinal) + 3)..];
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(withoutScheme)));
    }

    private static ConnectorResult<JsonObject> Parse(ConnectionContext connection, FiixTenant tenant, byte[] body, string action)
    {
        JsonObject json;
        try
        {
            if (JsonNode.Parse(body) is not JsonObject parsed)
            {
                return NotFiix(tenant);
            }

            json = parsed;
        }
        catch (JsonException)
        {
            return NotFiix(tenant);
        }

        if (json["error"] is JsonObject error)
        {
            return Classify(connection, error);
        }

        var expected = action.EndsWith("Request", StringComparison.Ordinal) ? action[..^"Request".Length] + "Response" : null;
        if (json["_maCn"] is JsonValue tag && tag.GetValueKind() == JsonValueKind.String && expected is not null
            && !string.Equals((string?)tag, expected, StringComparison.OrdinalIgnoreCase))
        {
            return UpstreamFailures.InvalidResponse(FiixSettings.SystemName, $"a {(string?)tag} to a {action}");
        }

        return ConnectorResult<JsonObject>.Ok(json);
    }

    private static ConnectorFailure NotFiix(FiixTenant tenant) =>
        new(FailureCategory.Config, ErrorCodes.UpstreamInvalidResponse,
            $"The address {tenant.TenantUrl} answered, but not like a Fiix tenant (the API's answer was not a Fiix message). Check the tenant URL.", null, 200);

    /// <summary>
    /// Fiix publishes only code 1100. Authentication failures are recognised by the codes the Millwright
    /// sandbox uses (1300–1302, README) and by their wording, clock skew by 1303 or a message about the
    /// timestamp; everything else is a refusal of the request.
    /// </summary>
    internal static ConnectorFailure Classify(ConnectionContext connection, JsonObject error)
    {
        var code = error["code"] is JsonValue c && c.GetValueKind() == JsonValueKind.Number && c.TryGetValue<int>(out var number) ? number : (int?)null;
        var message = error["message"] is JsonValue m && m.GetValueKind() == JsonValueKind.String ? Redaction.Scrub((string)m!, connection.Credentials.Values) : "";
        var detail = message.Length > 0 ? $" Fiix said: {message.TrimEnd('.')}." : "";
        if (code == Throttled)
        {
            var wait = error["object"]?[RetryAdvisory] is JsonValue advisory && advisory.GetValueKind() == JsonValueKind.Number && advisory.TryGetValue<long>(out var ms) && ms >= 0
                ? TimeSpan.FromMilliseconds(ms)
                : DefaultAdvisory;
            return new(FailureCategory.RateLimited, ErrorCodes.UpstreamRateLimited, $"Fiix is throttling this API application (error 1100) and asked to wait {wait.TotalSeconds:0.#} s.", wait, 200);
        }

        // Wording is only consulted outside the request-error range, so "unknown field strKey" stays a refusal.
        var words = code is not (>= 1200 and < 1300);
        if (code == 1303 || (words && message.Contains("timestamp", StringComparison.OrdinalIgnoreCase)))
        {
            return new(FailureCategory.Config, ErrorCodes.UpstreamRejected,
                $"Fiix refused the request's time stamp: the clock of the Millwright server differs too much from Fiix's. Synchronise the server clock (NTP) and try again.{detail}", null, 200);
        }

        if (code is 1300 or 1301 || (words && message.Contains("key", StringComparison.OrdinalIgnoreCase)))
        {
            return new(FailureCategory.AuthFailed, ErrorCodes.ConnectionCredentialsInvalid,
                $"Fiix does not accept this application key and access key on this tenant. Check both keys, and that the tenant URL is the Fiix site where the API application was created.{detail}", null, 200);
        }

        if (code == 1302 || (words && message.Contains("signature", StringComparison.OrdinalIgnoreCase)))
        {
            return new(FailureCategory.AuthFailed, ErrorCodes.ConnectionCredentialsInvalid,
                $"Fiix rejected the request signature, so the secret key does not belong to this access key. Paste the secret key shown when the API application was created.{detail}", null, 200);
        }

        return new(FailureCategory.Permanent, ErrorCodes.UpstreamRejected, $"Fiix refused the request (error {code?.ToString(CultureInfo.InvariantCulture) ?? "without code"}).{detail}", null, 200);
    }
}
