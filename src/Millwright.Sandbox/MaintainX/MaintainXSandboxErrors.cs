using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.MaintainX;

/// <summary>A refusal in MaintainX's single-error shape: <c>{"error": "…"}</c> with a status.</summary>
internal sealed class MxApiError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static MxApiError BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static MxApiError NotFound() => new(StatusCodes.Status404NotFound, "Not Found.");
}

/// <summary>
/// A rejected write body in MaintainX's validation shape:
/// <c>{"errors": [{"error": "…", "fieldPath": "…", "fieldValue": …}]}</c> with 400.
/// </summary>
internal sealed class MxValidationError(string message, string? fieldPath = null, JsonNode? fieldValue = null) : Exception(message)
{
    public IResult ToResult()
    {
        var error = new JsonObject { ["error"] = Message };
        if (fieldPath is not null)
        {
            error["fieldPath"] = fieldPath;
            error["fieldValue"] = fieldValue?.DeepClone();
        }

        return TypedResults.Json(new JsonObject { ["errors"] = new JsonArray(error) }, MaintainXSandboxGate.Json,
            statusCode: StatusCodes.Status400BadRequest);
    }
}
