using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// <c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c> (19.0 and later): <c>Authorization: bearer &lt;api key&gt;</c>,
/// an optional <c>X-Odoo-Database</c>, a JSON object of named parameters plus <c>ids</c> and <c>context</c>,
/// the bare return value as the body, and errors with real status codes and
/// <c>{name, message, arguments, context, debug}</c> (SOURCE.md). Below 19.0 the path is a 404, as there.
/// </summary>
internal static class OdooSandboxJson2
{
    public static async Task<IResult> HandleAsync(HttpContext http, OdooSandbox sandbox, string model, string method)
    {
        if (sandbox.Settings.MajorVersion < 19)
        {
            return OdooSandboxGate.NotFound(http);
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        var key = authorization.StartsWith("bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : "";
        if (await OdooSandboxGate.BeforeAsync(http, sandbox, key.Length > 0 ? key : "anonymous") is { } refused)
        {
            return refused;
        }

        var database = http.Request.Headers["X-Odoo-Database"].ToString();
        if (database.Length > 0 && !string.Equals(database, sandbox.Database.Name, StringComparison.Ordinal))
        {
            return Error(sandbox, new OdooFault("werkzeug.exceptions.NotFound", $"Database {database} not found.", StatusCodes.Status404NotFound), method);
        }

        if (sandbox.UserOfKey(key) is not { } uid)
        {
            return Error(sandbox, new OdooFault("werkzeug.exceptions.Unauthorized", "Invalid apikey", StatusCodes.Status401Unauthorized), method);
        }

        JsonNode? body;
        try
        {
            body = await OdooSandboxGate.ReadBodyAsync(http);
        }
        catch (JsonException)
        {
            return Error(sandbox, new OdooFault("werkzeug.exceptions.BadRequest", "Invalid JSON data", StatusCodes.Status400BadRequest), method);
        }

        if (body is not null and not JsonObject)
        {
            return Error(sandbox, new OdooFault("werkzeug.exceptions.BadRequest", "The body must be a JSON object of named arguments.", StatusCodes.Status400BadRequest), method);
        }

        var named = body as JsonObject ?? [];
        if (!OdooOrm.Exists(method) && !method.StartsWith('_'))
        {
            return Error(sandbox, new OdooFault("werkzeug.exceptions.NotFound", $"The method '{method}' does not exist on the model '{model}'.", StatusCodes.Status404NotFound), method);
        }

        try
        {
            return OdooSandboxGate.Answer(sandbox, OdooSandboxRpc.Execute(sandbox, uid, model, method, [], named));
        }
        catch (OdooFault fault)
        {
            // The model itself missing is a 404 on JSON-2 (the URL names it), not a user error.
            return fault.Message == $"Object {model} doesn't exist"
                ? Error(sandbox, new OdooFault("werkzeug.exceptions.NotFound", $"The model '{model}' does not exist.", StatusCodes.Status404NotFound), method)
                : Error(sandbox, fault, method);
        }
    }

    private static IResult Error(OdooSandbox sandbox, OdooFault fault, string method)
    {
        var data = fault.Body(method);
        return OdooSandboxGate.Answer(sandbox, data, fault.Json2Status);
    }
}
