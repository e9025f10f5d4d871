using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Mapping.Expressions;

namespace Millwright.Connectors.Mapping;

/// <summary>
/// One compiled write: the path the value goes to and the inverse steps, outermost transform first. A path is
/// properties only, or properties, one <c>[]</c> / <c>[?field == constant]</c> and properties (a list field written
/// as an array of elements, the constant set on each).
/// </summary>
internal sealed class FieldWrite(WritableField description, IReadOnlyList<PathStep> path, IReadOnlyList<Func<object?, object?>> steps)
{
    public WritableField Description { get; } = description;

    /// <summary>Compiles the write rule <paramref name="expression"/>; the error says why it is not invertible.</summary>
    public static (FieldWrite? Write, string? Error) Compile(string target, UnifiedField? field, string expression)
    {
        Node node;
        try
        {
            node = ExpressionCache.Parse(expression);
        }
        catch (ExpressionException e)
        {
            return (null, e.Message);
        }

        var steps = new List<Func<object?, object?>>();
        IReadOnlyList<string>? allowed = null;
        Entity? reference = null;
        while (node is not PathNode)
        {
            switch (node)
            {
                case ElementwiseNode { Inverse: { } undo } elementwise:
                    if (undo.Kind == WriteInverseKind.Reference)
                    {
                        reference = undo.Entity;
                    }
                    else
                    {
                        steps.Add(undo.Apply);
                    }

                    node = elementwise.Input;
                    break;
                case MapNode map:
                    // Several source values may give one unified value (CANCELED and SKIPPED are both cancelled): the first is written.
                    var inverse = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var (source, unified) in map.Entries)
                    {
                        if (Values.ToText(unified) is { } text)
                        {
                            inverse.TryAdd(text, source);
                        }
                    }

                    allowed ??= [.. inverse.Keys];
                    steps.Add(v => Values.ToText(v) is { } t && inverse.TryGetValue(t, out var s) ? s : null);
                    node = map.Input;
                    break;
                default:
                    return (null, "only a path followed by map, ref, date, number, string, bool, mul, div, trim, lower or upper can be written back");
            }
        }

        var pathNode = (PathNode)node;
        var projections = pathNode.Steps.Count(s => s is ProjectStep or FilterStep);
        if (pathNode.Steps.Count == 0 || pathNode.Steps.Any(s => s is IndexStep) || projections > 1
            || pathNode.Steps.Any(s => s is FilterStep { Equal: false }))
        {
            return (null, "a write path is properties (a.b, a[\"b c\"]) with at most one [] or [?field == constant]");
        }

        if (projections == 1 && field is not null && field.Kind != UnifiedFieldKind.StringList)
        {
            return (null, "only a list field can be written through [] or [?…]");
        }

        if (projections == 1 && pathNode.Steps[0] is not PropertyStep)
        {
            return (null, "a list is written into a named array (assignees[].id), not into the document itself");
        }

        var group = projections == 1 ? WritePlan.PathText(pathNode.Steps.TakeWhile(s => s is PropertyStep)) : null;
        if (allowed is not null && field?.EnumValues is { } values)
        {
            allowed = [.. values.Where(v => allowed.Contains(v, StringComparer.OrdinalIgnoreCase))];
        }

        return (new FieldWrite(new WritableField(target, field, allowed, reference, WritePlan.PathText(pathNode.Steps), group), pathNode.Steps, steps), null);
    }

    /// <summary>The unified value run back through the inverse steps: the outermost transform is undone first.</summary>
    public object? Invert(object? value)
    {
        foreach (var step in steps)
        {
            value = step(value);
        }

        return value;
    }

    public void WriteInto(JsonObject document, JsonNode? value)
    {
        var split = path.ToList().FindIndex(s => s is ProjectStep or FilterStep);
        if (split < 0)
        {
            Set(document, path, Values.ToJson(Invert(Values.FromNode(value))));
            return;
        }

        // A list written as array elements: [?type == 'USER'].id with ["5", "6"] → [{type: USER, id: 5}, {type: USER, id: 6}].
        var prefix = path.Take(split).ToList();
        var suffix = path.Skip(split + 1).ToList();
        if (Get(document, prefix) is not JsonArray array)
        {
            array = [];
            Set(document, prefix, array);
        }

        foreach (var element in value as JsonArray ?? [])
        {
            var written = Values.ToJson(Invert(Values.FromNode(element)));
            if (suffix.Count == 0)
            {
                array.Add(written);
                continue;
            }

            var item = new JsonObject();
            if (path[split] is FilterStep filter)
            {
                Set(item, [.. filter.Field.Select(f => new PropertyStep(0, f))], Values.ToJson(filter.Literal));
            }

            Set(item, suffix, written);
            array.Add(item);
        }
    }

    public static void Set(JsonObject document, IReadOnlyList<PathStep> path, JsonNode? value)
    {
        var current = document;
        for (var i = 0; i < path.Count - 1; i++)
        {
            var name = ((PropertyStep)path[i]).Name;
            if (current[name] is not JsonObject next)
            {
                next = [];
                current[name] = next;
            }

            current = next;
        }

        current[((PropertyStep)path[^1]).Name] = value;
    }

    private static JsonNode? Get(JsonObject document, IReadOnlyList<PathStep> path)
    {
        JsonNode? current = document;
        foreach (var step in path)
        {
            current = current is JsonObject obj ? obj[((PropertyStep)step).Name] : null;
        }

        return current;
    }
}
