using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Core;

namespace Millwright.Connectors.Mapping.Expressions;

/// <summary>A transform applied to every element of a list, or to a single value; nulls stay null.</summary>
internal sealed class ElementwiseNode(int position, Node input, ValueTypes scalar, Func<object?, EvaluationContext, object?> apply)
    : Node(position)
{
    public Node Input => input;

    /// <summary>How a written value goes back through this transform; null when it cannot (see <see cref="WriteInverse"/>).</summary>
    public WriteInverse? Inverse { get; init; }

    public override ValueTypes Types =>
        scalar | ValueTypes.Null | (input.Types.HasFlag(ValueTypes.List) ? ValueTypes.List : 0);

    public override IEnumerable<Node> Children => [input];

    public override object? Evaluate(EvaluationContext context, JsonNode? current)
    {
        var value = input.Evaluate(context, current);
        // Scalars (the common case) without the closure the list path needs.
        return value switch
        {
            null => null,
            List<object?> or JsonArray => Values.Elementwise(value, context, apply),
            _ => apply(value, context),
        };
    }
}

/// <summary>A transform that looks at the value as a whole (lists included).</summary>
internal sealed class WholeValueNode(int position, Node input, ValueTypes types, Func<object?, object?> apply) : Node(position)
{
    public override ValueTypes Types => types;

    public override IEnumerable<Node> Children => [input];

    public override object? Evaluate(EvaluationContext context, JsonNode? current) =>
        apply(input.Evaluate(context, current));
}

/// <summary><c>map(A: x, B: y, *: z)</c>: looks the value's text up; <c>*</c> catches everything else.</summary>
internal sealed class MapNode(
    int position,
    Node input,
    IReadOnlyDictionary<string, object?> entries,
    bool hasDefault,
    object? fallback,
    IReadOnlyList<(string Value, int Position)> constants) : Node(position)
{
    public override ValueTypes Types
    {
        get
        {
            var types = entries.Values.Append(fallback).Aggregate(ValueTypes.Null, (t, v) => t | new LiteralNode(0, v).Types);
            return input.Types.HasFlag(ValueTypes.List) ? types | ValueTypes.List : types;
        }
    }

    public override IReadOnlyList<(string Value, int Position)>? Constants => constants;

    public override IEnumerable<Node> Children => [input];

    public Node Input => input;

    /// <summary>Matched value → replacement, without the <c>*</c> fallback.</summary>
    public IReadOnlyDictionary<string, object?> Entries => entries;

    public override object? Evaluate(EvaluationContext context, JsonNode? current)
    {
        var value = input.Evaluate(context, current);
        return value switch
        {
            null => null,
            List<object?> or JsonArray => Values.Elementwise(value, this, static (v, map) => map.Lookup(v)),
            _ => Lookup(value),
        };
    }

    private object? Lookup(object? value)
    {
        var key = Values.ToText(value);
        if (key is not null && entries.TryGetValue(key, out var mapped))
        {
            return mapped;
        }

        return hasDefault ? fallback : null;
    }
}

internal static class Transforms
{
    public static readonly IReadOnlyList<string> Names =
    [
        "map", "date", "number", "bool", "string", "trim", "lower", "upper", "concat", "coalesce", "default", "ref",
        "first", "last", "join", "sum", "count", "exists", "not", "mul", "div", "words",
    ];

    public static Node Number(int position, Node input) =>
        new ElementwiseNode(position, input, ValueTypes.Number, (v, _) => Values.ToNumber(v)) { Inverse = new(WriteInverseKind.NumberAsText) };

    public static Node Boolean(int position, Node input) =>
        new ElementwiseNode(position, input, ValueTypes.Boolean, (v, _) => Values.ToBoolean(v)) { Inverse = new(WriteInverseKind.Same) };

    public static Node String(int position, Node input) =>
        new ElementwiseNode(position, input, ValueTypes.String, (v, _) => Values.ToText(v) ?? (v as JsonNode)?.ToJsonString())
        {
            Inverse = new(WriteInverseKind.TextAsNumber),
        };

    public static Node Text(int position, Node input, Func<string, string> apply) =>
        new ElementwiseNode(position, input, ValueTypes.String, (v, _) => Values.ToText(v) is { } s ? apply(s) : null) { Inverse = new(WriteInverseKind.Same) };

    public static Node Date(int position, Node input, string? unit, string? format) =>
        new ElementwiseNode(position, input, ValueTypes.Date, (v, _) => Values.ToDate(v, unit, format))
        {
            Inverse = new(unit switch { "s" => WriteInverseKind.UnixSeconds, "ms" => WriteInverseKind.UnixMilliseconds, _ => WriteInverseKind.Date }, Format: format),
        };

