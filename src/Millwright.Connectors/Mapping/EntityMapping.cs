using Millwright.Client.Models;

namespace Millwright.Connectors.Mapping;

/// <summary>How one unified field is filled: <paramref name="Target"/> is a snake_case field of the unified
/// record (or <c>custom_fields.&lt;name&gt;</c>), <paramref name="Expression"/> is a mapping expression
/// (see Mapping/README.md) evaluated against the raw document.</summary>
public sealed record FieldMapping(string Target, string Expression);

/// <summary>The mapping of one entity: an ordered list of field mappings.</summary>
public sealed record EntityMapping(Entity Entity, IReadOnlyList<FieldMapping> Fields);
