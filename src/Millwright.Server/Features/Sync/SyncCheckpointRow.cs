using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Sync;

/// <summary>Where the sync of one entity of one connection stands.</summary>
public sealed class SyncCheckpointRow
{
    public required string ConnectionId { get; set; }
    public required string Entity { get; set; }
    /// <summary>High-water mark of remote change times fully synced: the next incremental run reads from here.</summary>
    public DateTimeOffset? Watermark { get; set; }
    /// <summary>Run that is paging this entity right now, with the connector's cursor of the next page.
    /// A run killed mid-entity resumes from here.</summary>
    public string? RunId { get; set; }
    public string? PageCursor { get; set; }
    /// <summary>Largest remote change time seen by the in-flight run; becomes the watermark when the entity finishes.</summary>
    public DateTimeOffset? PendingWatermark { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SyncCheckpointRowConfiguration : IEntityTypeConfiguration<SyncCheckpointRow>
{
    public void Configure(EntityTypeBuilder<SyncCheckpointRow> e)
    {
        e.ToTable("sync_checkpoints");
        e.HasKey(x => new { x.ConnectionId, x.Entity });
    }
}
