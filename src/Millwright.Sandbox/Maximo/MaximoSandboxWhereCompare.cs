using System.Globalization;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Maximo;

/// <summary>One comparison of an attribute with a literal, typed by the attribute.</summary>
internal static class MxmWhereCompare
{
    public static Func<JsonObject, bool> Build(string name, MxmType type, string op, MxmToken value)
    {
        if (type == MxmType.Text && value.Kind == MxmTokenKind.String && value.Text == "*" && op is "=" or "!=")
        {
            return op == "=" ? r => MxmJson.Text(r[name]) is { Length: > 0 } : r => MxmJson.Text(r[name]) is not { Length: > 0 };
        }

        switch (type)
        {
            case MxmType.Text:
                if (value.Kind != MxmTokenKind.String)
                {
                    throw MxmError.BadQuery($"The value {value.Text} for {name.ToUpperInvariant()} must be a string in double quotes.");
                }

                if (value.Text.Contains('%') && op is "=" or "!=")
                {
                    var like = Like(value.Text);
                    return op == "=" ? r => MxmJson.Text(r[name]) is { } t && like(t) : r => MxmJson.Text(r[name]) is { } t && !like(t);
                }

                return Ordered(op, r => MxmJson.Text(r[name]), value.Text, (a, b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase));
            case MxmType.Integer or MxmType.Number:
                if (!decimal.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    throw MxmError.BadQuery($"The value {value.Text} for {name.ToUpperInvariant()} is not a number.");
                }

                return Ordered<decimal?>(op, r => MxmJson.Number(r[name]), number, (a, b) => a!.Value.CompareTo(b!.Value));
            case MxmType.YesNo:
                bool flag = value.Text.ToLowerInvariant() switch
                {
                    "1" or "true" => true,
                    "0" or "false" => false,
                    _ => throw MxmError.BadQuery($"The value {value.Text} for {name.ToUpperInvariant()} must be 1, 0, true or false."),
                };
                if (op is not ("=" or "!="))
                {
                    throw MxmError.BadQuery($"The operator {op} cannot compare the yes/no attribute {name.ToUpperInvariant()}.");
                }

                return r => r[name] is JsonValue v && v.TryGetValue<bool>(out var b) && (b == flag) == (op == "=");
            default:
                if (value.Kind != MxmTokenKind.String
                    || !DateTimeOffset.TryParse(value.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    throw MxmError.BadQuery($"The value {value.Text} for {name.ToUpperInvariant()} must be a date and time in double quotes, like \"2024-01-01T00:00:00-00:00\".");
                }

                return Ordered<DateTimeOffset?>(op, r => MxmJson.Date(r[name]), date, (a, b) => a!.Value.CompareTo(b!.Value));
        }
    }

    private static Func<JsonObject, bool> Ordered<T>(string op, Func<JsonObject, T?> read, T literal, Func<T, T, int> compare)
    {
        Func<int, bool> accept = op switch
        {
            "=" => c => c == 0,
            "!=" => c => c != 0,
            ">" => c => c > 0,
            ">=" => c => c >= 0,
            "<" => c => c < 0,
            _ => c => c <= 0,
        };
        return r => read(r) is { } value && accept(compare(value, literal));
    }

    /// <summary>A like pattern where '%' matches any run of characters, compared case-insensitively.</summary>
    private static Func<string, bool> Like(string pattern)
    {
        var parts = pattern.Split('%');
        return text =>
        {
            if (!text.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var at = parts[0].Length;
            for (var i = 1; i < parts.Length - 1; i++)
            {
                var found = text.IndexOf(parts[i], at, StringComparison.OrdinalIgnoreCase);
                if (found < 0)
                {
                    return false;
                }

                at = found + parts[i].Length;
            }

            var last = parts[^1];
            return text.Length - at >= last.Length && text.EndsWith(last, StringComparison.OrdinalIgnoreCase);
        };
    }
}