    public static Node Scale(int position, Node input, decimal factor, bool divide) =>
        new ElementwiseNode(position, input, ValueTypes.Number, (v, _) =>
            Values.ToNumber(v) is { } n ? Values.Scale(n, factor, divide) : null)
        {
            Inverse = new(divide ? WriteInverseKind.Multiply : WriteInverseKind.Divide, Factor: factor),
        };

    /// <summary>Turns remote ids into Millwright's stable ids of <paramref name="entity"/>, exactly as the sync engine ids records.</summary>
    public static Node Ref(int position, Node input, Entity entity) =>
        new ElementwiseNode(position, input, ValueTypes.String, (v, context) =>
            RefCache.Id(context.ConnectionId, entity, v))
        {
            Inverse = new(WriteInverseKind.Reference, Entity: entity),
        };

    public static Node First(int position, Node input) =>
        new WholeValueNode(position, input, ValueTypes.Any, v => Values.TryAsList(v, out var items) ? items.FirstOrDefault(i => i is not null) : v);

    public static Node Last(int position, Node input) =>
        new WholeValueNode(position, input, ValueTypes.Any, v => Values.TryAsList(v, out var items) ? items.LastOrDefault(i => i is not null) : v);

    public static Node Join(int position, Node input, string separator) =>
        new WholeValueNode(position, input, ValueTypes.String | ValueTypes.Null, v =>
            Values.TryAsList(v, out var items)
                ? string.Join(separator, items.Select(Values.ToText).Where(t => t is not null))
                : Values.ToText(v));

    public static Node Sum(int position, Node input) =>
        new WholeValueNode(position, input, ValueTypes.Number | ValueTypes.Null, v =>
            Values.TryAsList(v, out var items) ? Values.Sum(items) : Values.ToNumber(v));

    public static Node Count(int position, Node input) =>
        new WholeValueNode(position, input, ValueTypes.Number, v =>
            Values.TryAsList(v, out var items) ? (decimal)items.Count(i => i is not null) : v is null ? 0m : 1m);

    /// <summary>Text split at white space into a list of words (a list: the words of every element), e.g. SAP's <c>"REL  MANC NMAT"</c>.</summary>
    public static Node Words(int position, Node input) =>
        new WholeValueNode(position, input, ValueTypes.List | ValueTypes.Null, v =>
        {
            if (v is null)
            {
                return null;
            }

            var texts = Values.TryAsList(v, out var items) ? items.Select(Values.ToText) : [Values.ToText(v)];
            return texts.SelectMany(t => t?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) ?? []).Cast<object?>().ToList();
        });

    public static Node Exists(int position, Node input) =>
        new WholeValueNode(position, input, ValueTypes.Boolean, v => !Values.IsBlank(v));

    public static Node Not(int position, Node input) =>
        new WholeValueNode(position, input, ValueTypes.Boolean | ValueTypes.Null, v => Values.ToBoolean(v) is { } b ? !b : null);
}

/// <summary>
/// Stable ids of recently referenced records. References repeat a lot (every work order of a site names
/// the same site, location and users) and each id costs a SHA-256; a bounded memo makes them lookups.
/// Numeric remote ids (most of them) are looked up by their value, without formatting their text first:
/// decimals that are equal (963, 963.0) have the same normalized text, so they name the same record.
/// </summary>
internal static class RefCache
{
    private const int Capacity = 50_000;
    private static readonly ConcurrentDictionary<(string, Entity, string), string> Ids = new();
    private static readonly ConcurrentDictionary<(string, Entity, decimal), string> NumericIds = new();

    /// <summary>The stable id of the record that <paramref name="value"/> (a remote id, as text or number) names; null when it names none.</summary>
    public static string? Id(string connectionId, Entity entity, object? value)
    {
        if (value is decimal number)
        {
            var key = (connectionId, entity, number);
            return NumericIds.TryGetValue(key, out var id)
                ? id
                : Remember(NumericIds, key, StableIds.For(connectionId, entity, RemoteIds.Normalize(number)!));
        }

        if (RemoteIds.Normalize(value) is not { } remoteId)
        {
            return null;
        }

        var textKey = (connectionId, entity, remoteId);
        return Ids.TryGetValue(textKey, out var textId) ? textId : Remember(Ids, textKey, StableIds.For(connectionId, entity, remoteId));
    }

    private static string Remember<TKey>(ConcurrentDictionary<TKey, string> ids, TKey key, string id)
        where TKey : notnull
    {
        if (ids.Count >= Capacity)
        {
            ids.Clear();
        }

        ids[key] = id;
        return id;
    }
}
