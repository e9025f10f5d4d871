using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Webhooks;

/// <summary>One HTTP attempt of a delivery.</summary>
public sealed class WebhookAttemptRow
{
    public required string Id { get; set; }
    public required string DeliveryId { get; set; }
    public DateTimeOffset AttemptedAt { get; set; }
    /// <summary>HTTP status of the answer; null when there was none (timeout, refused connection).</summary>
    public int? StatusCode { get; set; }
    public int LatencyMs { get; set; }
    /// <summary>First characters of the response body, or what went wrong.</summary>
    public string? ResponseSnippet { get; set; }
    /// <summary>Error code when no answer came: <c>timeout</c>, <c>connection_failed</c>, <c>address_blocked</c>.</summary>
    public string? Error { get; set; }
}

internal sealed class WebhookAttemptRowConfiguration : IEntityTypeConfiguration<WebhookAttemptRow>
{
    public void Configure(EntityTypeBuilder<WebhookAttemptRow> e)
    {
        e.ToTable("webhook_attempts");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.DeliveryId, x.AttemptedAt });
        // The retention job deletes by age across every delivery.
        e.HasIndex(x => x.AttemptedAt);
    }
}
