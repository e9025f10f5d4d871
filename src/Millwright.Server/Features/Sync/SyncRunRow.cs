using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Sync;

public sealed class SyncRunRow
{
    public required string Id { get; set; }
    public required string ConnectionId { get; set; }
    /// <summary><c>full</c> or <c>incremental</c>.</summary>
    public required string Kind { get; set; }
    /// <summary><c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c>, <c>cancelled</c>.</summary>
    public required string Status { get; set; }
    /// <summary><c>schedule</c>, <c>manual</c>, <c>initial</c>.</summary>
    public required string Trigger { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Entity currently being read (progress).</summary>
    public string? CurrentEntity { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Deleted { get; set; }
    /// <summary>JSON array of <c>{entity, code, message}</c>.</summary>
    public string ErrorsJson { get; set; } = "[]";
    public string? ErrorCode { get; set; }
    /// <summary>Worker that executes the run right now (see Features/Sync/README.md, "leases").</summary>
    public string? LeaseOwner { get; set; }
    /// <summary>Until when <see cref="LeaseOwner"/> holds the run; the worker renews it while it runs.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }
}

internal sealed class SyncRunRowConfiguration : IEntityTypeConfiguration<SyncRunRow>
{
    public void Configure(EntityTypeBuilder<SyncRunRow> e)
    {
        e.ToTable("sync_runs");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.ConnectionId, x.CreatedAt });
        // The retention job deletes finished runs by age across every connection.
        e.HasIndex(x => x.FinishedAt);
        // At most one queued or running run per connection, enforced by the store itself so that
        // two nodes starting a sync at the same moment cannot both succeed.
        e.HasIndex(x => x.ConnectionId).IsUnique()
            .HasFilter("status IN ('queued', 'running')")
            .HasDatabaseName("ux_sync_runs_active_per_connection");
    }
}
