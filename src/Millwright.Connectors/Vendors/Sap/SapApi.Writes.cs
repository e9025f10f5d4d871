using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Vendors.Sap;

/// <summary>What a write did to the connection's CSRF session: the token SAP issued and the session cookies it is bound to.</summary>
internal sealed class SapSession
{
    public string? Token { get; set; }

    public string? Cookies { get; set; }
}

/// <summary>The kind of modifying call, which decides what an SAP refusal means (a 400 of a function import is a refused transition).</summary>
internal enum SapWriteKind
{
    Create,
    Update,
    Transition,
}

/// <summary>A successful modifying call: the status, the <c>d</c> object when there was a body, and the new ETag when SAP sent one.</summary>
internal sealed record SapAnswer(int Status, JsonObject? D, string? ETag);

/// <summary>
/// Gateway's write protocol (NOTES.md §6, SAP's CSRF protection of OData services): every modifying request carries the
/// <c>x-csrf-token</c> that a read with <c>x-csrf-token: Fetch</c> returned, with the session cookies it came with; a token
/// that expired is answered <c>403</c> + <c>x-csrf-token: Required</c>, and is fetched again once. Updates and function
/// imports send the entity's ETag in <c>If-Match</c>.
/// </summary>
internal sealed partial class SapApi
{
    /// <summary>GET <paramref name="url"/> with <c>x-csrf-token: Fetch</c>: the <c>d</c> object and its ETag, and the token into <paramref name="session"/>.</summary>
    public async Task<ConnectorResult<(JsonObject D, string? ETag)>> FetchAsync(ConnectionContext connection, Uri url, SapSession session,
        CancellationToken cancellationToken)
    {
        var settings = SapSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        using var request = Request(connection, HttpMethod.Get, url, settings.Value.User, settings.Value.Password);
        request.Headers.Add("x-csrf-token", "Fetch");
        AddCookies(request, session);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var body = await UpstreamContent.ReadLimitedAsync(response.Content, options.Value.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return UpstreamFailures.InvalidResponse(SapSettings.SystemName, "a response larger than Millwright accepts", (int)response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                return response.StatusCode == System.Net.HttpStatusCode.NotFound && url.AbsolutePath.EndsWith(')')
                    ? NotFound(connection, body)
                    : Classify(connection, response, body);
            }

            Remember(response, session);
            var data = ParseData(body, (int)response.StatusCode);
            return data.IsSuccess ? ConnectorResult<(JsonObject, string?)>.Ok((data.Value!, ETag(response, data.Value!))) : data.Failure!;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not InvalidOperationException)
        {
            return UpstreamFailures.FromException(SapSettings.SystemName, e);
        }
    }

    /// <summary>
    /// A modifying call (<c>POST</c> to a set or a function import, <c>PATCH</c> of an entity) with the session's token; a token SAP
    /// no longer accepts is fetched again on <paramref name="sessionUrl"/> and the call made once more.
    /// </summary>
    public async Task<ConnectorResult<SapAnswer>> SendAsync(ConnectionContext connection, HttpMethod method, Uri url, JsonObject? body, string? ifMatch,
        SapSession session, Uri sessionUrl, SapWriteKind kind, CancellationToken cancellationToken)
    {
        if (session.Token is null)
        {
            var fetched = await FetchAsync(connection, sessionUrl, session, cancellationToken).ConfigureAwait(false);
            if (!fetched.IsSuccess)
            {
                return fetched.Failure!;
            }
        }

        var answer = await SendOnceAsync(connection, method, url, body, ifMatch, session, kind, cancellationToken).ConfigureAwait(false);
        if (answer.IsSuccess || answer.Failure!.Code != CsrfRequired)
        {
            return answer;
        }

        session.Token = null;
        session.Cookies = null;
        var again = await FetchAsync(connection, sessionUrl, session, cancellationToken).ConfigureAwait(false);
        if (!again.IsSuccess)
        {
            return again.Failure!;
        }

        answer = await SendOnceAsync(connection, method, url, body, ifMatch, session, kind, cancellationToken).ConfigureAwait(false);
        return answer.IsSuccess || answer.Failure!.Code != CsrfRequired ? answer : CsrfFailure(answer.Failure);
    }

    private const string CsrfRequired = "SAP_CSRF_REQUIRED";

