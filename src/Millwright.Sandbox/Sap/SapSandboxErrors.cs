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

    /// <summary>Marks a request to a V4 service (in <see cref="HttpContext.Items"/>): its refusals take the OData V4 error shape.</summary>
    public const string V4Marker = "sap.odata.v4";

    /// <summary>SAP's error body for <paramref name="status"/>: the V2 Gateway shape, or the V4 shape when the request went to a V4 service.</summary>
    public static IResult Result(int status, string code, string message, DateTimeOffset now) => new ErrorResult(status, code, message, now);

    private sealed class ErrorResult(int status, string code, string message, DateTimeOffset now) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var body = httpContext.Items.ContainsKey(V4Marker) ? V4(code, message, now) : V2(code, message, now);
            if (httpContext.Items.ContainsKey(V4Marker))
            {
                httpContext.Response.Headers["OData-Version"] = "4.0";
            }

            return TypedResults.Json(body, SapSandboxJson.Options, "application/json; charset=utf-8", status).ExecuteAsync(httpContext);
        }
    }

    private static JsonObject V2(string code, string message, DateTimeOffset now)
    {
        var transaction = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        return new JsonObject
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
                    ["Error_Resolution"] = Resolution(),
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
    }

    /// <summary>
    /// The OData V4 error of SAP's RAP services (SOURCE.md, "V4 specifics"): <c>{"error":{"code","message","target","details":[…],"innererror"}}</c>,
    /// the message a plain string, SAP's extras as <c>@SAP__common.*</c> instance annotations in <c>innererror.ErrorDetails</c>.
    /// </summary>
    private static JsonObject V4(string code, string message, DateTimeOffset now) => new()
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["target"] = "",
            ["details"] = new JsonArray(),
            ["innererror"] = new JsonObject
            {
                ["ErrorDetails"] = new JsonObject
                {
                    ["@SAP__common.Application"] = new JsonObject { ["ComponentId"] = "PM-EQM-SF-MPC", ["ServiceRepository"] = "SRVD_A2X", ["ServiceVersion"] = "0001" },
                    ["@SAP__common.TransactionId"] = Convert.ToHexString(Guid.NewGuid().ToByteArray()),
                    ["@SAP__common.Timestamp"] = now.UtcDateTime.ToString("yyyyMMddHHmmss.fffffff", CultureInfo.InvariantCulture),
                    ["@SAP__common.ErrorResolution"] = Resolution(),
                },
            },
        },
    };

    private static JsonObject Resolution() => new()
    {
        ["SAP_Transaction"] = "For backend administrators: use ADT feed reader \"SAP Gateway Error Log\" or run transaction /IWFND/ERROR_LOG on SAP Gateway hub system and search for entries with the timestamp above for more details",
        ["SAP_Note"] = "See SAP Note 1797736 for error analysis (https://service.sap.com/sap/support/notes/1797736)",
    };
}
