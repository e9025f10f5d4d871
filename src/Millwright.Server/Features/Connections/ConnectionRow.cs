using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Connections;

public sealed class ConnectionRow
{
    public required string Id { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public required string System { get; set; }
    public required string Status { get; set; }
    public string? DisplayName { get; set; }
    /// <summary>JSON object of non-secret settings.</summary>
    public required string SettingsJson { get; set; }
    /// <summary>AES-GCM sealed JSON object of credentials (see Features/Secrets).</summary>
    public required byte[] CredentialsCipher { get; set; }
    /// <summary>JSON object of the account's own metadata for this customer.</summary>
    public required string MetadataJson { get; set; }
    public int SyncIntervalMinutes { get; set; } = 15;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public DateTimeOffset? LastSyncedAt { get; set; }
    public DateTimeOffset? NextSyncAt { get; set; }
    public DateTimeOffset? LastFullSyncAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>Inbound requests per minute allowed on this connection; null means the installation's default.</summary>
    public int? RateLimitPerMinute { get; set; }
    /// <summary>Error code of the most recent failed sync (kept after recovery; see <see cref="ConsecutiveFailures"/>).</summary>
    public string? LastErrorCode { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    /// <summary>Failed sync runs in a row; 0 after a successful one.</summary>
    public int ConsecutiveFailures { get; set; }
}

internal sealed class ConnectionRowConfiguration : IEntityTypeConfiguration<ConnectionRow>
{
    public void Configure(EntityTypeBuilder<ConnectionRow> e)
    {
        e.ToTable("connections");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.AccountId, x.Environment });
    }
}
