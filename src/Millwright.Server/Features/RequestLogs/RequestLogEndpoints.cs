using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Models;
using Millwright.Client.RequestLogs;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.RequestLogs;

/// <summary><c>/v1/request-logs</c> (secret key): the logged calls of the key's account and environment, over <see cref="RequestLogService"/>.</summary>
internal static partial class RequestLogEndpoints
{
    public static IEndpointRouteBuilder MapRequestLogEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/request-logs").RequireSecretKey().WithTags("Request logs")
            .ProducesErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);

        group.MapGet("", ListRequestLogs)
            .WithName("ListRequestLogs")
            .WithSummary("List request logs")
            .WithDescription("""
                Logged API calls and sync runs of the key's environment, newest first, `{data, next_cursor}`,
                without headers, bodies and upstream calls (get one entry for those). Filters: `connection_id`,
                `status` (an HTTP status such as `429`, or a class such as `5xx`), `since` (ISO-8601), `kind`
                (`api` or `sync`). `limit` 1–500 (default 50); `cursor` is the previous page's `next_cursor` and only
                valid with the same filters. Entries appear a moment after the call (they are written off the
                request path) and are kept for the configured retention (14 days by default).
                """)
            .ProducesErrors(StatusCodes.Status400BadRequest)
            .AddOpenApiOperationTransformer((operation, _, _) => DocumentList(operation));

        group.MapGet("/{request_id}", GetRequestLog)
            .WithName("GetRequestLog")
            .WithSummary("Get a request log")
            .WithDescription("""
                One entry by request id (the `X-Request-Id` of any response, `req_…`) or sync run id (`sync_…`): method,
                path, query, status, duration, the connection and credential id, request and response headers and
                bodies (secrets masked as `***`, bodies cut at the configured size), and the upstream calls it caused
                (method, URL without secrets, status, duration, outcome). 404 for ids of other accounts or environments.
                """)
            .ProducesErrors(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer((operation, _, _) => DocumentGet(operation));

        return app;
    }

    private static async Task<Ok<Page<RequestLog>>> ListRequestLogs(
        [FromQuery(Name = "connection_id")] string? connectionId, string? status, string? since, string? kind, int? limit, string? cursor,
        HttpContext http, [FromServices] RequestLogService logs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await logs.ListAsync(http.GetCaller(), new(connectionId, status, since, kind, limit, cursor), cancellationToken));

    private static async Task<Ok<RequestLog>> GetRequestLog(
        [FromRoute(Name = "request_id")] string requestId, HttpContext http, [FromServices] RequestLogService logs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await logs.GetAsync(http.GetCaller(), requestId, cancellationToken));
}
