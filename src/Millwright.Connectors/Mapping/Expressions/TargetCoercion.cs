using System.Text.Json.Nodes;

namespace Millwright.Connectors.Mapping.Expressions;

/// <summary>
/// Converts an evaluated value to the JSON of its target field, so that every mapping output
/// deserialises into the Millwright.Client record: a value that does not fit becomes null (or an empty
/// list) rather than a broken record.
/// </summary>
internal static class TargetCoercion
{
    public static JsonNode? Empty(UnifiedField target) =>
        target.Kind is UnifiedFieldKind.StringList or UnifiedFieldKind.ObjectList ? new JsonArray() : null;

    public static JsonNode? Coerce(UnifiedField target, object? value)
    {
        switch (target.Kind)
        {
            case UnifiedFieldKind.String:
                return Values.ToText(value) is { } text ? JsonValue.Create(text) : null;
            case UnifiedFieldKind.Decimal:
                return Values.ToNumber(value) is { } number ? JsonValue.Create(number) : null;
            case UnifiedFieldKind.Integer:
                return Values.ToNumber(value) is { } n && n == decimal.Truncate(n) && n is >= int.MinValue and <= int.MaxValue
                    ? JsonValue.Create((int)n)
                    : null;
            case UnifiedFieldKind.Boolean:
                return Values.ToBoolean(value) is { } flag ? JsonValue.Create(flag) : null;
            case UnifiedFieldKind.DateTime:
                return Values.ToDate(value) is { } date ? JsonValue.Create(Values.FormatDate(date)) : null;
            case UnifiedFieldKind.Enum:
                // Case-insensitive so that `status | lower` fills an enum from IN_PROGRESS-style codes.
                return Values.ToText(value) is { } member && Canonical(target.EnumValues!, member.AsSpan().Trim()) is { } canonical
                    ? JsonValue.Create(canonical)
                    : null;
            case UnifiedFieldKind.StringList:
                var strings = new JsonArray();
                if (Values.TryAsList(value, out var items))
                {
                    foreach (var item in items)
                    {
                        if (Values.ToText(item) is { } s)
                        {
                            strings.Add(JsonValue.Create(s));
                        }
                    }
                }
                else if (Values.ToText(value) is { } single)
                {
                    strings.Add(JsonValue.Create(single));
                }

                return strings;
            case UnifiedFieldKind.ObjectList:
                var objects = new JsonArray();
                if (value is List<object?> list)
                {
                    foreach (var item in list)
                    {
                        if (item is MappedObject mapped)
                        {
                            objects.Add(mapped.Object);
                        }
                    }
                }

                return objects;
            default:
                throw new InvalidOperationException($"Unknown field kind {target.Kind}.");
        }
    }

    private static string? Canonical(IReadOnlyList<string> values, ReadOnlySpan<char> member)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (member.Equals(values[i], StringComparison.OrdinalIgnoreCase))
            {
                return values[i];
            }
        }

        return null;
    }

    /// <summary>What expression types a target accepts; a definite mismatch is refused when the mapping is saved.</summary>
    public static ValueTypes Accepts(UnifiedFieldKind kind) => kind switch
    {
        UnifiedFieldKind.String => ValueTypes.String | ValueTypes.Number | ValueTypes.Boolean | ValueTypes.Date,
        UnifiedFieldKind.Decimal or UnifiedFieldKind.Integer => ValueTypes.Number | ValueTypes.String,
        UnifiedFieldKind.Boolean => ValueTypes.Boolean | ValueTypes.String | ValueTypes.Number,
        UnifiedFieldKind.DateTime => ValueTypes.Date | ValueTypes.String | ValueTypes.Number,
        UnifiedFieldKind.Enum => ValueTypes.String,
        UnifiedFieldKind.StringList => ValueTypes.List | ValueTypes.String | ValueTypes.Number,
        UnifiedFieldKind.ObjectList => ValueTypes.MappedList,
        _ => ValueTypes.None,
    };

    public static string Describe(UnifiedFieldKind kind) => kind switch
    {
        UnifiedFieldKind.String => "text",
        UnifiedFieldKind.Decimal => "a number",
        UnifiedFieldKind.Integer => "a whole number",
        UnifiedFieldKind.Boolean => "true/false",
        UnifiedFieldKind.DateTime => "a date-time",
        UnifiedFieldKind.Enum => "one of a fixed set of values",
        UnifiedFieldKind.StringList => "a list of text values",
        UnifiedFieldKind.ObjectList => "a list of objects built with each(…){…}",
        _ => kind.ToString(),
    };

    public static string Describe(ValueTypes types)
    {
        var names = new List<string>();
        if (types.HasFlag(ValueTypes.String))
        {
            names.Add("text");
        }

        if (types.HasFlag(ValueTypes.Number))
        {
            names.Add("a number");
        }

        if (types.HasFlag(ValueTypes.Boolean))
        {
            names.Add("true/false");
        }

        if (types.HasFlag(ValueTypes.Date))
        {
            names.Add("a date");
        }

        if (types.HasFlag(ValueTypes.List))
        {
            names.Add("a list");
        }

        if (types.HasFlag(ValueTypes.Object))
        {
            names.Add("an object");
        }

        if (types.HasFlag(ValueTypes.MappedList))
        {
            names.Add("a list of objects");
        }

        return names.Count == 0 ? "nothing but null" : string.Join(" or ", names);
    }
}
