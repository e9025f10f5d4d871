using System.Text.Json;

namespace Millwright.Client.Mappings;

/// <summary>
/// Body of <c>PUT</c> and <c>PATCH /v1/connections/{id}/field-mappings</c>: entity path → target → expression.
/// PUT replaces all of the connection's own mappings with these; PATCH merges them (RFC 7396): an expression
/// sets a field, <c>null</c> resets the field to the connector's default, <c>"entity": null</c> resets the entity.
/// To leave a field empty on purpose, map it to the expression <c>null</c>.
/// </summary>
/// <param name="Mappings">E.g. <c>{ "work-orders": { "priority": "extraFields.Urgency | map(…)", "custom_fields.line": "extraFields.Line" } }</c>.</param>
public sealed record FieldMappingsRequest(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>?> Mappings);

/// <summary>Body of <c>POST /v1/connections/{id}/field-mappings/rollback</c>.</summary>
/// <param name="Version">The version whose mappings become current again (as a new version); 0 restores the connector's defaults.</param>
public sealed record FieldMappingsRollbackRequest(int Version);

/// <summary>Body of <c>POST /v1/connections/{id}/field-mappings/preview</c>: a proposed change, applied to a few stored records and saved nowhere.</summary>
/// <param name="Mappings">As in <see cref="FieldMappingsRequest"/>.</param>
/// <param name="Replace">True: the proposal replaces the connection's own mappings (PUT); false: it is merged into them (PATCH).</param>
/// <param name="Limit">Records per entity, 1–20 (default 5).</param>
public sealed record FieldMappingsPreviewRequest(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>?> Mappings, bool Replace = false, int? Limit = null);

/// <summary>One version of a connection's own field mappings.</summary>
public sealed record FieldMappingVersion
{
    /// <summary>1, 2, …; the highest is in force.</summary>
    public required int Version { get; init; }
    /// <summary><c>replace</c> (PUT), <c>patch</c> (PATCH) or <c>rollback</c>.</summary>
    public required string Change { get; init; }
    /// <summary>For a rollback, the version it restored.</summary>
    public int? RestoredVersion { get; init; }
    /// <summary>The connection's own mappings in this version (entity path → target → expression).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Mappings { get; init; }
    /// <summary>Stored records whose unified data changed when this version took effect.</summary>
    public required int RemappedRecords { get; init; }
    /// <summary>Request that made it.</summary>
    public string? RequestId { get; init; }
    /// <summary>When it was made.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>What a proposed mapping would do to some stored records.</summary>
public sealed record FieldMappingsPreview
{
    /// <summary>One entry per entity the proposal changes.</summary>
    public required IReadOnlyList<EntityPreview> Entities { get; init; }
}

/// <summary>Before/after of some records of one entity.</summary>
public sealed record EntityPreview
{
    /// <summary>Entity path.</summary>
    public required string Entity { get; init; }
    /// <summary>The records (most recently updated first).</summary>
    public required IReadOnlyList<RecordPreview> Records { get; init; }
}

/// <summary>One record's unified data now and under the proposal.</summary>
public sealed record RecordPreview
{
    /// <summary>Record id.</summary>
    public required string Id { get; init; }
    /// <summary>Remote id.</summary>
    public required string RemoteId { get; init; }
    /// <summary>Unified fields and custom_fields as stored now.</summary>
    public required JsonElement Before { get; init; }
    /// <summary>The same under the proposed mapping.</summary>
    public required JsonElement After { get; init; }
    /// <summary>Top-level fields (and <c>custom_fields.&lt;name&gt;</c>) whose value differs.</summary>
    public required IReadOnlyList<string> ChangedFields { get; init; }
}
