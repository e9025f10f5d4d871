using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Webhooks;

/// <summary><c>/v1/webhook-endpoints/{id}/rotate-secret</c> and <c>/test</c>.</summary>
internal static partial class WebhookEndpointsApi
{
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
        string id, [FromBody] RotateWebhookSecretBody? body, HttpContext http, [FromServices] WebhookEndpointService endpoints, CancellationToken cancellationToken) =>
        TypedResults.Ok(await endpoints.RotateSecretAsync(http.GetCaller(), id, body?.GracePeriodSeconds, cancellationToken));

    private static async Task<Accepted<WebhookDelivery>> Test(string id, HttpContext http, [FromServices] WebhookEndpointService endpoints, CancellationToken cancellationToken)
    {
        var delivery = await endpoints.SendTestAsync(http.GetCaller(), id, cancellationToken);
        return TypedResults.Accepted($"/v1/webhook-deliveries/{delivery.Id}", delivery);
    }
}
