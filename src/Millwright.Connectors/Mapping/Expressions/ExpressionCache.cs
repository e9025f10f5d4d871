using System.Collections.Concurrent;

namespace Millwright.Connectors.Mapping.Expressions;

/// <summary>
/// Parsed expressions by text. Nodes are immutable, so one parse serves every mapping and thread that
/// uses the same text. Bounded: when full it is cleared (re-parsing is cheap, unbounded growth is not).
/// </summary>
internal static class ExpressionCache
{
    private const int Capacity = 20_000;
    private static readonly ConcurrentDictionary<string, Node> Parsed = new(StringComparer.Ordinal);

    public static Node Parse(string text)
    {
        if (Parsed.TryGetValue(text, out var node))
        {
            return node;
        }

        node = Parser.Parse(text);
        if (Parsed.Count >= Capacity)
        {
            Parsed.Clear();
        }

        Parsed[text] = node;
        return node;
    }
}
