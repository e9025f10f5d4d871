using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// Writes as Maximo takes them: <c>POST /os/&lt;os&gt;</c> creates (201 + <c>Location</c>);
/// <c>POST /os/&lt;os&gt;/&lt;id&gt;</c> with <c>x-method-override: PATCH</c> updates (204), with
/// <c>patchtype: MERGE</c> adding child rows instead of replacing the arrays; <c>x-method-override: DELETE</c>
/// deletes. A <c>properties</c> header (<c>*</c> or a select list) returns the record (200/201);
/// <c>If-Match</c> must equal the record's <c>_rowstamp</c> (412 otherwise).
/// </summary>
internal static partial class MaximoSandboxApi
{
    private static async Task<IResult> CreateAsync(HttpContext http, MaximoSandbox sandbox, string root, string flavour, string os)
    {
        var (name, structure) = Structure(os);
        var body = await BodyAsync(http);
        var data = sandbox.Data;
        var now = MxmJson.Ts(sandbox.Now());
        var record = new JsonObject();
        MxmWriteRules.Apply(structure, record, body, creating: true, merge: false);
        MxmWriteRules.Complete(structure, record, data, now);
        if (!data.Table(structure).TryAdd(record))
        {
            throw MxmError.Invalid($"The record {MxmJson.KeyOf(structure, record)} already exists in {structure.MainObject}.");
        }

        var view = View(http, sandbox, root, flavour, dropNulls: true);
        http.Response.Headers.Location = view.Href(name, structure, record);
        return Answer(http, view, name, structure, record, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, MaximoSandbox sandbox, string root, string flavour, string os, string id)
    {
        var (name, structure) = Structure(os);
        var method = http.Request.Headers["x-method-override"].ToString().ToUpperInvariant();
        if (method == "DELETE")
        {
            return Delete(sandbox, os, id);
        }

        if (method != "PATCH")
        {
            throw MxmError.BadQuery("A POST to a resource must send x-method-override: PATCH (update) or DELETE.");
        }

        var current = Find(sandbox, name, structure, id);
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim('"');
        if (ifMatch.Length > 0 && ifMatch != MxmJson.Text(current["_rowstamp"]))
        {
            throw new MxmError(StatusCodes.Status412PreconditionFailed, "BMXAA8733E", "The record was changed by another user after you read it. Read it again.");
        }

        var body = await BodyAsync(http);
        var action = http.Request.Query["action"].ToString();
        if (action.Length > 0)
        {
            if (!string.Equals(action, "wsmethod:changeStatus", StringComparison.OrdinalIgnoreCase) || !structure.Domains.ContainsKey("status"))
            {
                throw MxmError.BadQuery($"The action {action} is not available for the object structure {structure.Name.ToUpperInvariant()}.");
            }

            // changeStatus takes {status, date?, memo?}; only the status is a record attribute.
            if (MxmJson.Text(body["status"]) is not { } wanted)
            {
                throw MxmError.Invalid("The changeStatus method needs the parameter STATUS.");
            }

            body = new JsonObject { ["status"] = wanted };
        }

        var merge = string.Equals(http.Request.Headers["patchtype"].ToString(), "MERGE", StringComparison.OrdinalIgnoreCase);
        var data = sandbox.Data;
        var now = MxmJson.Ts(sandbox.Now());
        var updated = data.Table(structure).Update(MxmJson.KeyOf(structure, current), row =>
        {
            var copy = row.DeepClone().AsObject();
            var status = MxmJson.Text(copy["status"]);
            MxmWriteRules.Apply(structure, copy, body, creating: false, merge);
            MxmMeterReadings.Record(structure, copy, data, now);
            if (MxmJson.Text(copy["status"]) is { } changed && changed != status && MxmStatus.Refusal(structure, status, changed) is { } refusal)
            {
                throw new MxmError(StatusCodes.Status400BadRequest, MxmStatus.NotAllowedReason, refusal);
            }

            if (structure.Attributes.ContainsKey("statusdate") && MxmJson.Text(copy["status"]) != status)
            {
                copy["statusdate"] = now;
            }

            MxmWriteRules.Touch(structure, copy, data, now);
            return copy;
        }) ?? throw MxmError.NotFound(name, id);

        var view = View(http, sandbox, root, flavour, dropNulls: true);
        return Answer(http, view, name, structure, updated, StatusCodes.Status200OK);
    }

    private static IResult Answer(HttpContext http, MxmView view, string name, MxmObjectStructure structure, JsonObject record, int status)
    {
        var properties = http.Request.Headers["properties"].ToString();
        if (properties.Length == 0)
        {
            return status == StatusCodes.Status201Created ? TypedResults.StatusCode(status) : TypedResults.NoContent();
        }

        var selection = properties.Trim() == "*" ? MxmSelection.Everything : MxmSelection.Parse(properties, structure);
        return Json(view.Render(name, structure, record, selection), status);
    }

    private static async Task<JsonObject> BodyAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject
                ?? throw MxmError.Invalid("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw MxmError.Invalid($"The request body is not valid JSON: {e.Message}");
        }
    }
}
