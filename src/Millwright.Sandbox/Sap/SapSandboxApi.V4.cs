using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using V4Json = Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<System.Text.Json.Nodes.JsonObject>;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// The OData V4 endpoint of the RAP services (<c>/sap/opu/odata4/sap/api_&lt;x&gt;/srvd_a2x/sap/&lt;x&gt;/0001/</c>): the same tables,
/// query engine, logon, CSRF and faults as V2, with V4's wire rules: <c>{"@odata.context","value":[…],"@odata.nextLink"}</c> (relative,
/// <c>$skiptoken</c>), <c>@odata.count</c> on <c>$count=true</c>, <c>@odata.etag</c> per entity, unquoted date literals, the V4 error body,
/// creates answering <c>201</c> with the entity, and bound actions <c>POST Set(key)/&lt;namespace&gt;.&lt;Action&gt;</c>.
/// </summary>
internal static partial class SapSandboxApi
{
    public static async Task HandleV4Async(HttpContext http, SapSandbox sandbox, string prefix)
    {
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        http.Items[SapODataError.V4Marker] = true;
        IResult result;
        try
        {
            var (user, refusal) = await SapSandboxGate.AdmitAsync(http, sandbox);
            http.Response.Headers["OData-Version"] = "4.0";
            result = refusal ?? await DispatchV4Async(http, sandbox, prefix, user!);
        }
        catch (SapODataError error)
        {
            result = error.ToResult(sandbox.Time.GetUtcNow());
        }

        await result.ExecuteAsync(http);
    }

    /// <summary>The V4 service a route names: group <c>api_measuringpoint</c>, service <c>measuringpoint</c>, version <c>0001</c>.</summary>
    private static SapService? V4Service(HttpContext http) =>
        SapService.All.Values.FirstOrDefault(s => s.IsV4
            && (string?)http.GetRouteValue("group") == $"api_{s.V4Segment}"
            && (string?)http.GetRouteValue("service") == s.V4Segment
            && (string?)http.GetRouteValue("version") == "0001");

    private static async Task<IResult> DispatchV4Async(HttpContext http, SapSandbox sandbox, string prefix, string user)
    {
        var service = V4Service(http) ?? throw new SapODataError(StatusCodes.Status404NotFound, "/IWFND/MED/170",
            $"No service found for namespace '/SAP/', name '{http.GetRouteValue("service")}', version '{http.GetRouteValue("version")}'");
        var path = (http.GetRouteValue("path") as string ?? "").Trim('/');
        if (path == "$metadata")
        {
            return Results.Bytes(service.Metadata, "application/xml");
        }

        RequireV4Json(http.Request);
        if (path.Length == 0)
        {
            return V4Ok(new JsonObject
            {
                ["@odata.context"] = "$metadata",
                ["value"] = new JsonArray([.. service.Sets.Keys.Order(StringComparer.Ordinal)
                    .Select(s => (JsonNode)new JsonObject { ["name"] = s, ["url"] = s })]),
            });
        }

        var segments = path.Split('/');
        var (head, key) = SplitKey(segments[0]);
        if (!service.Sets.TryGetValue(head, out var set) || segments.Length > 2)
        {
            throw SapODataError.NotFound(segments.Length > 2 ? path : head);
        }

        var table = sandbox.Data.Table(service.Name, set.Name);
        if (key is null)
        {
            if (segments.Length == 2 && segments[1] == "$count" && HttpMethods.IsGet(http.Request.Method))
            {
                var query = SapQuery.Parse(http.Request.Query, set.Type);
                return Results.Text(query.Apply(table.Snapshot(), int.MaxValue).Total.ToString(CultureInfo.InvariantCulture), "text/plain");
            }

            if (segments.Length == 2)
            {
                throw SapODataError.NotFound(segments[1]);
            }

            if (HttpMethods.IsGet(http.Request.Method))
            {
                return V4Collection(http, sandbox, service, set, set.Name, table.Snapshot());
            }

            return HttpMethods.IsPost(http.Request.Method)
                ? await CreateV4Async(http, sandbox, service, set, table, user)
                : throw new SapODataError(StatusCodes.Status405MethodNotAllowed, SapODataError.TechnicalError,
                    $"Method '{http.Request.Method}' is not supported on entity set '{set.Name}'");
        }

        var canonical = CanonicalKey(set.Type, key);
        var row = table.Find(canonical) ?? throw new SapODataError(StatusCodes.Status404NotFound, SapODataError.ResourceNotFound,
            $"Resource not found for segment '{set.Name}({key})'");
        if (segments.Length == 2)
        {
            if (segments[1].StartsWith(service.Namespace + ".", StringComparison.Ordinal) && HttpMethods.IsPost(http.Request.Method))
            {
                return BoundAction(http, sandbox, service, set, table, canonical, row, segments[1][(service.Namespace.Length + 1)..], user);
            }

            var navigation = set.Type.Navigations.FirstOrDefault(n => n.Name == segments[1]) ?? throw SapODataError.NotFound(segments[1]);
            var target = sandbox.Data.Table(service.Name, navigation.TargetSet);
            var related = SapSandboxJson.Related(target, set.Type, row, navigation).ToList();
            return navigation.Many
                ? V4Collection(http, sandbox, service, target.Set, path, related)
                : V4Single(http, sandbox, service, target.Set, related.FirstOrDefault() ?? throw SapODataError.NotFound(segments[1]));
        }

        if (HttpMethods.IsGet(http.Request.Method))
        {
            return V4Single(http, sandbox, service, set, row);
        }

        return await UpdateAsync(http, sandbox, set, table, canonical, row, user);
    }

