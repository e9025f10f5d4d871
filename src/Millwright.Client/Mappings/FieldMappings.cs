using System.Text.Json;

namespace Millwright.Client.Mappings;

/// <summary>How a connection's raw records become unified records, per entity, and what its raw records hold.</summary>
public sealed record FieldMappings
{
    /// <summary>The connection.</summary>
    public required string ConnectionId { get; init; }
    /// <summary>Its system, e.g. <c>maintainx</c>.</summary>
    public required string System { get; init; }
    /// <summary>Version in force; 0 while the connection uses the connector's defaults only.</summary>
    public required int Version { get; init; }
    /// <summary>When the version in force was made; null for version 0.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
    /// <summary>One entry per entity the system offers, in sync order.</summary>
    public required IReadOnlyList<EntityFieldMappings> Entities { get; init; }
}

/// <summary>The mapping of one entity and the source fields found in the stored raw records.</summary>
public sealed record EntityFieldMappings
{
    /// <summary>Entity path, e.g. <c>work-orders</c>.</summary>
    public required string Entity { get; init; }
    /// <summary>Every typed field of the entity, then the custom fields and the <c>custom_fields</c> spread that are mapped.</summary>
    public required IReadOnlyList<FieldMappingLine> Fields { get; init; }
    /// <summary>Paths present in the sampled raw records, most often filled first.</summary>
    public required IReadOnlyList<SourceField> SourceFields { get; init; }
    /// <summary>How many stored records were sampled to find <c>source_fields</c>.</summary>
    public required int RecordsSampled { get; init; }
    /// <summary>How many records of this entity the connection has stored (deleted ones included).</summary>
    public required int RecordsStored { get; init; }
}

/// <summary>How one unified field is filled.</summary>
public sealed record FieldMappingLine
{
    /// <summary>Field name (<c>status</c>), <c>custom_fields.&lt;name&gt;</c>, or <c>custom_fields</c> (an object spread into custom fields).</summary>
    public required string Target { get; init; }
    /// <summary>Wire type: <c>string</c>, <c>number</c>, <c>integer</c>, <c>boolean</c>, <c>date_time</c>, <c>enum</c>, <c>string_list</c>, <c>object_list</c>, or <c>any</c> for custom fields.</summary>
    public required string Type { get; init; }
    /// <summary>Allowed values of an enum field.</summary>
    public IReadOnlyList<string>? EnumValues { get; init; }
    /// <summary>Expression in force; null when the field is not mapped.</summary>
    public string? Expression { get; init; }
    /// <summary><c>default</c> (the connector's) or <c>connection</c> (this connection's own).</summary>
    public required string Source { get; init; }
    /// <summary>The connector's expression for the field, when it has one.</summary>
    public string? DefaultExpression { get; init; }
}

/// <summary>A path present in the connection's raw records.</summary>
public sealed record SourceField
{
    /// <summary>Path in the expression language, e.g. <c>extraFields["Criticality Level"]</c> or <c>assignees[].id</c>.</summary>
    public required string Path { get; init; }
    /// <summary>JSON types seen: <c>string</c>, <c>number</c>, <c>boolean</c>, <c>array</c> (empty arrays), <c>object</c> (empty objects).</summary>
    public required IReadOnlyList<string> Types { get; init; }
    /// <summary>Up to three distinct example values.</summary>
    public required IReadOnlyList<JsonElement> Examples { get; init; }
    /// <summary>Share of sampled records in which the path holds a value that is not null or blank, 0–1.</summary>
    public required double FillRate { get; init; }
    /// <summary>Whether an expression in force reads this path (or an object or list that holds it).</summary>
    public required bool Mapped { get; init; }
}
