using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// The emulated endpoints under <c>{root}/oslc</c> or <c>{root}/api</c>. Handlers read the raw request, so
/// every refusal carries Maximo's error body rather than the host's binding errors. <c>/api</c> answers
/// lean JSON by default; <c>/oslc</c> only with <c>lean=1</c>.
/// </summary>
internal static partial class MaximoSandboxApi
{
    public static void Map(RouteGroupBuilder api, MaximoSandbox sandbox, string root, string flavour)
    {
        var leanByDefault = flavour == "api";
        api.MapGet("/os/{os}", (HttpContext http, string os) =>
        {
            var (name, structure) = Structure(os);
            var query = MxmQuery.Parse(http.Request, structure, leanByDefault);
            var view = View(http, sandbox, root, flavour, query.DropNulls, query.ChildWhere);
            var page = MxmPaging.Page(http, sandbox, view, name, structure, query);
            return Json(query.Lean ? page : MxmView.Namespaced(page)!);
        });
        api.MapGet("/os/{os}/{id}", (HttpContext http, string os, string id) =>
        {
            var (name, structure) = Structure(os);
            var query = MxmQuery.Parse(http.Request, structure, leanByDefault);
            var record = Find(sandbox, name, structure, id);
            var selection = http.Request.Query.ContainsKey("oslc.select") ? query.Selection : MxmSelection.Everything;
            var body = View(http, sandbox, root, flavour, query.DropNulls, query.ChildWhere).Render(name, structure, record, selection);
            return Json(query.Lean ? body : MxmView.Namespaced(body)!);
        });
        api.MapPost("/os/{os}", (HttpContext http, string os) => CreateAsync(http, sandbox, root, flavour, os));
        api.MapPost("/os/{os}/{id}", (HttpContext http, string os, string id) => ChangeAsync(http, sandbox, root, flavour, os, id));
        api.MapDelete("/os/{os}/{id}", (HttpContext http, string os, string id) => Delete(sandbox, os, id));
        api.MapGet("/whoami", () => Json(new JsonObject
        {
            ["personid"] = MaximoSandboxSettings.DemoUser,
            ["loginID"] = MaximoSandboxSettings.DemoUser.ToLowerInvariant(),
            ["displayName"] = "Integration Administrator",
            ["insertOrg"] = MaximoSandboxSettings.OrganizationId,
            ["insertSite"] = MaximoSandboxSeed.Sites[0].Id,
            ["defaultOrg"] = MaximoSandboxSettings.OrganizationId,
            ["defaultSite"] = MaximoSandboxSeed.Sites[0].Id,
            ["langcode"] = "EN",
            ["baseCurrency"] = "USD",
        }));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.JsonHttpResult<JsonNode> Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(body, MxmJson.Options, statusCode: status);

    private static (string Name, MxmObjectStructure Structure) Structure(string os) =>
        MxmStructures.Find(os) is { } structure ? (os.ToLowerInvariant(), structure) : throw MxmError.UnknownStructure(os);

    private static MxmView View(HttpContext http, MaximoSandbox sandbox, string root, string flavour, bool dropNulls,
        IReadOnlyDictionary<string, Func<JsonObject, bool>>? childWhere = null) =>
        new(sandbox.Data, $"{http.Request.Scheme}://{http.Request.Host}{root}/{flavour}/os/", dropNulls, childWhere);

    private static JsonObject Find(MaximoSandbox sandbox, string name, MxmObjectStructure structure, string id) =>
        MxmJson.KeyOf(id) is { } key && sandbox.Data.Table(structure).Find(key) is { } record
            ? record
            : throw MxmError.NotFound(name, id);

    private static Microsoft.AspNetCore.Http.HttpResults.NoContent Delete(MaximoSandbox sandbox, string os, string id)
    {
        var (name, structure) = Structure(os);
        var record = Find(sandbox, name, structure, id);
        sandbox.Data.Table(structure).Remove(MxmJson.KeyOf(structure, record));
        return TypedResults.NoContent();
    }
}
