using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Models;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Webhooks;

/// <summary><c>/v1/webhook-deliveries</c>: every attempt of every delivery, and a manual retry (secret key), over <see cref="WebhookDeliveryService"/>.</summary>
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

    private static async Task<Ok<Page<WebhookDelivery>>> List(
        HttpContext http, [FromServices] WebhookDeliveryService deliveries, [FromQuery(Name = "endpoint_id")] string? endpointId, string? status,
        [FromQuery(Name = "event_type")] string? eventType, int? limit, string? cursor, CancellationToken cancellationToken) =>
        TypedResults.Ok(await deliveries.ListAsync(http.GetCaller(), new(endpointId, status, eventType, limit, cursor), cancellationToken));

    private static async Task<Ok<WebhookDelivery>> Get(string id, HttpContext http, [FromServices] WebhookDeliveryService deliveries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await deliveries.GetAsync(http.GetCaller(), id, cancellationToken));

    private static async Task<Accepted<WebhookDelivery>> Retry(string id, HttpContext http, [FromServices] WebhookDeliveryService deliveries, CancellationToken cancellationToken) =>
        TypedResults.Accepted($"/v1/webhook-deliveries/{id}", await deliveries.RetryAsync(http.GetCaller(), id, cancellationToken));
}
