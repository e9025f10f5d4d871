using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// <c>POST /jsonrpc</c>: JSON-RPC 2.0 with <c>params.service</c>, <c>params.method</c> and
/// <c>params.args</c>. Services <c>common</c> (<c>version</c>, <c>login</c>, <c>authenticate</c>),
/// <c>db</c> (<c>list</c>, <c>server_version</c>) and <c>object</c> (<c>execute_kw</c>, <c>execute</c>).
/// No session: every object call carries db, uid and password or API key. Every error is HTTP 200 with
/// a JSON-RPC <c>error</c> naming the Python exception (SOURCE.md).
/// </summary>
internal static class OdooSandboxRpc
{
    public static async Task<IResult> HandleAsync(HttpContext http, OdooSandbox sandbox)
    {
        JsonNode? request;
        try
        {
            request = await OdooSandboxGate.ReadBodyAsync(http);
        }
        catch (JsonException)
        {
            return OdooSandboxGate.Html(StatusCodes.Status400BadRequest, "Bad Request", "Invalid JSON data");
        }

        var id = request?["id"]?.DeepClone();
        var parameters = request?["params"] as JsonObject;
        var caller = (parameters?["args"] as JsonArray)?.ElementAtOrDefault(2)?.ToString() ?? http.Connection.RemoteIpAddress?.ToString() ?? "anonymous";
        if (await OdooSandboxGate.BeforeAsync(http, sandbox, caller) is { } refused)
        {
            return refused;
        }

        if (request is not JsonObject || parameters is null)
        {
            return Error(sandbox, id, OdooFault.Generic("Invalid JSON-RPC request: expected {\"jsonrpc\": \"2.0\", \"method\": \"call\", \"params\": {...}}"), "dispatch");
        }

        var service = (string?)parameters["service"];
        var method = (string?)parameters["method"];
        var args = parameters["args"] as JsonArray ?? [];
        try
        {
            var result = service switch
            {
                "common" => Common(sandbox, method, args),
                "db" => Db(sandbox, method),
                "object" => Object(sandbox, method, args),
                _ => throw OdooFault.KeyError($"'{service}'"),
            };
            return OdooSandboxGate.Answer(sandbox, new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["result"] = result });
        }
        catch (OdooFault fault)
        {
            return Error(sandbox, id, fault, $"{service}.{method}");
        }
    }

    private static IResult Error(OdooSandbox sandbox, JsonNode? id, OdooFault fault, string where) =>
        OdooSandboxGate.Answer(sandbox, new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id,
            ["error"] = new JsonObject { ["code"] = 200, ["message"] = "Odoo Server Error", ["data"] = fault.Body(where) },
        });

    public static JsonObject Version(OdooSandboxSettings settings)
    {
        var version = settings.ServerVersion;
        var numbers = version.Replace("saas~", "", StringComparison.Ordinal).Split('.');
        var minor = numbers.Length > 1 && int.TryParse(numbers[1], System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : 0;
        return new JsonObject
        {
            ["server_version"] = version,
            ["server_version_info"] = new JsonArray(settings.MajorVersion, minor, 0, "final", 0, ""),
            ["server_serie"] = version,
            ["protocol_version"] = 1,
        };
    }

    private static JsonNode? Common(OdooSandbox sandbox, string? method, JsonArray args)
    {
        switch (method)
        {
            case "version":
                return Version(sandbox.Settings);
            case "login" or "authenticate":
                if (args.Count < (method == "login" ? 3 : 4))
                {
                    throw OdooFault.TypeError($"exp_{method}() missing required positional arguments");
                }

                Database(sandbox, args[0]);
                return sandbox.Authenticate(Text(args[1]), Text(args[2])) is { } uid ? JsonValue.Create(uid) : JsonValue.Create(false);
            default:
                throw OdooFault.Generic($"Method not found: {method}");
        }
    }

    private static JsonNode Db(OdooSandbox sandbox, string? method) => method switch
    {
        "list" => new JsonArray(sandbox.Database.Name),
        "server_version" => JsonValue.Create(sandbox.Settings.ServerVersion),
        _ => throw OdooFault.Generic($"Method not found: {method}"),
    };

    /// <summary><c>execute_kw(db, uid, password, model, method, args, kwargs)</c> and <c>execute(db, uid, password, model, method, *args)</c>.</summary>
    private static JsonNode? Object(OdooSandbox sandbox, string? method, JsonArray args)
    {
        if (method is not ("execute_kw" or "execute"))
        {
            throw OdooFault.Generic($"Method not found: {method}");
        }

        if (args.Count < 5)
        {
            throw OdooFault.TypeError($"execute_kw() missing required positional arguments (db, uid, password, model, method)");
        }

        Database(sandbox, args[0]);
        var uid = args[1] is JsonValue u && u.GetValueKind() == JsonValueKind.Number && u.TryGetValue<int>(out var n) ? n : 0;
        if (uid == 0 || !sandbox.Accepts(uid, Text(args[2])))
        {
            throw OdooFault.AccessDenied();
        }

        var model = Text(args[3]);
        var name = Text(args[4]);
        var positional = method == "execute_kw" ? args.ElementAtOrDefault(5) as JsonArray ?? [] : new JsonArray([.. args.Skip(5).Select(a => a?.DeepClone())]);
        var kwargs = method == "execute_kw" ? args.ElementAtOrDefault(6) as JsonObject ?? [] : [];
        return Execute(sandbox, uid, model, name, positional, kwargs);
    }

    /// <summary>One ORM call for both protocols: private and unknown methods refused, <c>context</c> split off, arguments bound.</summary>
    public static JsonNode? Execute(OdooSandbox sandbox, int uid, string model, string method, JsonArray positional, JsonObject named)
    {
        if (method.StartsWith('_'))
        {
            throw OdooFault.AccessError($"Private methods (such as '{model}.{method}') cannot be called remotely.");
        }

        var context = named["context"] as JsonObject ?? [];
        var kwargs = new JsonObject();
        foreach (var (key, value) in named)
        {
            if (key != "context")
            {
                kwargs[key] = value?.DeepClone();
            }
        }

        return sandbox.Transaction(uid, context.DeepClone().AsObject(), env =>
        {
            if (env.Db.Model(model) is null)
            {
                throw OdooFault.UserError($"Object {model} doesn't exist");
            }

            if (!OdooOrm.Exists(method))
            {
                throw new OdooFault("builtins.AttributeError", $"The method '{model}.{method}' does not exist", (int)HttpStatusCode.NotFound);
            }

            return OdooOrm.Call(env, sandbox.Rights(uid), model, method, OdooOrm.Bind(method, positional, kwargs));
        });
    }

    private static void Database(OdooSandbox sandbox, JsonNode? name)
    {
        var database = Text(name);
        if (!string.Equals(database, sandbox.Database.Name, StringComparison.Ordinal))
        {
            throw OdooFault.NoDatabase(database);
        }
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? (string)v! : node?.ToJsonString() ?? "";
}
