using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Audit;
using Millwright.Client.Models;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Audit;

/// <summary>Filters of the audit list, as the query string gives them.</summary>
internal sealed record AuditFilter(string? Type, string? CreatedAfter, string? CreatedBefore, int? Limit, string? Cursor);

/// <summary><c>GET /v1/audit-events</c>: the audit log of the calling key's account and environment.</summary>
internal static class AuditEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/audit-events")
            .WithTags("Audit")
            .RequireSecretKey()
            .ProducesErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .MapGet("", ListAuditEvents)
            .WithName("ListAuditEvents")
            .WithSummary("List audit events")
            .WithDescription("""
                Who created, rotated or revoked a key or token, used a revoked or expired one, signed in to the dashboard,
                or was refused after repeated failed sign-ins, in the key's environment, newest first, `{data, next_cursor}`.
                Filters: `type` (one type such as `api_key.rotated`, or a family such as `api_key.*`), `created_after` and
                `created_before` (ISO-8601). `limit` 1–500 (default 50); `cursor` is the previous page's `next_cursor` and
                only valid with the same filters. Events are kept for the configured retention (365 days by default).
                """)
            .ProducesErrors(StatusCodes.Status400BadRequest);
    }

    private static async Task<Ok<Page<AuditEvent>>> ListAuditEvents(
        string? type,
        [FromQuery(Name = "created_after")] string? createdAfter,
        [FromQuery(Name = "created_before")] string? createdBefore,
        int? limit,
        string? cursor,
        HttpContext http,
        [FromServices] MillwrightDb db,
        [FromServices] AuditCleanup retention,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        return TypedResults.Ok(await ListAsync(db, caller.AccountId, caller.Environment, new(type, createdAfter, createdBefore, limit, cursor), retention.Cutoff, cancellationToken));
    }

    /// <summary>One page of an account's events in one environment (also the dashboard's list); null account = installation-wide events (CLI).</summary>
    internal static async Task<Page<AuditEvent>> ListAsync(
        MillwrightDb db, string? accountId, string? environment, AuditFilter filter, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var take = NewestFirstCursor.Limit(filter.Limit);
        var after = Time(filter.CreatedAfter, "created_after");
        var before = Time(filter.CreatedBefore, "created_before");
        var type = string.IsNullOrWhiteSpace(filter.Type) ? null : filter.Type.Trim();
        if (type is { Length: > 100 })
        {
            throw ApiException.BadQuery("type", "type must be an event type such as api_key.rotated, or a family such as api_key.*.");
        }

        var scope = $"audit|{accountId}|{environment}|{type}|{after?.UtcTicks}|{before?.UtcTicks}";
        var position = NewestFirstCursor.Decode(filter.Cursor, scope);
        var query = db.AuditEvents.AsNoTracking().Where(e => e.AccountId == accountId && e.Environment == environment && e.CreatedAt >= cutoff);
        if (type is not null)
        {
            if (type.EndsWith(".*", StringComparison.Ordinal))
            {
                var family = type[..^1];
                query = query.Where(e => e.Type.StartsWith(family));
            }
            else
            {
                query = query.Where(e => e.Type == type);
            }
        }

        if (after is { } from)
        {
            query = query.Where(e => e.CreatedAt >= from);
        }

        if (before is { } to)
        {
            query = query.Where(e => e.CreatedAt < to);
        }

        if (position is { } p)
        {
            query = query.Where(e => e.CreatedAt < p.CreatedAt || (e.CreatedAt == p.CreatedAt && string.Compare(e.Id, p.Id) < 0));
        }

        var rows = await query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? new NewestFirstCursor(rows[take - 1].CreatedAt, rows[take - 1].Id).Encode(scope) : null;
        return new Page<AuditEvent>([.. rows.Take(take).Select(ToDto)], next);
    }

    internal static AuditEvent ToDto(AuditEventRow row) => new()
    {
        Id = row.Id,
        Type = row.Type,
        Environment = row.Environment,
        ActorType = row.ActorType,
        ActorId = row.ActorId,
        SubjectType = row.SubjectType,
        SubjectId = row.SubjectId,
        RequestId = row.RequestId,
        IpAddress = row.IpAddress,
        Details = JsonSerializer.Deserialize(row.DetailsJson, AuditJson.Default.IReadOnlyDictionaryStringString) ?? new Dictionary<string, string>(),
        CreatedAt = row.CreatedAt,
    };

    private static DateTimeOffset? Time(string? value, string name) =>
        string.IsNullOrEmpty(value) ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : throw ApiException.BadQuery(name, $"{name} must be an ISO-8601 time such as 2026-03-02T14:00:00Z.");
}
