namespace Millwright.Connectors.Mapping;

/// <summary>What an expression reads and what it may produce, known without running it.</summary>
/// <param name="SourcePaths">The raw paths it reads, in <see cref="Mapping.SourcePaths"/> form; "" when it reads the whole document.</param>
/// <param name="JsonTypes">JSON types it may produce: <c>string</c>, <c>number</c>, <c>boolean</c>, <c>array</c>, <c>object</c>, <c>null</c>.</param>
/// <param name="IsDateTime">True when every text it produces is a UTC ISO 8601 date-time (it ends in <c>date</c>).</param>
public sealed record ExpressionInfo(IReadOnlyList<string> SourcePaths, IReadOnlyList<string> JsonTypes, bool IsDateTime);
