using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// A Python exception raised by the emulated server. Legacy RPC answers it with HTTP 200 and a JSON-RPC
/// <c>error</c> (<c>code</c> 200, <c>message</c> "Odoo Server Error", <c>data</c> naming the exception);
/// JSON-2 with a real status code and the bare <c>{name, message, arguments, context, debug}</c> (SOURCE.md).
/// The message texts are the sandbox's own (SOURCE.md: "the text of server error messages" is unpublished)
/// and follow Odoo's wording where it is widely quoted.
/// </summary>
internal sealed class OdooFault(string name, string message, int json2Status) : Exception(message)
{
    /// <summary>The exception's qualified Python name, e.g. <c>odoo.exceptions.AccessError</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The status JSON-2 answers with (README: AccessDenied 401, AccessError 403, MissingError 404, user errors 422).</summary>
    public int Json2Status { get; } = json2Status;

    public static OdooFault AccessDenied(string message = "Access Denied") => new("odoo.exceptions.AccessDenied", message, 401);

    public static OdooFault AccessError(string message) => new("odoo.exceptions.AccessError", message, 403);

    public static OdooFault UserError(string message) => new("odoo.exceptions.UserError", message, 422);

    public static OdooFault ValidationError(string message) => new("odoo.exceptions.ValidationError", message, 422);

    public static OdooFault MissingError(string model, IEnumerable<int> ids, int uid) =>
        new("odoo.exceptions.MissingError",
            $"Record does not exist or has been deleted.\n(Record: {model}({string.Join(", ", ids)},), User: {uid})", 404);

    public static OdooFault ValueError(string message) => new("builtins.ValueError", message, 422);

    public static OdooFault TypeError(string message) => new("builtins.TypeError", message, 422);

    public static OdooFault KeyError(string message) => new("builtins.KeyError", message, 404);

    public static OdooFault Generic(string message) => new("builtins.Exception", message, 500);

    /// <summary>What a connection to a database that does not exist fails with (PostgreSQL, through psycopg2).</summary>
    public static OdooFault NoDatabase(string database) =>
        new("psycopg2.OperationalError",
            $"connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: FATAL:  database \"{database}\" does not exist\n", 404);

    /// <summary>Odoo's AccessError text for a model the user's groups may not read or write.</summary>
    public static OdooFault NoModelAccess(OdooModel model, string operation, string group) =>
        AccessError($"You are not allowed to {operation} '{model.Description}' ({model.Name}) records.\n\n"
            + $"This operation is allowed for the following groups:\n\t- {group}\n\nContact your administrator to request access if necessary.");

    /// <summary>The <c>data</c> object: AccessDenied carries no traceback, as Odoo hides it from callers.</summary>
    public JsonObject Body(string method) => new()
    {
        ["name"] = Name,
        ["message"] = Message,
        ["arguments"] = new JsonArray(Message),
        ["context"] = new JsonObject(),
        ["debug"] = Name == "odoo.exceptions.AccessDenied" ? "" : $"Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/odoo/http.py\", line 2150, in _serve_db\n    return service_model.retrying(self._serve_ir_http, self.env)\n  File \"/usr/lib/python3/dist-packages/odoo/service/model.py\", line 156, in retrying\n    result = func()\n  ({method})\n{Name}: {Message}\n",
    };
}
