using System.Globalization;
using System.Text.RegularExpressions;

namespace Millwright.Server.Features.Records.Query;

/// <summary>Parses query-string values for each field type. Returns null (with a reason) instead of throwing.</summary>
internal static partial class QueryValues
{
    public static FilterValue? Parse(FieldDef field, string raw, out string? error)
    {
        error = null;
        switch (field.Kind)
        {
            case FieldKind.String or FieldKind.StringArray:
                return new FilterValue(raw) { Text = raw };
            case FieldKind.Number when TryParseNumber(raw, out var number):
                return new FilterValue(Canonical(number)) { Number = number };
            case FieldKind.Number:
                error = $"'{Shorten(raw)}' is not a number.";
                return null;
            case FieldKind.Boolean when TryParseBoolean(raw, out var boolean):
                return new FilterValue(boolean ? "true" : "false") { Boolean = boolean };
            case FieldKind.Boolean:
                error = $"'{Shorten(raw)}' is not a boolean; use true or false.";
                return null;
            case FieldKind.DateTime when TryParseTime(raw, out var time):
                return new FilterValue(time.UtcTicks.ToString(CultureInfo.InvariantCulture)) { Time = time };
            case FieldKind.DateTime:
                error = $"'{Shorten(raw)}' is not an ISO-8601 date-time (for example 2026-01-31T08:00:00Z).";
                return null;
            case FieldKind.Enum:
                var ordinal = IndexOf(field.EnumValues, raw);
                if (ordinal < 0)
                {
                    error = $"'{Shorten(raw)}' is not a value of {field.Name}; allowed: {string.Join(", ", field.EnumValues)}.";
                    return null;
                }

                return new FilterValue(field.EnumValues[ordinal]) { Text = field.EnumValues[ordinal], Ordinal = ordinal };
            case FieldKind.Dynamic:
                // Untyped: keep every reading of the value; SQL compares each against stored values of that JSON type.
                return new FilterValue(raw)
                {
                    Text = raw,
                    Number = TryParseNumber(raw, out var n) ? n : null,
                    Boolean = raw is "true" or "false" ? raw == "true" : null,
                };
            default:
                error = $"{field.Name} cannot be filtered.";
                return null;
        }
    }

    /// <summary>ISO-8601 date (<c>2026-01-31</c>, midnight UTC) or date-time; no offset means UTC.</summary>
    public static bool TryParseTime(string raw, out DateTimeOffset value)
    {
        value = default;
        // A '+' of an offset arrives as a space when the client did not percent-encode it.
        if (raw.Length > 6 && raw[^6] == ' ' && IsoOffsetTail().IsMatch(raw.AsSpan(raw.Length - 5)))
        {
            raw = string.Concat(raw.AsSpan(0, raw.Length - 6), "+", raw.AsSpan(raw.Length - 5));
        }

        return IsoDateTime().IsMatch(raw)
            && DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    public static bool TryParseBoolean(string raw, out bool value)
    {
        value = string.Equals(raw, "true", StringComparison.OrdinalIgnoreCase);
        return value || string.Equals(raw, "false", StringComparison.OrdinalIgnoreCase);
    }

    public static bool TryParseNumber(string raw, out decimal value)
    {
        value = 0;
        return JsonNumber().IsMatch(raw) && decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>ASCII-only lower-casing: SQLite's lower() and PostgreSQL's lower() under the "C" collation do exactly this.</summary>
    public static string LowerAscii(string value) => string.Create(value.Length, value, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            span[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }
    });

    public static string Shorten(string value) => value.Length <= 64 ? value : value[..61] + "...";

    private static string Canonical(decimal value) => value.ToString("0.############################", CultureInfo.InvariantCulture);

    private static int IndexOf(IReadOnlyList<string> values, string raw)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], raw, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}:\d{2})?)?$")]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"^\d{2}:\d{2}$")]
    private static partial Regex IsoOffsetTail();

    [GeneratedRegex(@"^-?\d{1,29}(\.\d{1,28})?([eE][+-]?\d{1,2})?$")]
    private static partial Regex JsonNumber();
}