    private static V4Json V4Collection(HttpContext http, SapSandbox sandbox, SapService service, EdmEntitySet set, string path,
        IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        var query = SapQuery.Parse(http.Request.Query, set.Type);
        var (page, total, next) = query.Apply(rows, sandbox.Settings.MaxPageSize);
        var body = new JsonObject { ["@odata.context"] = $"$metadata#{set.Name}" };
        if (query.InlineCount)
        {
            body["@odata.count"] = total;
        }

        body["value"] = new JsonArray([.. page.Select(r => (JsonNode)SapSandboxJson.EntityV4(sandbox.Data, service, set, r, query))]);
        if (next is { } offset)
        {
            // Relative to the service root, as SAP's RAP services send it; clients resolve it against the request URL.
            var options = http.Request.Query.Where(q => q.Key != "$skiptoken")
                .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
                .Append($"$skiptoken={offset.ToString(CultureInfo.InvariantCulture)}");
            body["@odata.nextLink"] = $"{path}?{string.Join('&', options)}";
        }

        return V4Ok(body);
    }

    private static V4Json V4Single(HttpContext http, SapSandbox sandbox, SapService service, EdmEntitySet set, IReadOnlyDictionary<string, object?> row,
        int status = StatusCodes.Status200OK)
    {
        var query = SapQuery.Parse(http.Request.Query, set.Type);
        if (SapValues.Etag(set.Type, row) is { } etag)
        {
            http.Response.Headers.ETag = etag;
        }

        var entity = new JsonObject { ["@odata.context"] = $"$metadata#{set.Name}/$entity" };
        foreach (var (name, value) in SapSandboxJson.EntityV4(sandbox.Data, service, set, row, query))
        {
            entity[name] = value?.DeepClone();
        }

        return V4Ok(entity, status);
    }

    /// <summary>POST to a V4 set: only <c>MeasurementDocument</c> is carried out (the one the connector writes); others are 501 or not insertable.</summary>
    private static async Task<IResult> CreateV4Async(HttpContext http, SapSandbox sandbox, SapService service, EdmEntitySet set, SapTable table, string user)
    {
        if (!set.Creatable)
        {
            throw new SapODataError(StatusCodes.Status405MethodNotAllowed, SapODataError.TechnicalError, $"Entity set '{set.Name}' is not insertable");
        }

        if (!SapSandboxRules.Creates(set))
        {
            throw new SapODataError(StatusCodes.Status501NotImplemented, SapODataError.TechnicalError, $"Creating entities of '{set.Name}' is not implemented in the sandbox");
        }

        var values = ReadChanges(await ReadBodyAsync(http), set.Type, creating: true);
        var now = sandbox.Now();
        var row = set.Type.Properties.ToDictionary(p => p.Name, SapValues.Initial, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            row[name] = value;
        }

        lock (table.Gate)
        {
            SapSandboxRules.Complete(sandbox.Data, set, row, values, user, now);
            if (!table.TryAdd(row))
            {
                throw new SapODataError(StatusCodes.Status400BadRequest, SapODataError.BusinessError, $"{set.Name} {string.Join(" / ", set.Type.Keys.Select(k => row[k]))} already exists");
            }
        }

        http.Response.Headers.Location = $"{set.Name}({SapTable.KeyOf(set.Type, row)})";
        return V4Single(http, sandbox, service, set, row, StatusCodes.Status201Created);
    }

    /// <summary>
    /// The bound actions that flip a flag (activate/deactivate a measuring point, set/reset a document's reversal), with <c>If-Match</c>;
    /// the others (reading transfer, category change, failed-reading repeat) are behaviour SAP does not publish: 501.
    /// </summary>
    private static V4Json BoundAction(HttpContext http, SapSandbox sandbox, SapService service, EdmEntitySet set, SapTable table, string key,
        IReadOnlyDictionary<string, object?> row, string action, string user)
    {
        if (!service.Actions.ContainsKey(action))
        {
            throw SapODataError.NotFound(action);
        }

        (string Property, bool Value)? flip = (set.Name, action) switch
        {
            ("MeasuringPoint", "ActivateMeasuringPoint") => ("MeasuringPointIsInactive", false),
            ("MeasuringPoint", "DeactivateMeasuringPoint") => ("MeasuringPointIsInactive", true),
            ("MeasurementDocument", "ActivateReversalIndicator") => ("MsmtRdngIsReversed", true),
            ("MeasurementDocument", "DeactivateReversalIndicator") => ("MsmtRdngIsReversed", false),
            _ => null,
        };
        if (flip is not { } change)
        {
            throw new SapODataError(StatusCodes.Status501NotImplemented, SapODataError.TechnicalError, $"Action '{action}' is not implemented in the sandbox");
        }

        CheckEtag(http, set.Type, row);
        var updated = table.Update(key, current =>
        {
            if (SapValues.Etag(set.Type, current) != SapValues.Etag(set.Type, row))
            {
                throw new SapODataError(StatusCodes.Status412PreconditionFailed, SapODataError.BusinessError, "The entity was changed by another request meanwhile");
            }

            return Stamp(set.Type, new Dictionary<string, object?>(current) { [change.Property] = change.Value }, new Dictionary<string, object?>(), user, sandbox.Now());
        })!;
        return V4Single(http, sandbox, service, set, updated);
    }

    private static void RequireV4Json(HttpRequest request)
    {
        if (request.Query["$format"].FirstOrDefault() is { } format && format != "json")
        {
            throw new SapODataError(StatusCodes.Status415UnsupportedMediaType, SapODataError.TechnicalError, "The sandbox serves OData V4 JSON only");
        }
    }

    private static V4Json V4Ok(JsonObject body, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(body, SapSandboxJson.Options, "application/json; odata.metadata=minimal; charset=utf-8", status);
}