    private async Task<ConnectorResult<SapAnswer>> SendOnceAsync(ConnectionContext connection, HttpMethod method, Uri url, JsonObject? body, string? ifMatch,
        SapSession session, SapWriteKind kind, CancellationToken cancellationToken)
    {
        var settings = SapSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        using var request = Request(connection, method, url, settings.Value.User, settings.Value.Password);
        request.Headers.Add("x-csrf-token", session.Token);
        AddCookies(request, session);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var content = await UpstreamContent.ReadLimitedAsync(response.Content, options.Value.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (content is null)
            {
                return UpstreamFailures.InvalidResponse(SapSettings.SystemName, "a response larger than Millwright accepts", (int)response.StatusCode);
            }

            if (response.IsSuccessStatusCode)
            {
                Remember(response, session);
                if (content.Length == 0)
                {
                    return ConnectorResult<SapAnswer>.Ok(new SapAnswer((int)response.StatusCode, null, ETag(response, null)));
                }

                var data = ParseData(content, (int)response.StatusCode);
                return data.IsSuccess
                    ? ConnectorResult<SapAnswer>.Ok(new SapAnswer((int)response.StatusCode, data.Value, ETag(response, data.Value)))
                    : data.Failure!;
            }

            return WriteFailure(connection, response, content, kind);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not InvalidOperationException)
        {
            return UpstreamFailures.FromWriteException(SapSettings.SystemName, e);
        }
    }

