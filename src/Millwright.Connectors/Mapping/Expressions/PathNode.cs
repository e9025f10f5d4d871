using System.Text.Json.Nodes;

namespace Millwright.Connectors.Mapping.Expressions;

internal abstract record PathStep(int Position);

/// <summary><c>.name</c>, <c>["name"]</c></summary>
internal sealed record PropertyStep(int Position, string Name) : PathStep(Position);

/// <summary><c>[n]</c>; negative counts from the end.</summary>
internal sealed record IndexStep(int Position, int Index) : PathStep(Position);

/// <summary><c>[]</c>: continue with every element; the result is a flat list without nulls.</summary>
internal sealed record ProjectStep(int Position) : PathStep(Position);

/// <summary><c>[?field == literal]</c>: like <c>[]</c> but only elements whose field equals (or not) the literal.</summary>
internal sealed record FilterStep(int Position, IReadOnlyList<string> Field, bool Equal, object? Literal) : PathStep(Position);

/// <summary>A path into the raw document (or into the current element inside <c>each</c>).</summary>
/// <param name="FromRoot">Starts with <c>$</c>: always from the document root.</param>
internal sealed class PathNode(int position, bool fromRoot, IReadOnlyList<PathStep> steps) : Node(position)
{
    public IReadOnlyList<PathStep> Steps { get; } = steps;

    public bool FromRoot { get; } = fromRoot;

    public override ValueTypes Types =>
        Steps.Any(s => s is ProjectStep or FilterStep) ? ValueTypes.List | ValueTypes.Null : ValueTypes.Any;

    public override object? Evaluate(EvaluationContext context, JsonNode? current) =>
        Walk(FromRoot ? context.Root : current, 0);

    private object? Walk(JsonNode? node, int index)
    {
        for (; index < Steps.Count; index++)
        {
            switch (Steps[index])
            {
                case PropertyStep property:
                    if (node is not JsonObject obj || !obj.TryGetPropertyValue(property.Name, out node))
                    {
                        return null;
                    }

                    break;
                case IndexStep at:
                    if (node is not JsonArray array)
                    {
                        return null;
                    }

                    var i = at.Index < 0 ? array.Count + at.Index : at.Index;
                    if (i < 0 || i >= array.Count)
                    {
                        return null;
                    }

                    node = array[i];
                    break;
                case ProjectStep:
                    return Project(node, index, null);
                case FilterStep filter:
                    return Project(node, index, filter);
            }
        }

        return Values.FromNode(node);
    }

    private List<object?>? Project(JsonNode? node, int index, FilterStep? filter)
    {
        if (node is not JsonArray array)
        {
            return null;
        }

        var result = new List<object?>(array.Count);
        foreach (var element in array)
        {
            if (filter is not null && Matches(element, filter) != filter.Equal)
            {
                continue;
            }

            switch (Walk(element, index + 1))
            {
                case null:
                    break;
                case List<object?> nested:
                    result.AddRange(nested);
                    break;
                case var value:
                    result.Add(value);
                    break;
            }
        }

        return result;
    }

    private static bool Matches(JsonNode? element, FilterStep filter)
    {
        foreach (var name in filter.Field)
        {
            if (element is not JsonObject obj || !obj.TryGetPropertyValue(name, out element))
            {
                return filter.Literal is null;
            }
        }

        var value = Values.FromNode(element);
        return filter.Literal switch
        {
            null => value is null,
            string s => Values.ToText(value) == s,
            decimal d => Values.ToNumber(value) == d,
            bool b => value is bool v && v == b,
            _ => false,
        };
    }
}
