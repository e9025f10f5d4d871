using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using JsonResult = Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<System.Text.Json.Nodes.JsonObject>;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// The OData V2 endpoint of every service: one handler parses the resource path itself
/// (<c>Set</c>, <c>Set(key)</c>, <c>Set(key)/nav</c>, <c>Set/$count</c>, function imports, <c>$metadata</c>),
/// so every refusal carries SAP's error body rather than the host's routing errors.
/// </summary>
internal static partial class SapSandboxApi
{
    public static async Task HandleAsync(HttpContext http, SapSandbox sandbox, string prefix)
    {
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        IResult result;
        try
        {
            var (user, refusal) = await SapSandboxGate.AdmitAsync(http, sandbox);
            http.Response.Headers["dataserviceversion"] = "2.0";
            result = refusal ?? await DispatchAsync(http, sandbox, prefix, user!);
        }
        catch (SapODataError error)
        {
            result = error.ToResult(sandbox.Time.GetUtcNow());
        }

        await result.ExecuteAsync(http);
    }

    private static async Task<IResult> DispatchAsync(HttpContext http, SapSandbox sandbox, string prefix, string user)
    {
        var name = (string)http.GetRouteValue("service")!;
        if (!SapService.All.TryGetValue(name, out var service))
        {
            throw new SapODataError(StatusCodes.Status404NotFound, "/IWFND/MED/170", $"No service found for namespace '/SAP/', name '{name}', version '0001'");
        }

        var path = (http.GetRouteValue("path") as string ?? "").Trim('/');
        var root = SapSandboxJson.ServiceRoot(http.Request, prefix, service.Name);
        if (path == "$metadata")
        {
            return Results.Bytes(service.Metadata, "application/xml");
        }

        if (path.Length == 0)
        {
            SapQuery.RequireJson(http.Request);
            return Ok(new JsonObject { ["EntitySets"] = new JsonArray([.. service.Sets.Keys.Order(StringComparer.Ordinal).Select(s => (JsonNode)s)]) });
        }

        var segments = path.Split('/');
        var (head, key) = SplitKey(segments[0]);
        if (segments.Length == 1 && key is null && service.Functions.TryGetValue(head, out var function))
        {
            return FunctionImport(http, sandbox, service, root, function, user);
        }

        if (!service.Sets.TryGetValue(head, out var set) || segments.Length > 2)
        {
            throw SapODataError.NotFound(segments.Length > 2 ? path : head);
        }

        var table = sandbox.Data.Table(service.Name, set.Name);
        if (key is null)
        {
            if (segments.Length == 2 && segments[1] == "$count" && HttpMethods.IsGet(http.Request.Method))
            {
                var query = SapQuery.Parse(http.Request.Query, set.Type, service.Sets);
                return Results.Text(query.Apply(table.Snapshot(), int.MaxValue).Total.ToString(CultureInfo.InvariantCulture), "text/plain");
            }

            if (segments.Length == 2)
            {
                throw SapODataError.NotFound(segments[1]);
            }

            if (HttpMethods.IsGet(http.Request.Method))
            {
                return Collection(http, sandbox, service, root, set, table.Snapshot());
            }

            return HttpMethods.IsPost(http.Request.Method)
                ? await CreateAsync(http, sandbox, service, root, set, table, user)
                : throw new SapODataError(StatusCodes.Status405MethodNotAllowed, SapODataError.TechnicalError,
                    $"Method '{http.Request.Method}' is not supported on entity set '{set.Name}'");
        }

        var canonical = CanonicalKey(set.Type, key);
        var row = table.Find(canonical) ?? throw new SapODataError(StatusCodes.Status404NotFound, SapODataError.ResourceNotFound,
            $"Resource not found for segment '{set.Name}({key})'");
        if (segments.Length == 2)
        {
            var navigation = set.Type.Navigations.FirstOrDefault(n => n.Name == segments[1]) ?? throw SapODataError.NotFound(segments[1]);
            var target = sandbox.Data.Table(service.Name, navigation.TargetSet);
            var related = SapSandboxJson.Related(target, set.Type, row, navigation).ToList();
            return navigation.Many
                ? Collection(http, sandbox, service, root, target.Set, related)
                : Single(http, sandbox, service, root, target.Set, related.FirstOrDefault() ?? throw SapODataError.NotFound(segments[1]));
        }

        if (HttpMethods.IsGet(http.Request.Method))
        {
            return Single(http, sandbox, service, root, set, row);
        }

        return await UpdateAsync(http, sandbox, set, table, canonical, row, user);
    }

    private static JsonResult Collection(HttpContext http, SapSandbox sandbox, SapService service, string root, EdmEntitySet set,
        IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        SapQuery.RequireJson(http.Request);
        var query = SapQuery.Parse(http.Request.Query, set.Type, service.Sets);
        var (page, total, next) = query.Apply(rows, sandbox.Settings.MaxPageSize);
        var body = new JsonObject
        {
            ["results"] = new JsonArray([.. page.Select(r => (JsonNode)SapSandboxJson.Entity(sandbox.Data, service, root, set, r, query))]),
        };
        if (query.InlineCount)
        {
            body["__count"] = total.ToString(CultureInfo.InvariantCulture);
        }

        if (next is { } offset)
        {
            var options = http.Request.Query.Where(q => q.Key != "$skiptoken")
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"$skiptoken={offset.ToString(CultureInfo.InvariantCulture)}");
            var path = (http.GetRouteValue("path") as string ?? "").Trim('/');
            body["__next"] = $"{root}{path}?{string.Join('&', options)}";
        }

        return Ok(body);
    }

    private static JsonResult Single(HttpContext http, SapSandbox sandbox, SapService service, string root, EdmEntitySet set, IReadOnlyDictionary<string, object?> row)
    {
        SapQuery.RequireJson(http.Request);
        var query = SapQuery.Parse(http.Request.Query, set.Type, service.Sets);
        if (SapValues.Etag(set.Type, row) is { } etag)
        {
            http.Response.Headers.ETag = etag;
        }

        return Ok(SapSandboxJson.Entity(sandbox.Data, service, root, set, row, query));
    }

    private static JsonResult Ok(JsonNode d, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(new JsonObject { ["d"] = d }, SapSandboxJson.Options, "application/json; charset=utf-8", status);

    /// <summary>Splits <c>Set(key)</c> into the name and the key text.</summary>
    private static (string Name, string? Key) SplitKey(string segment)
    {
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return (segment, null);
        }

        return segment.EndsWith(')') ? (segment[..open], segment[(open + 1)..^1]) : throw SapODataError.NotFound(segment);
    }
}
