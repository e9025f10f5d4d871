using System.Globalization;
using Millwright.Client.Models;
using Millwright.Client.Webhooks;

namespace Millwright.Client;

// Webhook endpoints, deliveries and events (secret key).
public sealed partial class MillwrightClient
{
    /// <summary>Creates an endpoint; the answer carries its signing secret, shown this once.</summary>
    public Task<WebhookEndpoint> CreateWebhookEndpointAsync(CreateWebhookEndpointRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<WebhookEndpoint>(HttpMethod.Post, "v1/webhook-endpoints", request, cancellationToken);

    /// <summary>Lists the environment's endpoints, newest first.</summary>
    public Task<Page<WebhookEndpoint>> ListWebhookEndpointsAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        SendAsync<Page<WebhookEndpoint>>(HttpMethod.Get, WithQuery("v1/webhook-endpoints",
            [new("limit", limit?.ToString(CultureInfo.InvariantCulture)), new("cursor", cursor)]), null, cancellationToken);

    /// <summary>Gets one endpoint (without its secret).</summary>
    public Task<WebhookEndpoint> GetWebhookEndpointAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<WebhookEndpoint>(HttpMethod.Get, EndpointPath(id), null, cancellationToken);

    /// <summary>Changes an endpoint's URL, event filter, description or enabled flag.</summary>
    public Task<WebhookEndpoint> UpdateWebhookEndpointAsync(string id, UpdateWebhookEndpointRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<WebhookEndpoint>(HttpMethod.Patch, EndpointPath(id), request, cancellationToken);

    /// <summary>Deletes an endpoint; its pending deliveries are dropped.</summary>
    public Task DeleteWebhookEndpointAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, EndpointPath(id), null, cancellationToken);

    /// <summary>Issues a new secret (returned once); the old one keeps signing for the grace period (24 h by default).</summary>
    public Task<WebhookEndpoint> RotateWebhookSecretAsync(string id, RotateWebhookSecretRequest? request = null, CancellationToken cancellationToken = default) =>
        SendAsync<WebhookEndpoint>(HttpMethod.Post, EndpointPath(id) + "/rotate-secret", request ?? new RotateWebhookSecretRequest(), cancellationToken);

    /// <summary>Sends a <c>webhook_endpoint.test</c> event to the endpoint now and returns its delivery.</summary>
    public Task<WebhookDelivery> TestWebhookEndpointAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<WebhookDelivery>(HttpMethod.Post, EndpointPath(id) + "/test", null, cancellationToken);

    /// <summary>Lists deliveries with their attempts, newest first.</summary>
    /// <param name="endpointId">Only this endpoint's.</param>
    /// <param name="status">Only deliveries in this status.</param>
    /// <param name="eventType">Only deliveries of this event type.</param>
    /// <param name="limit">Page size, 1–500 (default 50).</param>
    /// <param name="cursor"><see cref="Page{T}.NextCursor"/> of the previous page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Page<WebhookDelivery>> ListWebhookDeliveriesAsync(
        string? endpointId = null, WebhookDeliveryStatus? status = null, string? eventType = null, int? limit = null, string? cursor = null,
        CancellationToken cancellationToken = default) =>
        SendAsync<Page<WebhookDelivery>>(HttpMethod.Get, WithQuery("v1/webhook-deliveries",
        [
            new("endpoint_id", endpointId),
            new("status", status?.ToString().ToLowerInvariant()),
            new("event_type", eventType),
            new("limit", limit?.ToString(CultureInfo.InvariantCulture)),
            new("cursor", cursor),
        ]), null, cancellationToken);

    /// <summary>Gets one delivery with its attempts.</summary>
    public Task<WebhookDelivery> GetWebhookDeliveryAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<WebhookDelivery>(HttpMethod.Get, $"v1/webhook-deliveries/{Uri.EscapeDataString(id)}", null, cancellationToken);

    /// <summary>Sends a delivery again now (pending, succeeded or failed).</summary>
    public Task<WebhookDelivery> RetryWebhookDeliveryAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<WebhookDelivery>(HttpMethod.Post, $"v1/webhook-deliveries/{Uri.EscapeDataString(id)}/retry", null, cancellationToken);

    /// <summary>Lists the environment's events, newest first.</summary>
    public Task<Page<WebhookEvent>> ListEventsAsync(string? type = null, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        SendAsync<Page<WebhookEvent>>(HttpMethod.Get, WithQuery("v1/events",
            [new("type", type), new("limit", limit?.ToString(CultureInfo.InvariantCulture)), new("cursor", cursor)]), null, cancellationToken);

    /// <summary>Sends the events of a time range to an endpoint again (for a receiver that lost data).</summary>
    public Task<ReplayEventsResult> ReplayEventsAsync(ReplayEventsRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<ReplayEventsResult>(HttpMethod.Post, "v1/events/replay", request, cancellationToken);

    private static string EndpointPath(string id) => $"v1/webhook-endpoints/{Uri.EscapeDataString(id)}";
}
