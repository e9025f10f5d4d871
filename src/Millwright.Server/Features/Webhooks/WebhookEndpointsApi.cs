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

/// <summary><c>/v1/webhook-endpoints</c>: create, list, get, change, delete (secret key). Rotation and tests: <c>WebhookEndpointsApi.Actions.cs</c>.</summary>
internal static partial class WebhookEndpointsApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("", Create).WithName("CreateWebhookEndpoint").WithSummary("Create a webhook endpoint")
            .WithDescription("""
                Registers a receiver for the key's environment. The answer carries `secret` (`whsec_…`, Standard Webhooks) —
                shown this once; verify each delivery's `webhook-signature` with it. `url` must be https (plain http only to
                a loopback host with a test key); hosts that resolve to private, link-local or (live) loopback addresses are
                refused with 422 `VALIDATION_FAILED` naming `url`. `events` takes types such as `work_order.updated` or patterns
                such as `work_order.*`; omitted means every event.
                """)
            .ProducesErrors(400, 422);
        group.MapGet("", List).WithName("ListWebhookEndpoints").WithSummary("List webhook endpoints")
            .WithDescription("Endpoints of the key's environment, newest first, `{data, next_cursor}`; secrets are never listed.")
            .ProducesErrors(400);
        group.MapGet("/{id}", Get).WithName("GetWebhookEndpoint").WithSummary("Get a webhook endpoint")
            .WithDescription("One endpoint, without its secret; `failing_since` tells since when every attempt failed.").ProducesErrors(404);
        group.MapPatch("/{id}", Update).WithName("UpdateWebhookEndpoint").WithSummary("Change a webhook endpoint")
            .WithDescription("""
                Changes `url` (validated as on creation), `events`, `description` or `enabled`. Enabling an endpoint that
                Millwright disabled after days of failures forgets those failures; its failed deliveries can be replayed.
                """)
            .ProducesErrors(400, 404, 422);
        group.MapDelete("/{id}", Delete).WithName("DeleteWebhookEndpoint").WithSummary("Delete a webhook endpoint")
            .WithDescription("Stops all deliveries to it at once and forgets its deliveries and attempts.").ProducesErrors(404);
        MapActions(group);
    }

    internal static IQueryable<WebhookEndpointRow> EndpointsOf(this MillwrightDb db, Caller caller) =>
        db.WebhookEndpoints.Where(e => e.AccountId == caller.AccountId && e.Environment == caller.Environment);

    internal static async Task<WebhookEndpointRow> FindAsync(MillwrightDb db, Caller caller, string id, CancellationToken cancellationToken) =>
        await db.EndpointsOf(caller).FirstOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw ApiException.NotFound($"Webhook endpoint '{id}'");

    internal static async Task<Created<WebhookEndpoint>> Create(
        CreateWebhookEndpointBody body, HttpContext http, [FromServices] MillwrightDb db, [FromServices] WebhookSecrets secrets,
        [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var url = await WebhookUrls.ValidateAsync(body.Url, caller.Environment, cancellationToken);
        var events = EventFilter.Normalize(body.Events);
        var description = CheckDescription(body.Description);
        if (body.ConnectionId is { } connectionId && !await db.ConnectionsVisibleTo(caller).AnyAsync(c => c.Id == connectionId, cancellationToken))
        {
            throw ApiException.Validation("connection_id", $"Connection '{connectionId}' does not exist in this environment.");
        }

        var now = time.GetUtcNow();
        var id = BearerSecrets.NewId(WebhookValues.EndpointPrefix);
        var secret = WebhookSecrets.NewSecret();
        var row = new WebhookEndpointRow
        {
            Id = id,
            AccountId = caller.AccountId,
            Environment = caller.Environment,
            Url = url,
            Description = description,
            Events = events,
            ConnectionId = body.ConnectionId,
            SecretCipher = secrets.Seal(id, secret),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.WebhookEndpoints.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/v1/webhook-endpoints/{id}", row.ToDto(secret));
    }

    internal static async Task<Ok<Page<WebhookEndpoint>>> List(HttpContext http, [FromServices] MillwrightDb db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = NewestFirstCursor.Limit(limit);
        var query = db.EndpointsOf(http.GetCaller());
        if (NewestFirstCursor.Decode(cursor, "webhook-endpoints") is { } after)
        {
            query = query.Where(e => e.CreatedAt < after.CreatedAt || (e.CreatedAt == after.CreatedAt && string.Compare(e.Id, after.Id) < 0));
        }

        var rows = await query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? new NewestFirstCursor(page[^1].CreatedAt, page[^1].Id).Encode("webhook-endpoints") : null;
        return TypedResults.Ok(new Page<WebhookEndpoint>([.. page.Select(r => r.ToDto())], next));
    }

    private static async Task<Ok<WebhookEndpoint>> Get(string id, HttpContext http, [FromServices] MillwrightDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await FindAsync(db, http.GetCaller(), id, cancellationToken)).ToDto());

    internal static async Task<Ok<WebhookEndpoint>> Update(
        string id, UpdateWebhookEndpointBody body, HttpContext http, [FromServices] MillwrightDb db, [FromServices] TimeProvider time,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var row = await FindAsync(db, caller, id, cancellationToken);
        if (body.Url is not null)
        {
            row.Url = await WebhookUrls.ValidateAsync(body.Url, caller.Environment, cancellationToken);
        }

        if (body.Events is not null)
        {
            row.Events = EventFilter.Normalize(body.Events);
        }

        if (body.Description is not null)
        {
            row.Description = CheckDescription(body.Description);
        }

        if (body.Enabled is { } enabled && enabled != row.Enabled)
        {
            row.Enabled = enabled;
            row.DisabledReason = null;
            row.FailingSince = null;
        }

        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(row.ToDto());
    }

    internal static async Task<NoContent> Delete(string id, HttpContext http, [FromServices] MillwrightDb db, CancellationToken cancellationToken)
    {
        var row = await FindAsync(db, http.GetCaller(), id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.WebhookAttempts.Where(a => db.WebhookDeliveries.Any(d => d.Id == a.DeliveryId && d.EndpointId == row.Id)).ExecuteDeleteAsync(cancellationToken);
        await db.WebhookDeliveries.Where(d => d.EndpointId == row.Id).ExecuteDeleteAsync(cancellationToken);
        await db.WebhookEndpoints.Where(e => e.Id == row.Id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static string? CheckDescription(string? description) => description is { Length: > 500 }
        ? throw ApiException.Validation("description", "description must be at most 500 characters.")
        : description;
}
