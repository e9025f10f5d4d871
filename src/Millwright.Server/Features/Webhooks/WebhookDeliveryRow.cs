using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Webhooks;

/// <summary>One event to one endpoint, with its retry state and lease.</summary>
public sealed class WebhookDeliveryRow
{
    public required string Id { get; set; }
    public required string EventId { get; set; }
    public required string EndpointId { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public required string EventType { get; set; }
    /// <summary><c>pending</c>, <c>succeeded</c>, <c>failed</c>.</summary>
    public required string Status { get; set; }
    public int AttemptCount { get; set; }
    /// <summary>When the next attempt is due; null once the delivery is final.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>No retry is scheduled after this (creation + 24 h, or the moment of a manual retry).</summary>
    public DateTimeOffset GiveUpAt { get; set; }
    /// <summary>Dispatcher batch that holds the delivery while it is being sent.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

internal sealed class WebhookDeliveryRowConfiguration : IEntityTypeConfiguration<WebhookDeliveryRow>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryRow> e)
    {
        e.ToTable("webhook_deliveries");
        e.HasKey(x => x.Id);
        // The dispatcher's scan: due pending deliveries, oldest first.
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        e.HasIndex(x => new { x.AccountId, x.Environment, x.CreatedAt });
        e.HasIndex(x => new { x.EndpointId, x.CreatedAt });
        // The retention job deletes by age across every account.
        e.HasIndex(x => x.CreatedAt);
    }
}
