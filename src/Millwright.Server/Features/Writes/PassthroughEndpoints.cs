using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Client.Writes;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Writes;

/// <summary>
/// <c>POST /v1/passthrough</c>: one call of the connected system's own API with the stored credentials, confined to the
/// connection's base URL, through the connector's pipeline (SSRF guard, upstream rate gate, circuit breaker, request log).
/// </summary>
internal static class PassthroughEndpoints
{
    private static readonly HashSet<string> Methods = new(StringComparer.OrdinalIgnoreCase) { "GET", "POST", "PUT", "PATCH", "DELETE" };

    /// <summary>Headers Millwright sets itself or that carry credentials; names containing these words are refused too.</summary>
    private static readonly HashSet<string> RefusedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Transfer-Encoding", "Connection", "Upgrade", "TE", "Trailer", "Keep-Alive", "Expect",
        "Proxy-Connection", "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Organization-Id", "X-Organization-Ids", "MAXAUTH",
    };

    private static readonly string[] CredentialWords = ["auth", "cookie", "token", "key", "secret", "session", "password", "csrf"];

    private static readonly HashSet<string> SafeResponseHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Language", "ETag", "Last-Modified", "Retry-After", "X-Rate-Limit-Limit", "X-Rate-Limit-Remaining",
        "X-Rate-Limit-Reset", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "Sap-Message", "Dataserviceversion", "OData-Version",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/passthrough", CallAsync)
            .RequireConnection(Scopes.Read)
            .WithName("Passthrough")
            .WithTags("Passthrough")
            .WithSummary("Call the connected system's own API")
            .WithDescription("""
                Sends one request to the connected system's API with the connection's stored credentials, for everything the
                unified model does not cover. `path` is relative to the connection's base URL (no scheme, host, `..`, `?` or
                `#`: put parameters in `query`); credential headers are refused, Millwright adds the connection's own. The SSRF
                guard, the connection's upstream rate gate and circuit breaker apply, and the call is in the request log with
                its upstream call (secrets masked). Answers 200 with `{status, headers, body}` of the system whatever it
                answered; a non-2xx answer of Millwright is always its own error envelope (e.g. 400 `PASSTHROUGH_REFUSED`,
                429 `RATE_LIMIT_EXCEEDED`, 502 `UPSTREAM_UNAVAILABLE`, 504 `UPSTREAM_TIMEOUT`). Methods other than GET need
                the `write` scope.
                """)
            .Accepts<PassthroughCall>("application/json")
            .Produces<PassthroughResult>(StatusCodes.Status200OK, "application/json")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
                StatusCodes.Status405MethodNotAllowed, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests,
                StatusCodes.Status502BadGateway, StatusCodes.Status504GatewayTimeout);
    }

    private static async Task<IResult> CallAsync(
        [FromBody] PassthroughCall call, HttpContext http, ConnectorRegistry connectors, CredentialProtector protector, CancellationToken cancellationToken)
    {
        var connection = http.GetConnection();
        var request = Validate(call);
        if (request.Method != HttpMethod.Get && !http.GetCaller().HasScope(Scopes.Write))
        {
            throw new ApiException(StatusCodes.Status403Forbidden, ErrorCodes.InsufficientScope,
                $"The token lacks the '{Scopes.Write}' scope, which passthrough calls other than GET need.");
        }

        if (connectors.Find(connection.System) is not IPassthroughConnector connector)
        {
            throw new ApiException(StatusCodes.Status405MethodNotAllowed, ErrorCodes.OperationNotSupported,
                $"Millwright offers no passthrough to {connection.System}.", ErrorSource.ConnectedSystem);
        }

        if (connection.Status == ConnectionStatuses.ReauthRequired)
        {
            throw new ApiException(StatusCodes.Status409Conflict, ErrorCodes.ConnectionReauthRequired,
                $"{connector.Descriptor.Name} rejected this connection's credentials; supply new ones first (PUT /v1/connections/{{id}}/credentials).", ErrorSource.ConnectedSystem);
        }

        var result = await connector.PassthroughAsync(protector.ContextFor(connection), request, cancellationToken);
        if (!result.IsSuccess)
        {
            throw WriteFailures.ToApiException(result.Failure!, connector.Descriptor.Name);
        }

        var answer = result.Value!;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in answer.Headers.Where(h => SafeResponseHeaders.Contains(h.Key)))
        {
            headers[name.ToLowerInvariant()] = headers.TryGetValue(name.ToLowerInvariant(), out var earlier) ? $"{earlier}, {value}" : value;
        }

        return TypedResults.Ok(new PassthroughResult(answer.Status, headers, Body(answer)));
    }

    private static JsonNode? Body(PassthroughResponse answer)
    {
        if (answer.Body.Length == 0)
        {
            return null;
        }

        if (answer.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                return JsonNode.Parse(answer.Body);
            }
            catch (JsonException)
            {
                // Not the JSON it claims: hand it over as text.
            }
        }

        return JsonValue.Create(Encoding.UTF8.GetString(answer.Body));
    }

    private static PassthroughRequest Validate(PassthroughCall call)
    {
        var errors = new List<ErrorDetail>();
        if (call.Method is null || !Methods.Contains(call.Method))
        {
            errors.Add(new ErrorDetail("method", "method must be GET, POST, PUT, PATCH or DELETE."));
        }

        var path = (call.Path ?? "").TrimStart('/');
        var decoded = Uri.UnescapeDataString(path);
        if (path.Length == 0 || path.Length > 2048 || (call.Path ?? "").StartsWith("//", StringComparison.Ordinal)
            || decoded.Contains("://", StringComparison.Ordinal) || decoded.Contains('\\') || decoded.Any(char.IsControl)
            || decoded.IndexOfAny(['?', '#', '@']) >= 0 || decoded.Split('/').Any(s => s is ".." or ".") || Uri.TryCreate(path, UriKind.Absolute, out _))
        {
            errors.Add(new ErrorDetail("path", "path must be relative to the connection's base URL (e.g. workorders/42), without a scheme, host, '.', '..', '?', '#' or '@'; put parameters in query."));
        }

        var query = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in call.Query ?? [])
        {
            var values = value is JsonArray list ? list.Select(v => v) : [value];
            foreach (var item in values)
            {
                if (item is JsonValue v && v.GetValueKind() is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                {
                    query.Add(new(name, v.GetValueKind() == JsonValueKind.String ? (string)v! : v.ToJsonString()));
                }
                else
                {
                    errors.Add(new ErrorDetail($"query.{name}", "A query parameter takes a text, a number, true/false, or a list of them."));
                }
            }
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in call.Headers ?? [])
        {
            if (RefusedHeaders.Contains(name) || CredentialWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)) || value.Any(char.IsControl))
            {
                errors.Add(new ErrorDetail($"headers.{name}", $"The header '{name}' is refused: Millwright sends the connection's own credentials and connection headers."));
            }
            else
            {
                headers.Add(new(name, value));
            }
        }

        if (errors.Count > 0)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.PassthroughRefused,
                errors.Count == 1 ? errors[0].Message : "The passthrough request was refused; see details.", details: errors);
        }

        return new PassthroughRequest(new HttpMethod(call.Method!.ToUpperInvariant()), path, query, headers, call.Body);
    }
}
