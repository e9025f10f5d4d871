using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Mappings;
using Millwright.Connectors.Mapping;

namespace Millwright.Server.Features.Mappings;

/// <summary>
/// Finds the paths present in a sample of stored raw documents, with example values and how often each
/// is filled, so a user can see what the mapping does not read yet. Bounded: depth, paths, array elements.
/// </summary>
internal static class SourceFieldDiscovery
{
    public const int SampleSize = 500;
    private const int MaxDepth = 8;
    private const int MaxPaths = 1_000;
    private const int MaxElements = 50;
    private const int MaxExamples = 3;

    private sealed class Stats
    {
        public SortedSet<string> Types { get; } = new(StringComparer.Ordinal);
        public List<JsonNode> Examples { get; } = [];
        public int Filled { get; set; }
        public int LastRecord { get; set; } = -1;
    }

    /// <param name="raws">Stored raw documents (JSON text).</param>
    /// <param name="read">Source paths the mapping in force reads (see <see cref="ExpressionInfo.SourcePaths"/>).</param>
    public static List<SourceField> Discover(IReadOnlyList<string> raws, IReadOnlyCollection<string> read)
    {
        var stats = new Dictionary<string, Stats>(StringComparer.Ordinal);
        for (var i = 0; i < raws.Count; i++)
        {
            JsonNode? document;
            try
            {
                document = JsonNode.Parse(raws[i]);
            }
            catch (JsonException)
            {
                continue;
            }

            Walk(document, "", 0, i, stats);
        }

        return [.. stats
            .Select(p => new SourceField
            {
                Path = p.Key,
                Types = [.. p.Value.Types],
                Examples = [.. p.Value.Examples.Select(e => JsonSerializer.SerializeToElement(e))],
                FillRate = raws.Count == 0 ? 0 : Math.Round((double)p.Value.Filled / raws.Count, 4),
                Mapped = read.Any(r => SourcePaths.Covers(r, p.Key)),
            })
            .OrderByDescending(f => f.FillRate)
            .ThenBy(f => f.Path, StringComparer.Ordinal)];
    }

    private static void Walk(JsonNode? node, string path, int depth, int record, Dictionary<string, Stats> stats)
    {
        switch (node)
        {
            case JsonObject obj when depth < MaxDepth && obj.Count > 0:
                foreach (var (name, child) in obj)
                {
                    Walk(child, SourcePaths.Property(path, name), depth + 1, record, stats);
                }

                return;
            case JsonArray array when depth < MaxDepth && array.Count > 0:
                var elements = SourcePaths.Elements(path);
                for (var i = 0; i < array.Count && i < MaxElements; i++)
                {
                    Walk(array[i], elements, depth + 1, record, stats);
                }

                return;
        }

        if (path.Length == 0 || !Find(stats, path, out var s))
        {
            return;
        }

        if (node is null)
        {
            return;
        }

        var kind = node.GetValueKind();
        s.Types.Add(kind switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Array => "array",
            _ => "object",
        });
        var blank = kind is JsonValueKind.Array or JsonValueKind.Object || (kind == JsonValueKind.String && string.IsNullOrWhiteSpace(node.GetValue<string>()));
        if (blank)
        {
            return;
        }

        if (s.LastRecord != record)
        {
            s.LastRecord = record;
            s.Filled++;
        }

        if (s.Examples.Count < MaxExamples && !s.Examples.Any(e => JsonNode.DeepEquals(e, node)))
        {
            s.Examples.Add(node.DeepClone());
        }
    }

    private static bool Find(Dictionary<string, Stats> stats, string path, out Stats found)
    {
        if (stats.TryGetValue(path, out found!))
        {
            return true;
        }

        if (stats.Count >= MaxPaths)
        {
            return false;
        }

        found = new Stats();
        stats[path] = found;
        return true;
    }
}
