using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.MaintainX;

/// <summary>Writes and passthrough calls. Never retried by the pipeline except on 429 (see Http/README.md).</summary>
internal sealed partial class MaintainXApi
{
    /// <summary>Sends a write and parses its JSON answer (null for 204). 400s carry the vendor's field messages.</summary>
    /// <param name="statusChange">The call is the status endpoint: a 400 is the system refusing the transition.</param>
    public async Task<ConnectorResult<JsonObject?>> SendAsync(
        ConnectionContext connection, HttpMethod method, string path, JsonObject? body, bool statusChange, CancellationToken cancellationToken)
    {
        var settings = MaintainXSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (baseUrl, apiKey, organizationId) = settings.Value;
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path))
            .ForConnection(connection, MaintainXSettings.RequestsPerMinute, vendorStatesPerMinuteLimit: true);
        Authorize(request, apiKey, organizationId);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var bytes = await UpstreamContent.ReadLimitedAsync(response.Content, options.Value.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return UpstreamFailures.InvalidResponse(MaintainXSettings.SystemName, "a response larger than Millwright accepts", (int)response.StatusCode);
            }

            if (response.IsSuccessStatusCode)
            {
                return bytes.Length == 0 || response.StatusCode == HttpStatusCode.NoContent
                    ? ConnectorResult<JsonObject?>.Ok(null)
                    : ParseObject(bytes, (int)response.StatusCode) is var parsed && parsed.IsSuccess ? ConnectorResult<JsonObject?>.Ok(parsed.Value) : parsed.Failure!;
            }

            var status = (int)response.StatusCode;
            var messages = ErrorMessage(bytes) is { } text ? Redaction.Scrub(text, connection.Credentials.Values) : null;
            if (status is 400 or 422 && !(messages?.Contains("organization", StringComparison.OrdinalIgnoreCase) ?? false))
            {
                // Spec: 400 {"errors": [{"error", "fieldPath", "fieldValue"}]}.
                return statusChange
                    ? new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.StatusTransitionNotAllowed,
                        $"MaintainX refused the status change: {messages ?? "no reason given"}.", null, status, VendorMessages: Split(messages))
                    : new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamValidationFailed,
                        $"MaintainX refused the values: {messages ?? "no reason given"}.", null, status, VendorMessages: Split(messages));
            }

            if (status == 404)
            {
                return new ConnectorFailure(FailureCategory.Permanent, ErrorCodes.UpstreamNotFound,
                    $"MaintainX has no such record any more ({messages ?? "404 Not Found"}).", null, status, VendorMessages: Split(messages));
            }

            return Classify(connection, response, bytes, organizationId, listCall: false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not InvalidOperationException)
        {
            return UpstreamFailures.FromWriteException(MaintainXSettings.SystemName, e);
        }
    }

    /// <summary>Any call of the MaintainX API under the base URL, with the stored key (<c>POST /v1/passthrough</c>).</summary>
    public async Task<ConnectorResult<PassthroughResponse>> PassthroughAsync(ConnectionContext connection, PassthroughRequest passthrough, CancellationToken cancellationToken)
    {
        var settings = MaintainXSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (baseUrl, apiKey, organizationId) = settings.Value;
        using var request = new HttpRequestMessage(passthrough.Method, new Uri(baseUrl, passthrough.Path + QueryString(passthrough.Query)))
            .ForConnection(connection, MaintainXSettings.RequestsPerMinute, vendorStatesPerMinuteLimit: true);
        foreach (var (name, value) in passthrough.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        Authorize(request, apiKey, organizationId);
        if (passthrough.Body is not null)
        {
            request.Content = JsonContent.Create(passthrough.Body);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var bytes = await UpstreamContent.ReadLimitedAsync(response.Content, options.Value.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (bytes is null)
            {
                return UpstreamFailures.InvalidResponse(MaintainXSettings.SystemName, "a response larger than Millwright accepts", (int)response.StatusCode);
            }

            var headers = response.Headers.Concat(response.Content.Headers)
                .SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v))).ToList();
            return ConnectorResult<PassthroughResponse>.Ok(new PassthroughResponse((int)response.StatusCode, headers, response.Content.Headers.ContentType?.ToString(), bytes));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not InvalidOperationException)
        {
            return passthrough.Method == HttpMethod.Get
                ? UpstreamFailures.FromException(MaintainXSettings.SystemName, e)
                : UpstreamFailures.FromWriteException(MaintainXSettings.SystemName, e);
        }
    }

    private static void Authorize(HttpRequestMessage request, string apiKey, string? organizationId)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Remove("x-organization-id");
        if (organizationId is not null)
        {
            request.Headers.Add("x-organization-id", organizationId);
        }
    }

    private static string[]? Split(string? messages) => messages?.Split("; ", StringSplitOptions.RemoveEmptyEntries);
}
