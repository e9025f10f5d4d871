using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Models;
using Millwright.Client.RequestLogs;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.RequestLogs;

/// <summary><c>/v1/request-logs</c> (secret key): the logged calls of the key's account and environment.</summary>
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
        HttpContext http, MillwrightDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ListAsync(http.GetCaller(), new(connectionId, status, since, kind, limit, cursor), db, cancellationToken));

    /// <summary>The caller's entries, newest first (also the dashboard's list).</summary>
    internal static async Task<Page<RequestLog>> ListAsync(Caller caller, RequestLogFilter filter, MillwrightDb db, CancellationToken cancellationToken)
    {
        var (connectionId, status, since, kind, limit, cursor) = filter;
        var take = NewestFirstCursor.Limit(limit);
        var (statusFrom, statusTo) = ParseStatus(status);
        var sinceTime = ParseSince(since);
        var kindValue = kind switch
        {
            null or "" => null,
            LogRows.ApiKind or LogRows.SyncKind => kind,
            _ => throw ApiException.BadQuery("kind", "kind must be 'api' or 'sync'."),
        };
        var scope = $"logs|{caller.AccountId}|{caller.Environment}|{connectionId}|{status}|{sinceTime?.UtcTicks}|{kindValue}";
        var after = NewestFirstCursor.Decode(cursor, scope);

        var query = db.RequestLogs.AsNoTracking().Where(r => r.AccountId == caller.AccountId && r.Environment == caller.Environment);
        if (!string.IsNullOrEmpty(connectionId))
        {
            query = query.Where(r => r.ConnectionId == connectionId);
        }

        if (statusFrom is { } from)
        {
            query = query.Where(r => r.Status >= from && r.Status <= statusTo);
        }

        if (sinceTime is { } start)
        {
            query = query.Where(r => r.CreatedAt >= start);
        }

        if (kindValue is not null)
        {
            query = query.Where(r => r.Kind == kindValue);
        }

        if (after is { } position)
        {
            query = query.Where(r => r.CreatedAt < position.CreatedAt || (r.CreatedAt == position.CreatedAt && string.Compare(r.Id, position.Id) < 0));
        }

        var rows = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? new NewestFirstCursor(rows[take - 1].CreatedAt, rows[take - 1].Id).Encode(scope) : null;
        return new Page<RequestLog>([.. rows.Take(take).Select(r => r.ToSummary())], next);
    }

    private static async Task<Ok<RequestLog>> GetRequestLog(
        [FromRoute(Name = "request_id")] string requestId, HttpContext http, MillwrightDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await GetAsync(http.GetCaller(), requestId, db, cancellationToken));

    /// <summary>One entry of the caller's account and environment with its upstream calls (also the dashboard's detail).</summary>
    internal static async Task<RequestLog> GetAsync(Caller caller, string requestId, MillwrightDb db, CancellationToken cancellationToken)
    {
        var row = await db.RequestLogs.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == requestId && r.AccountId == caller.AccountId && r.Environment == caller.Environment, cancellationToken)
            ?? throw ApiException.NotFound($"Request log '{requestId}'");
        var calls = await db.UpstreamCalls.AsNoTracking().Where(c => c.RequestLogId == requestId)
            .OrderBy(c => c.Id).Take(MaxCallsShown).ToListAsync(cancellationToken);
        return row.ToDetail(calls);
    }

    /// <summary>The list's query parameters.</summary>
    internal sealed record RequestLogFilter(string? ConnectionId, string? Status, string? Since, string? Kind, int? Limit, string? Cursor);

    /// <summary>A long sync run makes thousands of calls; the entry shows the first ones and counts them all.</summary>
    private const int MaxCallsShown = 1000;

    private static (int? From, int To) ParseStatus(string? status)
    {
        if (string.IsNullOrEmpty(status))
        {
            return (null, 0);
        }

        if (status.Length == 3 && status[0] is >= '1' and <= '5' && status[1..].Equals("xx", StringComparison.OrdinalIgnoreCase))
        {
            var hundred = (status[0] - '0') * 100;
            return (hundred, hundred + 99);
        }

        return int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var exact) && exact is >= 100 and <= 599
            ? (exact, exact)
            : throw ApiException.BadQuery("status", "status must be an HTTP status (100–599) such as 429, or a class such as 5xx.");
    }

    private static DateTimeOffset? ParseSince(string? since) =>
        string.IsNullOrEmpty(since) ? null
        : DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw ApiException.BadQuery("since", "since must be an ISO-8601 time such as 2026-03-02T14:00:00Z.");
}
