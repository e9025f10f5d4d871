using System.Buffers;

namespace Millwright.Connectors.Mapping;

/// <summary>
/// The text of a path into a raw document, written in the mapping language so that a user can paste it
/// into an expression: <c>status</c>, <c>asset.id</c>, <c>assignees[].id</c>, <c>extraFields["Criticality Level"]</c>.
/// Every array step is written <c>[]</c>, so that a path names a field of all elements, not one index.
/// </summary>
public static class SourcePaths
{
    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");

    /// <summary>The path of property <paramref name="name"/> of the object at <paramref name="parent"/> ("" for the root).</summary>
    public static string Property(string parent, string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && !name.AsSpan().ContainsAnyExcept(NameChars);
        if (plain)
        {
            return parent.Length == 0 ? name : $"{parent}.{name}";
        }

        var quoted = name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return $"{parent}[\"{quoted}\"]";
    }

    /// <summary>The path of every element of the array at <paramref name="parent"/>.</summary>
    public static string Elements(string parent) => parent + "[]";

    /// <summary>
    /// Whether an expression that reads <paramref name="read"/> reads <paramref name="candidate"/>: the same
    /// path, or a container of it (<c>extraFields</c> covers <c>extraFields["Line"]</c>).
    /// </summary>
    public static bool Covers(string read, string candidate) =>
        read.Length == 0
        || candidate == read
        || (candidate.Length > read.Length && candidate.StartsWith(read, StringComparison.Ordinal) && candidate[read.Length] is '.' or '[');
}
