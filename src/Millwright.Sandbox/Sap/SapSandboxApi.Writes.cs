using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Sap;

internal static partial class SapSandboxApi
{
    private const int MaxBodyBytes = 256 * 1024;

    private static readonly string[] ChangedByNames = ["LastChangeByUser", "LastChangedByUser"];

    /// <summary>The canonical key predicate of <paramref name="key"/> (<c>'1'</c> or <c>A='1',B=datetime'…'</c>), checked against the type's keys.</summary>
    internal static string CanonicalKey(EdmEntityType type, string key)
    {
        var tokens = SapFilterLexer.Tokenize(key);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (tokens.Count == 2 && tokens[0].Kind == SapTokenKind.Literal && type.Keys.Count == 1)
        {
            values[type.Keys[0]] = tokens[0].Value;
        }
        else
        {
            for (var i = 0; i < tokens.Count - 1; i += 4)
            {
                if (tokens[i].Kind != SapTokenKind.Name || tokens[i + 1].Kind != SapTokenKind.Equals || tokens[i + 2].Kind != SapTokenKind.Literal
                    || tokens[i + 3].Kind is not (SapTokenKind.Comma or SapTokenKind.End) || !values.TryAdd(tokens[i].Text, tokens[i + 2].Value))
                {
                    throw SapODataError.BadRequest($"Invalid key predicate '({key})'");
                }
            }
        }

        if (values.Count != type.Keys.Count || type.Keys.Any(k => !values.ContainsKey(k)))
        {
            throw SapODataError.BadRequest($"Invalid key predicate '({key})': the keys of '{type.QualifiedName}' are {string.Join(", ", type.Keys)}");
        }

        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in type.Keys)
        {
            if (!SapValues.TryConvert(type.ByName[name].Type, values[name], out var converted) || converted is null)
            {
                throw SapODataError.BadRequest($"Invalid value for key property '{name}' ({type.ByName[name].Type})");
            }

            row[name] = converted;
        }

        return SapTable.KeyOf(type, row);
    }

    /// <summary>PATCH, MERGE or PUT of one entity: CSRF was checked by the gate; here the etag and the body.</summary>
    private static async Task<IResult> UpdateAsync(HttpContext http, SapSandbox sandbox, EdmEntitySet set, SapTable table, string key,
        IReadOnlyDictionary<string, object?> row, string user)
    {
        if (http.Request.Method is not ("PATCH" or "MERGE" or "PUT"))
        {
            throw new SapODataError(StatusCodes.Status405MethodNotAllowed, SapODataError.TechnicalError,
                $"Method '{http.Request.Method}' is not allowed on an entity of '{set.Name}'");
        }

        if (!set.Updatable)
        {
            throw new SapODataError(StatusCodes.Status405MethodNotAllowed, SapODataError.TechnicalError, $"Entity set '{set.Name}' is not updatable");
        }

        CheckEtag(http, set.Type, row);
        var changes = ReadChanges(await ReadBodyAsync(http), set.Type);
        var now = sandbox.Now();
        var updated = table.Update(key, current =>
        {
            if (SapValues.Etag(set.Type, current) != SapValues.Etag(set.Type, row))
            {
                throw new SapODataError(StatusCodes.Status412PreconditionFailed, SapODataError.BusinessError, "The entity was changed by another request meanwhile");
            }

            return Stamp(set.Type, new Dictionary<string, object?>(current), changes, user, now);
        })!;
        if (SapValues.Etag(set.Type, updated) is { } etag)
        {
            http.Response.Headers.ETag = etag;
        }

        return Results.NoContent();
    }

    /// <summary>Writes <paramref name="changes"/> and stamps the change time and user where the type has them.</summary>
    internal static Dictionary<string, object?> Stamp(EdmEntityType type, Dictionary<string, object?> row,
        IReadOnlyDictionary<string, object?> changes, string user, DateTimeOffset now)
    {
        foreach (var (name, value) in changes)
        {
            row[name] = value;
        }

        if (type.ByName.ContainsKey("LastChangeDateTime"))
        {
            row["LastChangeDateTime"] = now;
        }

        foreach (var by in ChangedByNames.Where(type.ByName.ContainsKey))
        {
            row[by] = user;
        }

        return row;
    }

    /// <summary>If-Match is required where the type has an etag: missing → 428, stale → 412; <c>*</c> matches anything.</summary>
    private static void CheckEtag(HttpContext http, EdmEntityType type, IReadOnlyDictionary<string, object?> row)
    {
        if (SapValues.Etag(type, row) is not { } etag)
        {
            return;
        }

        var match = http.Request.Headers.IfMatch.ToString();
        if (match.Length == 0)
        {
            throw new SapODataError(StatusCodes.Status428PreconditionRequired, SapODataError.TechnicalError,
                "Precondition required: send the entity's etag in If-Match");
        }

        if (match != "*" && match != etag)
        {
            throw new SapODataError(StatusCodes.Status412PreconditionFailed, SapODataError.BusinessError,
                "The etag in If-Match does not match the current version of the entity; read it again");
        }
    }

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

    private static Dictionary<string, object?> ReadChanges(JsonObject body, EdmEntityType type)
    {
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, node) in body)
        {
            if (name == "__metadata")
            {
                continue;
            }

            if (!type.ByName.TryGetValue(name, out var property))
            {
                throw SapODataError.BadRequest($"Property '{name}' is invalid: it is not defined in type '{type.QualifiedName}'", SapODataError.TechnicalError);
            }

            var value = FromJson(property, node);
            if (type.Keys.Contains(name) || (!property.Nullable && value is null)
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
