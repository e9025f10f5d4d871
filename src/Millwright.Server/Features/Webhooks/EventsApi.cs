using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Models;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Webhooks;

/// <summary><c>/v1/events</c> and <c>/v1/events/replay</c> (secret key).</summary>
internal static class EventsApi
{
    /// <summary>Most events one replay may queue; a larger range is split by the caller.</summary>
    public const int MaxReplay = 100_000;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", List).WithName("ListEvents").WithSummary("List events")
            .WithDescription("Events of the key's environment, newest first, exactly as deliveries send them. Filter: `type`. `limit` 1–500, `cursor`.")
            .ProducesErrors(400);
        group.MapPost("/replay", Replay).WithName("ReplayEvents").WithSummary("Send past events again")
            .WithDescription($"""
                Queues a new delivery to `endpoint_id` for every event created in [`since`, `until`) that its filter matches
                (test events excepted), oldest first. Events keep their ids, so a receiver that did get one can drop it.
                At most {MaxReplay} events per call (422 `VALIDATION_FAILED` beyond: narrow the range).
                409 `WEBHOOK_ENDPOINT_DISABLED` when the endpoint is disabled.
                """)
            .ProducesErrors(400, 404, 409, 422);
    }

    private static async Task<Ok<Page<WebhookEvent>>> List(
        HttpContext http, [FromServices] MillwrightDb db, string? type, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var size = NewestFirstCursor.Limit(limit);
        var queryKey = $"events\n{type}";
        var query = db.WebhookEvents.AsNoTracking().Where(e => e.AccountId == caller.AccountId && e.Environment == caller.Environment);
        query = type is null ? query : query.Where(e => e.Type == type);
        if (NewestFirstCursor.Decode(cursor, queryKey) is { } after)
        {
            query = query.Where(e => e.CreatedAt < after.CreatedAt || (e.CreatedAt == after.CreatedAt && string.Compare(e.Id, after.Id) < 0));
        }

        var rows = await query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? new NewestFirstCursor(page[^1].CreatedAt, page[^1].Id).Encode(queryKey) : null;
        return TypedResults.Ok(new Page<WebhookEvent>([.. page.Select(e => e.ToWire())], next));
    }

    private static async Task<Accepted<ReplayEventsResult>> Replay(
        ReplayEventsBody body, HttpContext http, [FromServices] MillwrightDb db, [FromServices] WebhookEndpointService endpoints, [FromServices] WebhookOutbox outbox,
        [FromServices] WebhookSignal signal, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (string.IsNullOrEmpty(body.EndpointId))
        {
            throw ApiException.Validation("endpoint_id", "endpoint_id is required.");
        }

        var now = time.GetUtcNow();
        var since = body.Since ?? throw ApiException.Validation("since", "since is required (an ISO-8601 time).");
        var until = body.Until ?? now;
        if (until <= since)
        {
            throw ApiException.Validation("until", "until must be after since.");
        }

        var endpoint = await endpoints.FindAsync(caller, body.EndpointId, cancellationToken);
        if (!endpoint.Enabled)
        {
            throw WebhookEndpointService.Disabled(endpoint.Id);
        }

        var events = await db.WebhookEvents.AsNoTracking()
            .Where(e => e.AccountId == caller.AccountId && e.Environment == caller.Environment && e.CreatedAt >= since && e.CreatedAt < until)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
            .Select(e => new WebhookEventRow
            {
                Id = e.Id,
                AccountId = e.AccountId,
                Environment = e.Environment,
                ConnectionId = e.ConnectionId,
                Type = e.Type,
                Payload = "",
                CreatedAt = e.CreatedAt,
            })
            .Take(MaxReplay + 1).ToListAsync(cancellationToken);
        var matching = events.Where(e => EventFilter.Matches(endpoint.Events, endpoint.ConnectionId, e.Type, e.ConnectionId)).ToList();
        if (events.Count > MaxReplay)
        {
            throw ApiException.Validation("since", $"The range holds more than {MaxReplay} events; replay it in smaller ranges.");
        }

        db.WebhookDeliveries.AddRange(matching.Select(e => outbox.NewDelivery(e, endpoint.Id, now)));

        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Accepted((string?)null, new ReplayEventsResult(matching.Count));
    }
}
