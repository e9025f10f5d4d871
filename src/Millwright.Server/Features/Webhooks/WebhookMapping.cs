using System.Text.Json;
using Millwright.Client.Models;
using Millwright.Client.Webhooks;

namespace Millwright.Server.Features.Webhooks;

/// <summary>Rows to wire shapes.</summary>
internal static class WebhookMapping
{
    public static WebhookEndpoint ToDto(this WebhookEndpointRow row, string? secret = null) => new()
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

    public static WebhookDelivery ToDto(this WebhookDeliveryRow row, IEnumerable<WebhookAttemptRow> attempts) => new()
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

    public static WebhookEvent ToDto(this WebhookEventRow row) =>
        JsonSerializer.Deserialize<WebhookEvent>(row.Payload, MillwrightJson.Options)!;
}
