using System.Text.Json;
using Millwright.Client.Models;
using Millwright.Client.Webhooks;

namespace Millwright.Server.Features.Webhooks;

/// <summary>Webhook endpoint, delivery and event rows to their wire shapes.</summary>
internal static class WebhookWire
{
    public static WebhookEndpoint ToWire(this WebhookEndpointRow row, string? secret = null) => new()
    {
        Id = row.Id,
        Url = row.Url,
        Description = row.Description,
        Events = EventFilter.Parse(row.Events),
        ConnectionId = row.ConnectionId,
        Enabled = row.Enabled,
        DisabledReason = row.DisabledReason,
        PreviousSecretExpiresAt = row.PreviousSecretCipher is null ? null : row.PreviousSecretExpiresAt,
        FailingSince = row.FailingSince,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
        Secret = secret,
    };

    public static WebhookDelivery ToWire(this WebhookDeliveryRow row, IEnumerable<WebhookAttemptRow> attempts) => new()
    {
        Id = row.Id,
        EventId = row.EventId,
        EventType = row.EventType,
        EndpointId = row.EndpointId,
        Status = row.Status switch
        {
            WebhookValues.Succeeded => WebhookDeliveryStatus.Succeeded,
            WebhookValues.Failed => WebhookDeliveryStatus.Failed,
            _ => WebhookDeliveryStatus.Pending,
        },
        NextAttemptAt = row.NextAttemptAt,
        CreatedAt = row.CreatedAt,
        CompletedAt = row.CompletedAt,
        Attempts = [.. attempts.OrderBy(a => a.AttemptedAt).Select(a => new WebhookAttempt(a.AttemptedAt, a.StatusCode, a.LatencyMs, a.ResponseSnippet, a.Error))],
    };

    public static WebhookEvent ToWire(this WebhookEventRow row) =>
        JsonSerializer.Deserialize<WebhookEvent>(row.Payload, MillwrightJson.Options)!;
}
