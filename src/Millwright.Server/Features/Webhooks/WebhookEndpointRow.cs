using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Webhooks;

/// <summary>A receiver URL of one account and environment.</summary>
public sealed class WebhookEndpointRow
{
    public required string Id { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public required string Url { get; set; }
    public string? Description { get; set; }
    /// <summary>Space-separated event types or <c>prefix.*</c> patterns; empty means every event.</summary>
    public string Events { get; set; } = "";
    /// <summary>Only events of this connection (and account-wide events) when set.</summary>
    public string? ConnectionId { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>Why Millwright disabled it (<c>failing</c>); null when enabled or disabled by the account.</summary>
    public string? DisabledReason { get; set; }
    /// <summary>AES-GCM sealed signing secret (<c>whsec_…</c>, Features/Secrets).</summary>
    public required byte[] SecretCipher { get; set; }
    /// <summary>The secret before the last rotation, still signed with until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public byte[]? PreviousSecretCipher { get; set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    /// <summary>Start of the current unbroken run of failed attempts; null after a success.</summary>
    public DateTimeOffset? FailingSince { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class WebhookEndpointRowConfiguration : IEntityTypeConfiguration<WebhookEndpointRow>
{
    public void Configure(EntityTypeBuilder<WebhookEndpointRow> e)
    {
        e.ToTable("webhook_endpoints");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.AccountId, x.Environment, x.CreatedAt });
    }
}
