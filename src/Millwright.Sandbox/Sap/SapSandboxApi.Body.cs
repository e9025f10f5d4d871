using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Sap;

/// <summary>Write bodies: V2 JSON objects (optionally wrapped in <c>d</c>) checked property by property against the metadata.</summary>
internal static partial class SapSandboxApi
{
    private static async Task<JsonObject> ReadBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            throw SapODataError.BadRequest("The request body is too large", SapODataError.TechnicalError);
        }

        try
        {
            var node = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            return (node is JsonObject { Count: 1 } wrapper && wrapper["d"] is JsonObject inner ? inner : node as JsonObject)
                ?? throw SapODataError.BadRequest("The request body must be a JSON object", SapODataError.TechnicalError);
        }
        catch (JsonException e)
        {
            throw SapODataError.BadRequest($"The request body is not valid JSON: {e.Message}", SapODataError.TechnicalError);
        }
    }

    /// <summary>The body's properties as values; on a create the keys may be sent (external numbering) but no property the metadata marks
    /// <c>sap:creatable="false"</c>.</summary>
    private static Dictionary<string, object?> ReadChanges(JsonObject body, EdmEntityType type, bool creating = false)
    {
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, node) in body)
        {
            if (name == "__metadata" || name.StartsWith('@'))
            {
                continue;
            }

            if (!type.ByName.TryGetValue(name, out var property))
            {
                throw SapODataError.BadRequest($"Property '{name}' is invalid: it is not defined in type '{type.QualifiedName}'", SapODataError.TechnicalError);
            }

            if (creating && !property.Creatable)
            {
                throw SapODataError.BadRequest($"Property '{name}' cannot be set on creation: the system determines it", SapODataError.BusinessError);
            }

            var value = type.IsV4 ? SapValuesV4.FromJson(property, node) : FromJson(property, node);
            if ((!creating && type.Keys.Contains(name)) || (!property.Nullable && value is null)
                || (value is string s && property.MaxLength is { } max && s.Length > max))
            {
                throw SapODataError.BadRequest($"Property '{name}' has an invalid value (key, required, or longer than {property.MaxLength} characters)", SapODataError.BusinessError);
            }

            changes[name] = value;
        }

        return changes;
    }

    private static object? FromJson(EdmProperty property, JsonNode? node)
    {
        object? raw = node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) && property.Type is "Edm.DateTime" or "Edm.DateTimeOffset" => WireDate(s),
            JsonValue v when v.TryGetValue<string>(out var s) && property.Type == "Edm.Time" => SapFilterLexer.ParseLiteral($"time'{s}'"),
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            JsonValue v when v.TryGetValue<decimal>(out var d) => d,
            _ => throw SapODataError.BadRequest($"Property '{property.Name}' has a value of the wrong kind", SapODataError.BusinessError),
        };
        return SapValues.TryConvert(property.Type, raw, out var converted)
            ? converted
            : throw SapODataError.BadRequest($"Property '{property.Name}' has an invalid value for {property.Type}", SapODataError.BusinessError);
    }

    /// <summary><c>/Date(ms)/</c> or <c>/Date(ms+0000)/</c>, as clients send dates back in V2 JSON.</summary>
    private static DateTimeOffset WireDate(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"^/Date\((-?\d{1,15})(?:[+-]\d{4})?\)/$",
            System.Text.RegularExpressions.RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
        if (match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
            && ms is >= -62135596800000 and <= 253402300799999)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }

        throw SapODataError.BadRequest($"Invalid date value '{text}': expected /Date(milliseconds)/", SapODataError.BusinessError);
    }
}
