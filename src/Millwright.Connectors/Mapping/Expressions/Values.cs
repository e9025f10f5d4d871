using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Millwright.Connectors.Mapping.Expressions;

/// <summary>
/// Runtime values of the expression language. A value is one of: null, <see cref="string"/>,
/// <see cref="decimal"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/>, a borrowed raw
/// <see cref="JsonObject"/>/<see cref="JsonArray"/>, a computed <see cref="List{T}"/> of values, or a
/// <see cref="MappedObject"/> built by <c>each</c>. Raw nodes are never mutated or re-parented.
/// </summary>
internal static partial class Values
{
    private const string DecimalFormat = "0.############################";
    private static readonly string[] IsoFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd"];

    public static object? FromNode(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject or JsonArray:
                return node;
        }

        var value = node.AsValue();
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                return value.GetValue<string>();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.Number:
                if (value.TryGetValue<decimal>(out var d))
                {
                    return d;
                }

                // CLR-typed JsonValues (int, long, double: documents a connector or test builds in code) do not convert to
                // decimal by themselves. Whole numbers convert exactly; the rest goes through their JSON text.
                if (value.TryGetValue<int>(out var i))
                {
                    return (decimal)i;
                }

                if (value.TryGetValue<long>(out var l))
                {
                    return (decimal)l;
                }

