using Millwright.Client.Models;

namespace Millwright.Connectors.Mapping;

/// <summary>How one unified field is filled and written back.</summary>
/// <param name="Target">A snake_case field of the unified record, or <c>custom_fields.&lt;name&gt;</c>.</param>
/// <param name="Expression">A mapping expression (Mapping/README.md) evaluated against the raw document.</param>
/// <param name="Write">How the field is written back to the system, or null when it is read-only (what the system assigns,
/// such as numbers and timestamps). An invertible expression: a path followed only by invertible transforms
/// (<c>map</c>, <c>ref</c>, <c>date…</c>, <c>number</c>, <c>string</c>, <c>bool</c>, <c>mul</c>, <c>div</c>, <c>trim</c>, <c>lower</c>,
/// <c>upper</c>); the unified value is run through it backwards and put at its path. Usually the read expression itself
/// (<see cref="Writable"/>); another one when the system reads and writes a field at different places (MaintainX reads
/// <c>asset.id | ref(assets)</c> and writes <c>assetId | ref(assets)</c>). <c>custom_fields.&lt;name&gt;</c> lines of a
/// connection whose expression is a plain path are writable without it.</param>
public sealed record FieldMapping(string Target, string Expression, string? Write = null)
{
    /// <summary>A field written back through its own read expression, which must be invertible.</summary>
    public static FieldMapping Writable(string target, string expression) => new(target, expression, expression);
}

/// <summary>The mapping of one entity: an ordered list of field mappings.</summary>
public sealed record EntityMapping(Entity Entity, IReadOnlyList<FieldMapping> Fields);
