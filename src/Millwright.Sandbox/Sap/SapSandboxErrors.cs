using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// A refusal in SAP Gateway's OData V2 error shape:
/// <c>{"error":{"code":"…","message":{"lang":"en","value":"…"},"innererror":{"transactionid","timestamp","Error_Resolution","errordetails":[…]}}}</c>.
/// Codes are the T100 message ids or exception classes Gateway reports for the same situation (README lists them).
/// </summary>
internal sealed class SapODataError(int status, string code, string message) : Exception(message)
{
    /// <summary>Gateway's runtime message for an unknown resource segment (404).</summary>
    public const string ResourceNotFound = "/IWBEP/CM_MGW_RT/020";

    /// <summary>The generic OData library's class for a malformed system query option or expression.</summary>
    public const string SyntaxError = "/IWCOR/CX_DS_EXPR_SYNTAX_ERROR";

    /// <summary>A business refusal raised by the application (wrong status, unknown key…).</summary>
    public const string BusinessError = "/IWBEP/CX_MGW_BUSI_EXCEPTION";

    /// <summary>A technical refusal (bad body, method not allowed, missing precondition).</summary>
    public const string TechnicalError = "/IWBEP/CX_MGW_TECH_EXCEPTION";

    public int Status { get; } = status;

    public string Code { get; } = code;

    public static SapODataError BadRequest(string message, string code = SyntaxError) => new(StatusCodes.Status400BadRequest, code, message);

    public static SapODataError NotFound(string segment) =>
        new(StatusCodes.Status404NotFound, ResourceNotFound, $"Resource not found for segment '{segment}'");

    public IResult ToResult(DateTimeOffset now) => Result(Status, Code, Message, now);

    public static IResult Result(int status, string code, string message, DateTimeOffset now)
    {
        var transaction = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = new JsonObject { ["lang"] = "en", ["value"] = message },
                ["innererror"] = new JsonObject
                {
                    ["application"] = new JsonObject { ["component_id"] = "PM", ["service_namespace"] = "/SAP/", ["service_version"] = "0001" },
                    ["transactionid"] = transaction,
                    ["timestamp"] = now.UtcDateTime.ToString("yyyyMMddHHmmss.fffffff", CultureInfo.InvariantCulture),
                    ["Error_Resolution"] = new JsonObject
                    {
                        ["SAP_Transaction"] = "For backend administrators: use ADT feed reader \"SAP Gateway Error Log\" or run transaction /IWFND/ERROR_LOG on SAP Gateway hub system and search for entries with the timestamp above for more details",
                        ["SAP_Note"] = "See SAP Note 1797736 for error analysis (https://service.sap.com/sap/support/notes/1797736)",
                    },
                    ["errordetails"] = new JsonArray(new JsonObject
                    {
                        ["code"] = code,
                        ["message"] = message,
                        ["propertyref"] = "",
                        ["severity"] = "error",
                        ["target"] = "",
                    }),
                },
            },
        };
        return TypedResults.Json(body, SapSandboxJson.Options, "application/json; charset=utf-8", status);
    }
}
