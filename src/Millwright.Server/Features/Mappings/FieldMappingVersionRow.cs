using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Mappings;

/// <summary>
/// One version of a connection's field-mapping overrides. The highest version is the one in force;
/// version 0 (no row) is the connector's defaults. Rows are never changed or deleted while the
/// connection lives: a rollback is a new version with an earlier version's overrides.
/// </summary>
public sealed class FieldMappingVersionRow
{
    public required string ConnectionId { get; set; }
    public int Version { get; set; }
    /// <summary>Overrides as JSON: <c>{ "work-orders": { "status": "…", "custom_fields.line": "…" } }</c>.</summary>
    public required string OverridesJson { get; set; }
    /// <summary>How it was made: <c>replace</c>, <c>patch</c> or <c>rollback</c>.</summary>
    public required string Change { get; set; }
    /// <summary>For a rollback, the version whose overrides it restored.</summary>
    public int? RestoredVersion { get; set; }
    /// <summary>Stored records re-mapped when this version took effect.</summary>
    public int RemappedRecords { get; set; }
    public string? RequestId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class FieldMappingVersionRowConfiguration : IEntityTypeConfiguration<FieldMappingVersionRow>
{
    public void Configure(EntityTypeBuilder<FieldMappingVersionRow> e)
    {
        e.ToTable("field_mapping_versions");
        e.HasKey(x => new { x.ConnectionId, x.Version });
    }
}
