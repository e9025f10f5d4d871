using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Millwright.Client.Errors;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Webhooks;

/// <summary><c>/v1/webhook-endpoints/{id}/rotate-secret</c> and <c>/test</c>.</summary>
internal static partial class WebhookEndpointsApi
{
    private const int MaxGraceSeconds = 7 * 24 * 3600;

    private static void MapActions(RouteGroupBuilder group)
    {
        group.MapPost("/{id}/rotate-secret", RotateSecret).WithName("RotateWebhookSecret").WithSummary("Rotate an endpoint's signing secret")
            .WithDescription("""
                Issues a new secret, returned this once in `secret`. During the grace period (`grace_period_seconds`, default
                86400, at most 604800; 0 ends the old secret at once) every delivery carries two `v1,` signatures, one per
                secret, so a receiver can switch secrets at its own pace.
                """)
            .Accepts<RotateWebhookSecretBody>(isOptional: true, "application/json")
            .ProducesErrors(400, 404, 422);
        group.MapPost("/{id}/test", Test).WithName("TestWebhookEndpoint").WithSummary("Send a test event")
            .WithDescription("""
                Stores a `webhook_endpoint.test` event and sends it to this endpoint only, now, signed and retried like any
                other; the answer is its delivery (poll `GET /v1/webhook-deliveries/{id}` for the attempt).
                409 `WEBHOOK_ENDPOINT_DISABLED` when the endpoint is disabled.
                """)
            .ProducesErrors(404, 409);
    }

    private static async Task<Ok<WebhookEndpoint>> RotateSecret(
        string id, [FromBody] RotateWebhookSecretBody? body, HttpContext http, [FromServices] MillwrightDb db, [FromServices] WebhookSecrets secrets,
        [FromServices] TimeProvider time, [FromServices] IOptions<WebhookOptions> options, CancellationToken cancellationToken)
    {
        var row = await FindAsync(db, http.GetCaller(), id, cancellationToken);
        var grace = body?.GracePeriodSeconds is { } seconds
            ? seconds is >= 0 and <= MaxGraceSeconds
                ? TimeSpan.FromSeconds(seconds)
                : throw ApiException.Validation("grace_period_seconds", $"grace_period_seconds must be between 0 and {MaxGraceSeconds}.")
            : options.Value.DefaultGracePeriod;
        var now = time.GetUtcNow();
        var secret = WebhookSecrets.NewSecret();
        row.PreviousSecretCipher = grace > TimeSpan.Zero ? row.SecretCipher : null;
        row.PreviousSecretExpiresAt = grace > TimeSpan.Zero ? now + grace : null;
        row.SecretCipher = secrets.Seal(row.Id, secret);
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(row.ToDto(secret));
    }

    internal static async Task<Accepted<WebhookDelivery>> Test(
        string id, HttpContext http, [FromServices] MillwrightDb db, [FromServices] WebhookOutbox outbox, [FromServices] WebhookSignal signal,
        [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var endpoint = await FindAsync(db, caller, id, cancellationToken);
        if (!endpoint.Enabled)
        {
            throw new ApiException(StatusCodes.Status409Conflict, ErrorCodes.WebhookEndpointDisabled,
                $"Webhook endpoint '{id}' is disabled; enable it with PATCH {{\"enabled\": true}} first.");
        }

        var data = new WebhookTestData(endpoint.Id, "A test event from Millwright. Verify its signature and answer 2xx.");
        var events = await outbox.AddAsync(db, caller.AccountId, caller.Environment,
            [new NewEvent(WebhookEventTypes.WebhookEndpointTest, null, EventPayloads.Object(data))], cancellationToken);
        var delivery = outbox.NewDelivery(events[0], endpoint.Id, time.GetUtcNow());
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return TypedResults.Accepted($"/v1/webhook-deliveries/{delivery.Id}", delivery.ToDto([]));
    }
}
