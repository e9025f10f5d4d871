using System.Globalization;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// Edm values as the sandbox holds them (plain CLR values) and as SAP's OData V2 JSON writes them:
/// <c>Edm.DateTime</c> as <c>/Date(ms)/</c>, <c>Edm.DateTimeOffset</c> as <c>/Date(ms+0000)/</c>,
/// <c>Edm.Time</c> as <c>PT08H30M00S</c>, and <c>Edm.Decimal</c>, <c>Edm.Int64</c> and <c>Edm.Double</c>
/// as strings (V2 JSON keeps them exact that way); other numbers and booleans as JSON values.
/// </summary>
internal static class SapValues
{
    /// <summary>What an ABAP field holds when nothing was written: initial values, null for dates.</summary>
    public static object? Initial(EdmProperty property) => property.Type switch
    {
        "Edm.String" => "",
        "Edm.Boolean" => false,
        "Edm.Time" => TimeSpan.Zero,
        "Edm.Decimal" => 0m,
        "Edm.Int64" => 0L,
        "Edm.Int32" or "Edm.Int16" or "Edm.Byte" or "Edm.SByte" => 0,
        "Edm.Double" or "Edm.Single" => 0d,
        "Edm.Guid" => Guid.Empty,
        "Edm.TimeOfDay" => TimeSpan.Zero,
        _ when property.Type.StartsWith("Collection(", StringComparison.Ordinal) => Array.Empty<object>(),
        _ => null,
    };

    public static JsonNode? ToJson(EdmProperty property, object? value) => value switch
    {
        null => null,
        DateTime d => JsonValue.Create($"/Date({Millis(new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)))})/"),
        DateTimeOffset t => JsonValue.Create($"/Date({Millis(t)}+0000)/"),
        TimeSpan t => JsonValue.Create(Duration(t)),
        decimal m => JsonValue.Create(m.ToString("F" + (property.Scale ?? 0).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)),
        long l => JsonValue.Create(l.ToString(CultureInfo.InvariantCulture)),
        double d => JsonValue.Create(d.ToString("0.0000000000000000E+00", CultureInfo.InvariantCulture)),
        Guid g => JsonValue.Create(g.ToString("D")),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        string s => JsonValue.Create(s),
        _ => throw new InvalidOperationException($"No wire form for {value.GetType().Name}."),
    };

    public static long Millis(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static string Duration(TimeSpan t) =>
        string.Create(CultureInfo.InvariantCulture, $"PT{(int)t.TotalHours:00}H{t.Minutes:00}M{t.Seconds:00}S");

    /// <summary>A value as a URI literal: <c>'text'</c>, <c>datetime'…'</c>, <c>datetimeoffset'…'</c>, numbers, booleans.</summary>
    public static string Literal(object? value) => value switch
    {
        null => "null",
        string s => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'",
        DateTime d => $"datetime'{d:yyyy-MM-dd'T'HH:mm:ss}'",
        DateTimeOffset t => $"datetimeoffset'{t.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff}Z'",
        TimeSpan t => $"time'{Duration(t)}'",
        bool b => b ? "true" : "false",
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        Guid g => $"guid'{g:D}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>The etag SAP sends for an entity whose type has <c>LastChangeDateTime</c> (colons percent-encoded, as Gateway does).</summary>
    public static string? Etag(EdmEntityType type, IReadOnlyDictionary<string, object?> row) =>
        type.V4Etag ? SapValuesV4.Etag(type, row)
        : type.EtagProperty is { } property && row.GetValueOrDefault(property) is DateTimeOffset changed
            ? $"W/\"datetimeoffset'{changed.UtcDateTime:yyyy-MM-dd'T'HH}%3A{changed.UtcDateTime:mm}%3A{changed.UtcDateTime:ss.fffffff}Z'\""
            : null;

    /// <summary>Converts <paramref name="value"/> (a parsed literal or JSON value) to the CLR value a property of <paramref name="type"/> holds; null when it cannot.</summary>
    public static bool TryConvert(string type, object? value, out object? converted)
    {
        converted = null;
        if (value is null)
        {
            return true;
        }

        switch (type)
        {
            case "Edm.String" when value is string s:
                converted = s;
                return true;
            case "Edm.Boolean" when value is bool b:
                converted = b;
                return true;
            case "Edm.DateTime":
                converted = value switch { DateTime d => d, DateTimeOffset t => t.UtcDateTime, _ => null };
                return converted is not null;
            case "Edm.DateTimeOffset":
                converted = value switch { DateTimeOffset t => t, DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)), _ => null };
                return converted is not null;
            case "Edm.Date":
                converted = value switch
                {
                    DateOnly d => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    DateTime d => DateTime.SpecifyKind(d.Date, DateTimeKind.Utc),
                    DateTimeOffset t => t.UtcDateTime.Date,
                    _ => null
                };
                return converted is not null;
            case "Edm.Time" or "Edm.TimeOfDay" when value is TimeSpan t:
                converted = t;
                return true;
            case "Edm.Guid" when value is Guid g:
                converted = g;
                return true;
            case "Edm.Decimal" or "Edm.Int64" or "Edm.Int32" or "Edm.Int16" or "Edm.Byte" or "Edm.SByte" or "Edm.Double" or "Edm.Single":
                return TryNumber(type, value, out converted);
            default:
                return false;
        }
    }

    private static bool TryNumber(string type, object value, out object? converted)
    {
        converted = null;
        decimal number;
        switch (value)
        {
            case decimal m: number = m; break;
            case long l: number = l; break;
            case int i: number = i; break;
            case double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 7.9e27: number = (decimal)d; break;
            case string s when decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed): number = parsed; break;
            default: return false;
        }

        try
        {
            converted = type switch
            {
                "Edm.Decimal" => number,
                "Edm.Int64" => (long)number,
                "Edm.Double" or "Edm.Single" => (double)number,
                _ => (object)checked((int)number),
            };
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
