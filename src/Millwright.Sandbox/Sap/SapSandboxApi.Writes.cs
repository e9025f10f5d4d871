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
        var tokens = SapFilterLexer.Tokenize(key, type.IsV4);
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
        if (changes.FirstOrDefault(c => !set.Type.ByName[c.Key].Updatable && !Equals(c.Value, row[c.Key])) is { Key: { } fixedName })
        {
            throw SapODataError.BadRequest($"Property '{fixedName}' cannot be changed: it is not updatable", SapODataError.BusinessError);
        }

        SapSandboxRules.Derive(sandbox.Data, set, row, changes, [.. changes.Keys]);
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
}
