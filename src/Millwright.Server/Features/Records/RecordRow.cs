using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Millwright.Server.Features.Records;

/// <summary>One unified record of one connection: the mapped document plus its raw source.</summary>
public sealed class RecordRow
{
    /// <summary>Stable id (see Millwright.Connectors.Core.StableIds).</summary>
    public required string Id { get; set; }
    public required string ConnectionId { get; set; }
    /// <summary>Entity path, e.g. <c>work-orders</c>.</summary>
    public required string Entity { get; set; }
    public required string RemoteId { get; set; }
    /// <summary>
    /// Unified typed fields + custom_fields as a JSON object (without the envelope fields below). On PostgreSQL the
    /// table also has <c>doc</c>, a stored generated <c>jsonb</c> copy that the query indexes and record queries read
    /// (ADR 0033); it is outside the model, so that neither EF nor the plain writers ever name it.
    /// </summary>
    public required string Data { get; set; }
    /// <summary>Source document as the system returned it.</summary>
    public required string Raw { get; set; }
    /// <summary>Hash of <see cref="Raw"/>: a re-read of an unchanged record is not an update.</summary>
    public required string RawHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public DateTimeOffset? RemoteCreatedAt { get; set; }
    public DateTimeOffset? RemoteUpdatedAt { get; set; }
    /// <summary>Sync run that last saw the record; a full run deletes what it did not see.</summary>
    public string? LastSeenRunId { get; set; }
}

internal sealed class RecordRowConfiguration : IEntityTypeConfiguration<RecordRow>
{
    public void Configure(EntityTypeBuilder<RecordRow> e)
    {
        e.ToTable("records");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.ConnectionId, x.Entity, x.RemoteId }).IsUnique();
        // Default list order and updated_after scans.
        e.HasIndex(x => new { x.ConnectionId, x.Entity, x.UpdatedAt, x.Id });
    }
}
