using System.Text.Json.Nodes;

namespace Millwright.Connectors.Mapping.Expressions;

/// <summary>What an expression may produce, known before it runs; used to refuse mismatched targets.</summary>
[Flags]
internal enum ValueTypes
{
    None = 0,
    Null = 1,
    String = 2,
    Number = 4,
    Boolean = 8,
    Date = 16,
    List = 32,
    Object = 64,
    MappedList = 128,
    Any = Null | String | Number | Boolean | Date | List | Object,
}

/// <summary>What an expression is evaluated against: the whole raw document and the connection.</summary>
internal sealed class EvaluationContext(JsonNode root, string connectionId)
{
    public JsonNode Root { get; } = root;

    public string ConnectionId { get; } = connectionId;
}

/// <summary>
/// A parsed, immutable expression node. Parsing happens once per distinct expression text; evaluation
/// walks the tree with no allocation beyond the values it produces.
/// </summary>
internal abstract class Node(int position)
{
    /// <summary>0-based offset of the node in the expression text.</summary>
    public int Position { get; } = position;

    public abstract ValueTypes Types { get; }

    /// <summary>The nodes this one evaluates (for inspection: source paths, output types); not <c>each</c> fields.</summary>
    public virtual IEnumerable<Node> Children => [];

    /// <summary>String constants the node can produce, when they are all known (for enum targets); else null.</summary>
    public virtual IReadOnlyList<(string Value, int Position)>? Constants => null;

    /// <param name="current">The node paths are relative to: the document, or the element inside <c>each</c>.</param>
    public abstract object? Evaluate(EvaluationContext context, JsonNode? current);
}

internal sealed class LiteralNode(int position, object? value) : Node(position)
{
    public object? Value { get; } = value;

    public override ValueTypes Types => Value switch
    {
        null => ValueTypes.Null,
        string => ValueTypes.String,
        decimal => ValueTypes.Number,
        bool => ValueTypes.Boolean,
        _ => ValueTypes.Any,
    };

    public override IReadOnlyList<(string Value, int Position)>? Constants =>
        Value is string s ? [(s, Position)] : Value is null ? [] : null;

    public override object? Evaluate(EvaluationContext context, JsonNode? current) => Value;
}

/// <summary>First argument that is not null, an empty string or an empty list.</summary>
internal sealed class CoalesceNode(int position, IReadOnlyList<Node> arguments) : Node(position)
{
    public IReadOnlyList<Node> Arguments { get; } = arguments;

    public override IEnumerable<Node> Children => Arguments;

    public override ValueTypes Types => Arguments.Aggregate(ValueTypes.Null, (t, a) => t | a.Types);

    public override IReadOnlyList<(string Value, int Position)>? Constants
    {
        get
        {
            var all = new List<(string, int)>();
            foreach (var argument in Arguments)
            {
                if (argument.Constants is not { } constants)
                {
                    return null;
                }

                all.AddRange(constants);
            }

            return all;
        }
    }

    public override object? Evaluate(EvaluationContext context, JsonNode? current)
    {
        foreach (var argument in Arguments)
        {
            var value = argument.Evaluate(context, current);
            if (!Values.IsBlank(value))
            {
                return value;
            }
        }

        return null;
    }
}

/// <summary>Text of all arguments joined; nulls are skipped, list elements are joined in order.</summary>
internal sealed class ConcatNode(int position, IReadOnlyList<Node> arguments) : Node(position)
{
    public override ValueTypes Types => ValueTypes.String | ValueTypes.Null;

    public override IEnumerable<Node> Children => arguments;

    public override object? Evaluate(EvaluationContext context, JsonNode? current)
    {
        string? result = null;
        foreach (var argument in arguments)
        {
            var value = argument.Evaluate(context, current);
            if (Values.TryAsList(value, out var items))
            {
                foreach (var item in items)
                {
                    if (Values.ToText(item) is { } itemText)
                    {
                        result += itemText;
                    }
                }
            }
            else if (Values.ToText(value) is { } text)
            {
                result += text;
            }
        }

        return result;
    }
}

/// <summary><c>each(source) { field: expr, … }</c>: one object per element of the source list.</summary>
internal sealed class EachNode(int position, Node source, IReadOnlyList<EachField> fields) : Node(position)
{
    public Node Source { get; } = source;

    private readonly Dictionary<string, EachField> byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public IReadOnlyList<EachField> Fields { get; } = fields;

    public override ValueTypes Types => ValueTypes.MappedList;

    public override object? Evaluate(EvaluationContext context, JsonNode? current) =>
        Evaluate(context, current, null);

    /// <param name="nested">Target fields when the result fills a typed list (line items, stock); null for a custom field.</param>
    public List<object?> Evaluate(EvaluationContext context, JsonNode? current, IReadOnlyList<UnifiedField>? nested)
    {
        var result = new List<object?>();
        var source = Source.Evaluate(context, current);
        IEnumerable<JsonNode?> elements = source switch
        {
            null => [],
            JsonArray array => array,
            List<object?> list => list.Select(v => v as JsonNode ?? Values.ToJson(v)),
            JsonObject one => [one],
            _ => [],
        };
        foreach (var element in elements)
        {
            if (element is null)
            {
                continue;
            }

            var output = new PropertyBuffer(nested?.Count ?? Fields.Count);
            try
            {
                if (nested is null)
                {
                    foreach (var field in Fields)
                    {
                        output.Add(field.Name, Values.ToJson(field.Expression.Evaluate(context, element)));
                    }
                }
                else
                {
                    foreach (var target in nested)
                    {
                        output.Add(target.Name, !byName.TryGetValue(target.Name, out var field)
                            ? TargetCoercion.Empty(target)
                            : TargetCoercion.Coerce(target, field.Expression.Evaluate(context, element)));
                    }
                }

                result.Add(new MappedObject(output.ToObject()));
            }
            finally
            {
                output.Return();
            }
        }

        return result;
    }
}

internal sealed record EachField(string Name, int Position, Node Expression);
