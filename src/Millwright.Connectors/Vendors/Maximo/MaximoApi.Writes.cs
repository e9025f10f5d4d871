using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Maximo;

/// <summary>The kind of write, which decides what a Maximo refusal means (a 400 of <c>changeStatus</c> is a refused transition).</summary>
internal enum MaximoWriteKind
{
    Create,
    Update,
    Transition,
}

/// <summary>
/// Writes as IBM's REST API Guide describes them (vendor-specs/ibm-maximo/SOURCE.md, "Write and bulk behaviour"): a create is
/// <c>POST /os/&lt;os&gt;</c>, an update <c>POST</c> to the record's URI with <c>x-method-override: PATCH</c> (and
/// <c>patchtype: MERGE</c> when child rows are sent, so that rows not sent are kept), a status change the record's
/// <c>?action=wsmethod:changeStatus</c>; the <c>properties</c> header makes Maximo answer with the record.
/// </summary>
internal sealed partial class MaximoApi
{
    public async Task<ConnectorResult<JsonObject?>> SendAsync(ConnectionContext connection, Uri url, JsonObject body, IReadOnlyList<KeyValuePair<string, string>> headers,
        MaximoWriteKind kind, CancellationToken cancellationToken)
    {
        var settings = MaximoSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (baseUrl, auth) = settings.Value;
        if (!baseUrl.IsBaseOf(url) || url.Scheme != baseUrl.Scheme)
        {
            return UpstreamFailures.InvalidResponse(MaximoSettings.SystemName, "a record link outside the Maximo URL, which Millwright does not follow");
        }

        using var request = Request(connection, HttpMethod.Post, url, auth);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Content = JsonContent.Create(body);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var content = await UpstreamContent.ReadLimitedAsync(response.Content, options.Value.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (content is null)
            {
                return UpstreamFailures.InvalidResponse(MaximoSettings.SystemName, "a response larger than Millwright accepts", (int)response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                return WriteFailure(connection, response, content, kind);
            }

            if (content.Length == 0)
            {
                return ConnectorResult<JsonObject?>.Ok(null);
            }

            var parsed = ParseObject(content, (int)response.StatusCode);
            return parsed.IsSuccess ? ConnectorResult<JsonObject?>.Ok(parsed.Value) : parsed.Failure!;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not InvalidOperationException)
        {
            return UpstreamFailures.FromWriteException(MaximoSettings.SystemName, e);
        }
    }

    /// <summary>One call of Maximo's own API for <c>POST /v1/passthrough</c>, signed like every other call; any answer is returned as is.</summary>
    public async Task<ConnectorResult<PassthroughResponse>> PassthroughAsync(ConnectionContext connection, PassthroughRequest call, CancellationToken cancellationToken)
    {
        var settings = MaximoSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var (baseUrl, auth) = settings.Value;
        var query = string.Join('&', call.Query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"));
        var url = new Uri(baseUrl, call.Path + (query.Length == 0 ? "" : "?" + query));
        if (!baseUrl.IsBaseOf(url))
        {
            return new ConnectorFailure(FailureCategory.Config, ErrorCodes.PassthroughRefused, "The path leaves the Maximo URL.");
        }

        using var request = Request(connection, call.Method, url, auth);
        foreach (var (name, value) in call.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (call.Body is not null)
        {
            request.Content = JsonContent.Create(call.Body);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await UpstreamContent.ReadLimitedAsync(response.Content, options.Value.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return UpstreamFailures.InvalidResponse(MaximoSettings.SystemName, "a response larger than Millwright accepts", (int)response.StatusCode);
            }

            var headers = response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
            return ConnectorResult<PassthroughResponse>.Ok(new PassthroughResponse((int)response.StatusCode, headers, response.Content.Headers.ContentType?.MediaType, body));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not InvalidOperationException)
        {
            return call.Method == HttpMethod.Get || call.Method == HttpMethod.Head
                ? UpstreamFailures.FromException(MaximoSettings.SystemName, e)
                : UpstreamFailures.FromWriteException(MaximoSettings.SystemName, e);
        }
    }

    private ConnectorFailure WriteFailure(ConnectionContext connection, HttpResponseMessage response, byte[] body, MaximoWriteKind kind)
    {
        var error = Error(body);
        var message = error?.Message is { } text ? Redaction.Scrub(text, connection.Credentials.Values) : null;
        IReadOnlyList<string>? messages = message is null ? null : [message];
        var said = message is null ? "" : $": {message.TrimEnd('.')}";
        var status = (int)response.StatusCode;
        return status switch
        {
            400 when kind == MaximoWriteKind.Transition => new(FailureCategory.Permanent, ErrorCodes.StatusTransitionNotAllowed,
                $"{MaximoSettings.SystemName} refused the status change{said}.", null, status, VendorMessages: messages),
            400 => new(FailureCategory.Permanent, ErrorCodes.UpstreamValidationFailed, $"{MaximoSettings.SystemName} refused the values{said}.", null, status, VendorMessages: messages),
            404 when error?.ReasonCode == RecordNotFound => new(FailureCategory.Permanent, ErrorCodes.UpstreamNotFound,
                $"The record does not exist in {MaximoSettings.SystemName} (any more){said}.", null, status, VendorMessages: messages),
            409 or 412 => new(FailureCategory.Permanent, ErrorCodes.UpstreamConflict,
                $"The record changed in {MaximoSettings.SystemName} while Millwright was writing it (HTTP {status}){said}. Read it again and retry the change if it still applies.",
                null, status, VendorMessages: messages),
            _ => Classify(connection, response, body, listCall: kind == MaximoWriteKind.Create) with { VendorMessages = messages },
        };
    }
}
