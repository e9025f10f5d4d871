using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// The emulated endpoints, one partial file per resource. Handlers take the raw <see cref="HttpContext"/>
/// and parse query and body themselves, so that every refusal carries MaintainX's error shape rather than
/// the host's binding errors.
/// </summary>
internal static partial class MaintainXSandboxApi
{
    public static void Map(RouteGroupBuilder api, MaintainXSandbox sandbox)
    {
        MapOrganizations(api, sandbox);
        MapWorkOrders(api, sandbox);
        MapWorkOrderWrites(api, sandbox);
        MapWorkRequests(api, sandbox);
        MapWorkRequestWrites(api, sandbox);
        MapAssets(api, sandbox);
        MapAssetWrites(api, sandbox);
        MapLocations(api, sandbox);
        MapInventory(api, sandbox);
        MapPeople(api, sandbox);
        MapMeters(api, sandbox);
    }

    private static JsonHttpResult<JsonNode> Ok(JsonNode body, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(body, MaintainXSandboxGate.Json, statusCode: status);

    private static JsonHttpResult<JsonNode> One(string name, JsonNode body) => Ok(new JsonObject { [name] = body });

    private static MaintainXSandboxData Data(HttpContext http, MaintainXSandbox sandbox) =>
        sandbox.Data(MaintainXSandboxGate.Caller(http).OrganizationId);

    /// <summary>A record for a single-record endpoint: missing, or deleted where the get schema has no deletedAt, is a 404.</summary>
    private static T Visible<T>(T? row, bool showsDeleted)
        where T : MxRecord =>
        row is not null && (showsDeleted || row.DeletedAt is null) ? row : throw MxApiError.NotFound();

    /// <summary>Pages rows of one organisation, applying the time filters the endpoint supports.</summary>
    private static JsonHttpResult<JsonNode> List<T>(HttpContext http, MxListQuery query, IEnumerable<T> rows, string envelope, Func<T, JsonNode?> project)
        where T : MxRecord =>
        Ok(MxPaging.Page(http, query, rows.Where(query.InTimeWindow), envelope, r => r.Id, (r, a) => r.SortValue(a), project));

    /// <summary>Pages rows of every organisation the caller addressed (<c>x-organization-ids</c>).</summary>
    private static JsonHttpResult<JsonNode> ListAcross<T>(HttpContext http, MaintainXSandbox sandbox, MxListQuery query,
        Func<MaintainXSandboxData, IEnumerable<T>> rows, string envelope, Func<T, MaintainXSandboxData, JsonNode?> project)
        where T : MxRecord
    {
        var all = MaintainXSandboxGate.Caller(http).OrganizationIds
            .Select(sandbox.Data)
            .SelectMany(data => rows(data).Where(query.InTimeWindow).Select(row => (Row: row, Data: data)));
        return Ok(MxPaging.Page(http, query, all, envelope, r => r.Row.Id, (r, a) => r.Row.SortValue(a), r => project(r.Row, r.Data)));
    }

    private static IReadOnlySet<string> Expand(HttpRequest request, string[] allowed) =>
        MxListQuery.Parse(request, new MxListOptions(Expand: allowed)).Expand;
}
