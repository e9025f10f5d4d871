using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// A refusal in Maximo's error body: <c>{"Error":{"extendedError":{"moreInfo":{"href"}},"reasonCode","message","statusCode"}}</c>
/// with <c>statusCode</c> a string and the message starting with the reason code (docs and third-party stubs).
/// Only BMXAA8727E (record not found) is taken from a published response; the other codes are the
/// sandbox's own choice (README, "Known differences").
/// </summary>
internal sealed class MxmError(int status, string reasonCode, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string ReasonCode { get; } = reasonCode;

    public static MxmError NotFound(string os, string id) =>
        new(StatusCodes.Status404NotFound, "BMXAA8727E",
            $"The OSLC resource {os.ToUpperInvariant()} with the ID {id} was not found as it does not exist in the system. In the database, verify whether the resource for the ID exists.");

    public static MxmError UnknownStructure(string os) =>
        new(StatusCodes.Status404NotFound, "BMXAA8738E", $"The object structure {os.ToUpperInvariant()} does not exist or is not configured for OSLC.");

    public static MxmError NotLoggedIn() =>
        new(StatusCodes.Status401Unauthorized, "BMXAA7901E", "You cannot log in at this time. Contact the system administrator.");

    public static MxmError BadQuery(string message) => new(StatusCodes.Status400BadRequest, "BMXAA8747E", message);

    public static MxmError BadAttribute(string os, string attribute) =>
        new(StatusCodes.Status400BadRequest, "BMXAA8714E", $"The attribute {attribute} does not exist in the object structure {os.ToUpperInvariant()}.");

    public static MxmError Invalid(string message) => new(StatusCodes.Status400BadRequest, "BMXAA4134E", message);

    public static MxmError StablePageGone() =>
        new(StatusCodes.Status410Gone, "BMXAA8760E", "The stable paging result set has expired or was already read past this page. Query the collection again.");

    public IResult ToResult(HttpContext http) => Result(http, Status, ReasonCode, Message);

    public static IResult Result(HttpContext http, int status, string reasonCode, string message)
    {
        var request = http.Request;
        var body = new JsonObject
        {
            ["Error"] = new JsonObject
            {
                ["extendedError"] = new JsonObject
                {
                    ["moreInfo"] = new JsonObject { ["href"] = $"{request.Scheme}://{request.Host}{MaximoSandboxPaths.Root(http)}/oslc/error/messages/{reasonCode}" },
                },
                ["reasonCode"] = reasonCode,
                ["message"] = $"{reasonCode} - {message}",
                ["statusCode"] = status.ToString(CultureInfo.InvariantCulture),
            },
        };
        return TypedResults.Json(body, MxmJson.Options, statusCode: status);
    }
}
