using System.Globalization;
using System.Text.Json.Nodes;

namespace Millwright.Connectors.Core;

/// <summary>
/// One text form for remote ids, shared by connectors (<see cref="RawRecord.RemoteId"/>) and the mapping
/// engine's <c>ref(…)</c>, so that a reference and the record it points to derive the same stable id.
/// </summary>
public static class RemoteIds
{
    /// <summary>Numbers without exponent or trailing zeros, strings trimmed; null for anything else or blank.</summary>
    public static string? Normalize(object? value) => value switch
    {
        string s when !string.IsNullOrWhiteSpace(s) => s.Trim(),
        decimal d => d.ToString("0.############################", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        JsonValue v => Normalize(Mapping.Expressions.Values.FromNode(v)),
        _ => null,
    };
}
