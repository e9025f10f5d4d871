using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Models;
using Millwright.Client.RequestLogs;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>The list's query parameters.</summary>
internal sealed record RequestLogFilter(string? ConnectionId, string? Status, string? Since, string? Kind, int? Limit, string? Cursor);

/// <summary>Reads the logged calls of the caller's account and environment, for <see cref="RequestLogEndpoints"/> and the dashboard alike.</summary>
internal sealed class RequestLogService(MillwrightDb db, LogQueue queue)
{
    /// <summary>A long sync run makes thousands of calls; the entry shows the first ones and counts them all.</summary>
    private const int MaxCallsShown = 1000;

    /// <summary>The caller's entries, newest first, without headers, bodies and upstream calls.</summary>
    public async Task<Page<RequestLog>> ListAsync(Caller caller, RequestLogFilter filter, CancellationToken cancellationToken)
    {
        // This node's writer pauses between writes (RequestLogOptions.WriteInterval): catch up, so a call just made shows.
        await queue.CatchUpAsync(cancellationToken);
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

    /// <summary>One entry of the caller's account and environment with its upstream calls.</summary>
    public async Task<RequestLog> GetAsync(Caller caller, string requestId, CancellationToken cancellationToken)
    {
        await queue.CatchUpAsync(cancellationToken);
        var row = await db.RequestLogs.AsNoTracking()
            .FirstOrDefaultAsync(r => r.Id == requestId && r.AccountId == caller.AccountId && r.Environment == caller.Environment, cancellationToken)
            ?? throw ApiException.NotFound($"Request log '{requestId}'");
        var calls = await db.UpstreamCalls.AsNoTracking().Where(c => c.RequestLogId == requestId)
            .OrderBy(c => c.Id).Take(MaxCallsShown).ToListAsync(cancellationToken);
        return row.ToDetail(calls);
    }

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
