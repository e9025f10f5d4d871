using System.ComponentModel;

namespace Millwright.Server.Features.Webhooks;

// Request bodies as bound from JSON (unknown members are refused). Wire shapes for clients are in
// Millwright.Client.Webhooks.

[Description("A webhook endpoint to create.")]
internal sealed record CreateWebhookEndpointBody(
    [property: Description("Receiver URL: https (plain http only to loopback with a test key); private and link-local hosts are refused.")] string? Url,
    [property: Description("Event types or prefix.* patterns (e.g. work_order.*); every event when omitted or empty.")] IReadOnlyList<string?>? Events,
    [property: Description("Only events of this connection (and account-wide ones).")] string? ConnectionId,
    [property: Description("A note to recognise the endpoint by (at most 500 characters).")] string? Description);

[Description("Changes to a webhook endpoint; omitted or null members stay as they are.")]
internal sealed record UpdateWebhookEndpointBody(
    [property: Description("New receiver URL, validated as on creation.")] string? Url,
    [property: Description("New event filter; an empty list means every event.")] IReadOnlyList<string?>? Events,
    [property: Description("false disables; true enables again and forgets past failures.")] bool? Enabled,
    [property: Description("New note.")] string? Description);

[Description("Secret rotation options.")]
internal sealed record RotateWebhookSecretBody(
    [property: Description("Seconds the old secret keeps signing (deliveries carry both signatures), 0 to 604800; 86400 when omitted.")] int? GracePeriodSeconds);

[Description("Events to send again.")]
internal sealed record ReplayEventsBody(
    [property: Description("The endpoint that receives them (its event filter applies).")] string? EndpointId,
    [property: Description("Events created at or after this time.")] DateTimeOffset? Since,
    [property: Description("Events created before this time; now when omitted.")] DateTimeOffset? Until);
