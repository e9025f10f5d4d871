using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// Edm values in OData V4 JSON (the two RAP services): numbers as JSON numbers (<c>Edm.Double</c>, <c>Edm.Byte</c>, <c>Edm.Int16</c>),
/// <c>Edm.Date</c> as <c>2024-01-31</c>, <c>Edm.TimeOfDay</c> as <c>08:30:00</c>, <c>Edm.DateTimeOffset</c> as <c>2024-01-31T08:30:00Z</c>
/// (no <c>Precision</c> in the metadata, so whole seconds), and collections of complex values (<c>SAP__Messages</c>) as arrays.
/// </summary>
internal static class SapValuesV4
{
    public static JsonNode? ToJson(EdmProperty property, object? value) => value switch
    {
        null => null,
        DateTime d when property.Type == "Edm.Date" => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTimeOffset t => JsonValue.Create(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        TimeSpan t => JsonValue.Create(string.Create(CultureInfo.InvariantCulture, $"{t.Hours:00}:{t.Minutes:00}:{t.Seconds:00}")),
        double d => JsonValue.Create(d),
        decimal m => JsonValue.Create(m),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        object[] => new JsonArray(),
        _ => throw new InvalidOperationException($"No V4 wire form for {value.GetType().Name}."),
    };

    /// <summary>An entity's V4 ETag: a hash over its values, so every change gives a new one (RAP's etag over the whole entity).</summary>
    public static string Etag(EdmEntityType type, IReadOnlyDictionary<string, object?> row)
    {
        var text = string.Join('\u001f', type.Properties.Select(p => SapValues.Literal(row.GetValueOrDefault(p.Name) is object[]? null : row.GetValueOrDefault(p.Name))));
        return $"W/\"SADL-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20]}\"";
    }

    /// <summary>A V4 JSON value sent by a client, as the CLR value the property holds (V4 literals: unquoted dates, ISO date-times, JSON numbers).</summary>
    public static object? FromJson(EdmProperty property, JsonNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value)
        {
            throw SapODataError.BadRequest($"Property '{property.Name}' has a value of the wrong kind", SapODataError.BusinessError);
        }

        object? raw = property.Type switch
        {
            "Edm.Date" or "Edm.DateTimeOffset" or "Edm.TimeOfDay" when value.TryGetValue<string>(out var s) => SapFilterLexer.ParseLiteral(s, v4: true),
            "Edm.String" when value.TryGetValue<string>(out var s) => s,
            "Edm.Boolean" when value.TryGetValue<bool>(out var b) => b,
            "Edm.Double" or "Edm.Single" or "Edm.Decimal" or "Edm.Byte" or "Edm.Int16" or "Edm.Int32" or "Edm.Int64" when value.TryGetValue<decimal>(out var d) => d,
            "Edm.Double" or "Edm.Single" when value.TryGetValue<double>(out var d) => d,
            _ => throw SapODataError.BadRequest($"Property '{property.Name}' has an invalid value for {property.Type}", SapODataError.BusinessError),
        };
        return SapValues.TryConvert(property.Type, raw, out var converted)
            ? converted
            : throw SapODataError.BadRequest($"Property '{property.Name}' has an invalid value for {property.Type}", SapODataError.BusinessError);
    }
}