    /// <summary>
    /// One call of SAP's own API for <c>POST /v1/passthrough</c>: <paramref name="call"/>'s path under the system URL, the connection's
    /// client and logon added; a modifying call on an OData service gets a CSRF token fetched from that service first.
    /// </summary>
    public async Task<ConnectorResult<PassthroughResponse>> PassthroughAsync(ConnectionContext connection, Uri baseUrl, string? client, PassthroughRequest call,
        CancellationToken cancellationToken)
    {
        var settings = SapSettings.Read(connection);
        if (!settings.IsSuccess)
        {
            return settings.Failure!;
        }

        var query = call.Query.ToList();
        if (client is not null && !query.Any(q => q.Key == "sap-client"))
        {
            query.Add(new("sap-client", client));
        }

        var url = new Uri(baseUrl, call.Path + (query.Count == 0 ? "" : "?" + string.Join('&', query.Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value)}"))));
        if (!baseUrl.IsBaseOf(url))
        {
            return new ConnectorFailure(FailureCategory.Config, ErrorCodes.PassthroughRefused, "The path leaves the SAP system URL.");
        }

        var session = new SapSession();
        var segments = call.Path.Split('/');
        if (call.Method != HttpMethod.Get && call.Method != HttpMethod.Head && segments.Length >= 5 && string.Join('/', segments[..4]) == "sap/opu/odata/sap")
        {
            var fetched = await FetchAsync(connection, Url(baseUrl, client, segments[4], "", []), session, cancellationToken).ConfigureAwait(false);
            if (!fetched.IsSuccess)
            {
                return fetched.Failure!;
            }
        }

        using var request = Request(connection, call.Method, url, settings.Value.User, settings.Value.Password);
        foreach (var (name, value) in call.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (session.Token is not null)
        {
            request.Headers.Add("x-csrf-token", session.Token);
            AddCookies(request, session);
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
                return UpstreamFailures.InvalidResponse(SapSettings.SystemName, "a response larger than Millwright accepts", (int)response.StatusCode);
            }

            var headers = response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
            return ConnectorResult<PassthroughResponse>.Ok(new PassthroughResponse((int)response.StatusCode, headers,
                response.Content.Headers.ContentType?.MediaType, body));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not InvalidOperationException)
        {
            return call.Method == HttpMethod.Get || call.Method == HttpMethod.Head
                ? UpstreamFailures.FromException(SapSettings.SystemName, e)
                : UpstreamFailures.FromWriteException(SapSettings.SystemName, e);
        }
    }

    private ConnectorFailure WriteFailure(ConnectionContext connection, HttpResponseMessage response, byte[] body, SapWriteKind kind)
    {
        var status = (int)response.StatusCode;
        var messages = VendorMessages(connection, body);
        var said = messages.Count > 0 ? $": {messages[0].TrimEnd('.')}" : "";
        return status switch
        {
            403 when response.Headers.TryGetValues("x-csrf-token", out var values) && values.Contains("Required", StringComparer.OrdinalIgnoreCase) =>
                new(FailureCategory.Permanent, CsrfRequired, "SAP S/4HANA refused the CSRF token.", null, status, VendorMessages: messages),
            400 when kind == SapWriteKind.Transition => new(FailureCategory.Permanent, ErrorCodes.StatusTransitionNotAllowed,
                $"SAP S/4HANA refused the status change{said}.", null, status, VendorMessages: messages),
            400 => new(FailureCategory.Permanent, ErrorCodes.UpstreamValidationFailed, $"SAP S/4HANA refused the values{said}.", null, status, VendorMessages: messages),
            404 when kind != SapWriteKind.Create => NotFound(connection, body),
            405 => new(FailureCategory.Permanent, ErrorCodes.OperationNotSupported, $"SAP S/4HANA does not allow this change{said}.", null, status, VendorMessages: messages),
            412 => new(FailureCategory.Permanent, ErrorCodes.UpstreamConflict,
                $"The record changed in SAP S/4HANA while Millwright was writing it (HTTP 412, ETag no longer current){said}. Read it again and retry the change if it still applies.",
                null, status, VendorMessages: messages),
            _ => Classify(connection, response, body) with { VendorMessages = messages },
        };
    }

    private static ConnectorFailure CsrfFailure(ConnectorFailure failure) => failure with
    {
        Category = FailureCategory.AuthFailed,
        Code = ErrorCodes.ConnectionCredentialsInvalid,
        Message = "SAP S/4HANA refused a fresh CSRF token twice (HTTP 403, x-csrf-token: Required). Check that the user may change data with these services.",
    };

    private static ConnectorFailure NotFound(ConnectionContext connection, byte[] body)
    {
        var messages = VendorMessages(connection, body);
        return new(FailureCategory.Permanent, ErrorCodes.UpstreamNotFound,
            $"The record does not exist in SAP S/4HANA (any more){(messages.Count > 0 ? $": {messages[0].TrimEnd('.')}" : "")}.", null, 404, VendorMessages: messages);
    }

    /// <summary>SAP's own messages: <c>error.message.value</c>, then those of <c>innererror.errordetails</c> it does not repeat, scrubbed of the credentials.</summary>
    internal static IReadOnlyList<string> VendorMessages(ConnectionContext connection, byte[] body)
    {
        var messages = new List<string>();
        try
        {
            if (JsonNode.Parse(body) is JsonObject { } json && json["error"] is JsonObject error)
            {
                // V2: message {lang, value} and innererror.errordetails; V4: message text and details.
                Add(error["message"] is JsonObject message ? message["value"] : error["message"], error["code"]);
                foreach (var detail in ((error["innererror"] as JsonObject)?["errordetails"] as JsonArray ?? error["details"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    Add(detail["message"], detail["code"]);
                }
            }
        }
        catch (JsonException)
        {
        }

        return messages;

        void Add(JsonNode? message, JsonNode? code)
        {
            if (SapComputed.Text(message) is { } text)
            {
                var line = Redaction.Scrub(SapComputed.Text(code) is { } c ? $"{text} [{c}]" : text, connection.Credentials.Values);
                if (!messages.Contains(line, StringComparer.Ordinal))
                {
                    messages.Add(line);
                }
            }
        }
    }

    private static string? ETag(HttpResponseMessage response, JsonObject? d) =>
        (response.Headers.TryGetValues("ETag", out var values) ? values.FirstOrDefault() : null) ?? SapComputed.Text(d?["__metadata"]?["etag"]);

    private static void AddCookies(HttpRequestMessage request, SapSession session)
    {
        if (session.Cookies is { Length: > 0 } cookies)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookies);
        }
    }

    /// <summary>Keeps the token and the cookies SAP set (name=value only), as a browser would send them back.</summary>
    private static void Remember(HttpResponseMessage response, SapSession session)
    {
        if (response.Headers.TryGetValues("x-csrf-token", out var tokens) && tokens.FirstOrDefault() is { Length: > 0 } token
            && !string.Equals(token, "Required", StringComparison.OrdinalIgnoreCase))
        {
            session.Token = token;
        }

        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            var jar = (session.Cookies ?? "").Split("; ", StringSplitOptions.RemoveEmptyEntries)
                .Select(c => c.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            foreach (var cookie in set)
            {
                var pair = cookie.Split(';', 2)[0].Split('=', 2);
                if (pair.Length == 2 && pair[0].Trim().Length > 0)
                {
                    jar[pair[0].Trim()] = pair[1].Trim();
                }
            }

            session.Cookies = string.Join("; ", jar.Select(c => $"{c.Key}={c.Value}"));
        }
    }
}
