using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Models;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Webhooks;

/// <summary>
/// <c>/v1/webhook-endpoints</c>: create, list, get, change, delete (secret key). Rotation and tests:
/// <c>WebhookEndpointsApi.Actions.cs</c>. Handlers only adapt HTTP to <see cref="WebhookEndpointService"/>.
/// </summary>
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

    private static async Task<Created<WebhookEndpoint>> Create(
        CreateWebhookEndpointBody body, HttpContext http, [FromServices] WebhookEndpointService endpoints, CancellationToken cancellationToken)
    {
        var created = await endpoints.CreateAsync(http.GetCaller(), body, cancellationToken);
        return TypedResults.Created($"/v1/webhook-endpoints/{created.Id}", created);
    }

    private static async Task<Ok<Page<WebhookEndpoint>>> List(
        HttpContext http, [FromServices] WebhookEndpointService endpoints, int? limit, string? cursor, CancellationToken cancellationToken) =>
        TypedResults.Ok(await endpoints.ListAsync(http.GetCaller(), limit, cursor, cancellationToken));

    private static async Task<Ok<WebhookEndpoint>> Get(string id, HttpContext http, [FromServices] WebhookEndpointService endpoints, CancellationToken cancellationToken) =>
        TypedResults.Ok(await endpoints.GetAsync(http.GetCaller(), id, cancellationToken));

    private static async Task<Ok<WebhookEndpoint>> Update(
        string id, UpdateWebhookEndpointBody body, HttpContext http, [FromServices] WebhookEndpointService endpoints, CancellationToken cancellationToken) =>
        TypedResults.Ok(await endpoints.UpdateAsync(http.GetCaller(), id, body, cancellationToken));

    private static async Task<NoContent> Delete(string id, HttpContext http, [FromServices] WebhookEndpointService endpoints, CancellationToken cancellationToken)
    {
        await endpoints.DeleteAsync(http.GetCaller(), id, cancellationToken);
        return TypedResults.NoContent();
    }
}