                return decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out d) ? d : null;
            default:
                return null;
        }
    }

    /// <summary>Lists and raw arrays as a sequence of values; anything else is not a list.</summary>
    public static bool TryAsList(object? value, out IEnumerable<object?> items)
    {
        switch (value)
        {
            case List<object?> list:
                items = list;
                return true;
            case JsonArray array:
                items = array.Select(FromNode);
                return true;
            default:
                items = [];
                return false;
        }
    }

    /// <summary>Applies <paramref name="map"/> to a scalar, or to each element of a list (dropping nulls).</summary>
    /// <param name="state">Passed to <paramref name="map"/>, so that callers need no closure.</param>
    public static object? Elementwise<TState>(object? value, TState state, Func<object?, TState, object?> map)
    {
        if (!TryAsList(value, out var items))
        {
            return value is null ? null : map(value, state);
        }

        var result = new List<object?>(items.TryGetNonEnumeratedCount(out var count) ? count : 0);
        foreach (var item in items)
        {
            if (item is not null && map(item, state) is { } mapped)
            {
                result.Add(mapped);
            }
        }

        return result;
    }

    public static bool IsBlank(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        List<object?> list => list.Count == 0,
        JsonArray array => array.Count == 0,
        _ => false,
    };

    /// <summary>Text form of a scalar: numbers without trailing zeros, dates as UTC ISO 8601; null for containers.</summary>
    public static string? ToText(object? value) => value switch
    {
        string s => s,
        // Whole numbers (ids, counts) are most numbers; their plain form has no trailing zeros to drop.
        decimal d => d.Scale == 0 ? d.ToString(CultureInfo.InvariantCulture) : d.ToString(DecimalFormat, CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTimeOffset t => FormatDate(t),
        _ => null,
    };

    /// <summary><c>yyyy-MM-ddTHH:mm:ss[.fffffff]Z</c> in UTC, fraction without trailing zeros (the hot path of every date field).</summary>
    public static string FormatDate(DateTimeOffset value) => IsoDates.Format(value);

    public static decimal? ToNumber(object? value) => value switch
    {
        decimal d => d,
        string s when decimal.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        bool b => b ? 1m : 0m,
        _ => null,
    };

    public static bool? ToBoolean(object? value) => value switch
    {
        bool b => b,
        decimal d => d != 0,
        string s => s.Trim().ToLowerInvariant() switch
        {
            "true" or "yes" or "y" or "1" or "on" => true,
            "false" or "no" or "n" or "0" or "off" => false,
            _ => null,
        },
        _ => null,
    };

    /// <summary>
    /// <paramref name="number"/> scaled by <paramref name="factor"/>, or null when the result leaves decimal's range:
    /// a value that only turns out wrong at run time becomes null, so one odd record never stops a sync.
    /// </summary>
    public static decimal? Scale(decimal number, decimal factor, bool divide)
    {
        try
        {
            return divide ? number / factor : number * factor;
        }
        catch (Exception e) when (e is OverflowException or DivideByZeroException)
        {
            return null;
        }
    }

    /// <summary>The sum of the numbers among <paramref name="items"/>, or null when it leaves decimal's range.</summary>
    public static decimal? Sum(IEnumerable<object?> items)
    {
        var total = 0m;
        try
        {
            foreach (var item in items)
            {
                total += ToNumber(item) ?? 0m;
            }

            return total;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Parses ISO 8601, OData <c>/Date(ms)/</c>, and unix seconds or milliseconds.</summary>
    /// <param name="unit">null: guess (numbers of 12 digits or more are milliseconds); otherwise "s" or "ms".</param>
    /// <param name="format">An exact .NET date format, when the source uses a fixed non-ISO layout.</param>
    public static DateTimeOffset? ToDate(object? value, string? unit = null, string? format = null)
    {
        switch (value)
        {
            case DateTimeOffset t:
                return t;
            case decimal d:
                return FromUnix(d, unit);
            case string s:
                s = s.Trim();
                if (s.Length == 0)
                {
                    return null;
                }

                if (format is not null)
                {
                    return DateTimeOffset.TryParseExact(s, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var exact)
                        ? exact
                        : null;
                }

                if (unit is null && IsoDates.TryParse(s, out var iso))
                {
                    return iso;
                }

                if (s.StartsWith("/Date(", StringComparison.Ordinal) && ODataDate().Match(s) is { Success: true } odata)
                {
                    // TryParse: a 30-digit "/Date(…)/" overflows decimal, and a bad value is null, never an error.
                    return decimal.TryParse(odata.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                        ? FromUnix(ms, "ms")
                        : null;
                }

                // All-digit text is only taken as a unix time when it cannot be a compact calendar date.
                if (unit is not null || (s.Length >= 9 && !s.AsSpan().ContainsAnyExceptInRange('0', '9')))
                {
                    return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)
                        ? FromUnix(n, unit)
                        : null;
                }

                // Exact ISO 8601 first: it is what APIs send, and several times cheaper than the general parser.
                const DateTimeStyles Utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
                return DateTimeOffset.TryParseExact(s, IsoFormats, CultureInfo.InvariantCulture, Utc, out var parsed)
                    || DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, Utc, out parsed)
                    ? parsed
                    : null;
            default:
                return null;
        }
    }

    private static DateTimeOffset? FromUnix(decimal number, string? unit)
    {
        const decimal Limit = 253_402_300_799_000m; // 9999-12-31T23:59:59Z
        if (Math.Abs(number) > Limit)
        {
            // Checked before scaling: seconds near decimal's range would overflow when multiplied.
            return null;
        }

        var milliseconds = unit switch
        {
            "ms" => number,
            "s" => number * 1000,
            _ => Math.Abs(number) >= 100_000_000_000m ? number : number * 1000,
        };
        if (Math.Abs(milliseconds) > Limit)
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Truncate(milliseconds));
    }

    /// <summary>Turns a value into the JSON written to the unified record, cloning borrowed raw nodes.</summary>
    public static JsonNode? ToJson(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return JsonValue.Create(s);
            case decimal d:
                return JsonValue.Create(d);
            case bool b:
                return JsonValue.Create(b);
            case DateTimeOffset t:
                return JsonValue.Create(FormatDate(t));
            case MappedObject mapped:
                return mapped.Object;
            case JsonNode node:
                return node.DeepClone();
            case List<object?> list:
                var array = new JsonArray();
                foreach (var item in list)
                {
                    array.Add(ToJson(item));
                }

                return array;
            default:
                throw new InvalidOperationException($"Unexpected mapping value of type {value.GetType().Name}.");
        }
    }

    [GeneratedRegex(@"^/Date\((-?\d+)(?:[+-]\d{4})?\)/$", RegexOptions.CultureInvariant)]
    private static partial Regex ODataDate();
}

/// <summary>An object produced by <c>each(…){…}</c>; owned by the mapping, so it is emitted without cloning.</summary>
internal sealed record MappedObject(JsonObject Object);
