using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Sap;

internal static partial class SapSandboxApi
{
    /// <summary>
    /// POST to an entity set: a create where the metadata allows it (<c>sap:creatable</c>), with Gateway's answer
    /// <c>201 Created</c>, <c>Location</c> = the new entity's URI, its <c>ETag</c>, and the entity as the system completed it.
    /// </summary>
    private static async Task<IResult> CreateAsync(HttpContext http, SapSandbox sandbox, SapService service, string root, EdmEntitySet set, SapTable table, string user)
    {
        if (!set.Creatable)
        {
            throw new SapODataError(StatusCodes.Status405MethodNotAllowed, SapODataError.TechnicalError, $"Entity set '{set.Name}' is not creatable");
        }

        if (!SapSandboxRules.Creates(set))
        {
            throw new SapODataError(StatusCodes.Status501NotImplemented, SapODataError.TechnicalError,
                $"Creating entities of '{set.Name}' is not implemented in the sandbox");
        }

        var values = ReadChanges(await ReadBodyAsync(http), set.Type, creating: true);
        var now = sandbox.Now();
        var row = set.Type.Properties.ToDictionary(p => p.Name, SapValues.Initial, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            row[name] = value;
        }

        Dictionary<string, object?> created;
        lock (table.Gate)
        {
            SapSandboxRules.Complete(sandbox.Data, set, row, values, user, now);
            created = Stamp(set.Type, row, new Dictionary<string, object?>(), user, now);
            if (!table.TryAdd(created))
            {
                throw new SapODataError(StatusCodes.Status400BadRequest, SapODataError.BusinessError,
                    $"{set.Name} {string.Join(" / ", set.Type.Keys.Select(k => created[k]))} already exists");
            }
        }

        var entity = SapSandboxJson.Entity(sandbox.Data, service, root, set, created, null);
        http.Response.Headers.Location = (string?)entity["__metadata"]?["uri"];
        if (SapValues.Etag(set.Type, created) is { } etag)
        {
            http.Response.Headers.ETag = etag;
        }

        return Ok(entity, StatusCodes.Status201Created);
    }

    /// <summary>The next internal number of a set whose key is numbered, as SAP's number ranges give them (the highest plus one).</summary>
    internal static string NextNumber(SapTable table, string key, long first)
    {
        var highest = table.Snapshot().Select(r => long.TryParse(r[key] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();
        return Math.Max(highest + 1, first).ToString(CultureInfo.InvariantCulture);
    }
}
