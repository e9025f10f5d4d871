using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Webhooks;

/// <summary>One event (the outbox): written in the transaction of the change it reports, never changed.</summary>
public sealed class WebhookEventRow
{
    public required string Id { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public string? ConnectionId { get; set; }
    public required string Type { get; set; }
    /// <summary>The exact body every delivery of the event sends.</summary>
    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class WebhookEventRowConfiguration : IEntityTypeConfiguration<WebhookEventRow>
{
    public void Configure(EntityTypeBuilder<WebhookEventRow> e)
    {
        e.ToTable("webhook_events");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.AccountId, x.Environment, x.CreatedAt });
        // The retention job deletes by age across every account.
        e.HasIndex(x => x.CreatedAt);
    }
}
