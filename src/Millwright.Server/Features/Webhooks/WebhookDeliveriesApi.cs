using System.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Webhooks;

/// <summary><c>/v1/webhook-deliveries</c>: every attempt of every delivery, and a manual retry (secret key).</summary>
internal static class WebhookDeliveriesApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("", List).WithName("ListWebhookDeliveries").WithSummary("List webhook deliveries")
            .WithDescription("""
                Deliveries of the key's environment, newest first, each with every attempt (time, HTTP status, latency,
                the first 500 characters of the answer, or why none came). Filters: `endpoint_id`, `status`
                (`pending`, `succeeded`, `failed`), `event_type`. `limit` 1–500 (default 50); `cursor` is the previous page's
                `next_cursor` with the same filters.
                """)
            .ProducesErrors(400);
        group.MapGet("/{id}", Get).WithName("GetWebhookDelivery").WithSummary("Get a webhook delivery")
            .WithDescription("One delivery with its attempts.").ProducesErrors(404);
        group.MapPost("/{id}/retry", Retry).WithName("RetryWebhookDelivery").WithSummary("Send a delivery again")
            .WithDescription("""
                A pending delivery is sent now instead of at its scheduled retry. A succeeded or failed one is sent once
                more, now (no further retries if that attempt fails). 409 `WEBHOOK_ENDPOINT_DISABLED` when its endpoint is disabled.
                """)
            .ProducesErrors(404, 409);
    }

    internal static async Task<Ok<Page<WebhookDelivery>>> List(
        HttpContext http, [FromServices] MillwrightDb db, [FromQuery(Name = "endpoint_id")] string? endpointId, string? status,
        [FromQuery(Name = "event_type")] string? eventType, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var size = NewestFirstCursor.Limit(limit);
        await using var snapshot = await Snapshot(db, cancellationToken);
        if (status is not null && !WebhookValues.Statuses.Contains(status))
        {
            throw ApiException.BadQuery("status", $"status must be one of {string.Join(", ", WebhookValues.Statuses)}.");
        }

        var queryKey = $"deliveries\n{endpointId}\n{status}\n{eventType}";
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.AccountId == caller.AccountId && d.Environment == caller.Environment);
        query = endpointId is null ? query : query.Where(d => d.EndpointId == endpointId);
        query = status is null ? query : query.Where(d => d.Status == status);
        query = eventType is null ? query : query.Where(d => d.EventType == eventType);
        if (NewestFirstCursor.Decode(cursor, queryKey) is { } after)
        {
            query = query.Where(d => d.CreatedAt < after.CreatedAt || (d.CreatedAt == after.CreatedAt && string.Compare(d.Id, after.Id) < 0));
        }

        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var ids = page.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        var next = rows.Count > size ? new NewestFirstCursor(page[^1].CreatedAt, page[^1].Id).Encode(queryKey) : null;
        return TypedResults.Ok(new Page<WebhookDelivery>([.. page.Select(d => d.ToDto(attempts[d.Id]))], next));
    }

    private static async Task<Ok<WebhookDelivery>> Get(string id, HttpContext http, [FromServices] MillwrightDb db, CancellationToken cancellationToken)
    {
        await using var snapshot = await Snapshot(db, cancellationToken);
        var row = await FindAsync(db, http.GetCaller(), id, cancellationToken);
        return TypedResults.Ok(row.ToDto(await AttemptsAsync(db, id, cancellationToken)));
    }

    internal static async Task<Accepted<WebhookDelivery>> Retry(
        string id, HttpContext http, [FromServices] MillwrightDb db, [FromServices] WebhookSignal signal, [FromServices] TimeProvider time,
        CancellationToken cancellationToken)
    {
        var row = await FindAsync(db, http.GetCaller(), id, cancellationToken);
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == row.EndpointId && e.Enabled, cancellationToken))
        {
            throw new ApiException(StatusCodes.Status409Conflict, ErrorCodes.WebhookEndpointDisabled,
                $"The endpoint of delivery '{id}' is disabled; enable it with PATCH {{\"enabled\": true}} first.");
        }

        var now = time.GetUtcNow();
        if (row.Status != WebhookValues.Pending)
        {
            // One more attempt, now; the retry schedule is not restarted (give-up time = now).
            row.Status = WebhookValues.Pending;
            row.GiveUpAt = now;
            row.CompletedAt = null;
        }

        row.NextAttemptAt = now;
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/v1/webhook-deliveries/{id}", row.ToDto(await AttemptsAsync(db, id, cancellationToken)));
    }

    /// <summary>Deliveries and attempts read in one snapshot, so a delivery never shows the attempts of a newer state than its own.</summary>
    private static Task<IDbContextTransaction> Snapshot(MillwrightDb db, CancellationToken cancellationToken) =>
        db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    private static async Task<WebhookDeliveryRow> FindAsync(MillwrightDb db, Caller caller, string id, CancellationToken cancellationToken) =>
        await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == id && d.AccountId == caller.AccountId && d.Environment == caller.Environment, cancellationToken)
            ?? throw ApiException.NotFound($"Webhook delivery '{id}'");

    private static Task<List<WebhookAttemptRow>> AttemptsAsync(MillwrightDb db, string id, CancellationToken cancellationToken) =>
        db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == id).ToListAsync(cancellationToken);
}
