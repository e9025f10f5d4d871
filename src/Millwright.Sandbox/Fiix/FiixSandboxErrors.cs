using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Fiix;

/// <summary>The <c>leg</c> of an error: where in the round trip it arose (fiix-cmms-api Error.java).</summary>
internal static class FxLeg
{
    public const string Receive = "SERVER_REQUEST_RECEIVE";
    public const string Unpack = "SERVER_REQUEST_UNPACK";
    public const string Process = "SERVER_REQUEST_PROCESS";
}

/// <summary>
/// A refusal, answered as Fiix answers every failure: HTTP 200 with
/// <c>{"_maCn":"&lt;X&gt;Response","error":{"leg","code","message","stackTrace","object"}}</c>. Only code 1100
/// (throttled, with <c>P_CLIENT_AUTO_RETRY_WAIT_ADVISORY_MS</c>) is published; the other codes are the
/// sandbox's own (README, "Assumptions").
/// </summary>
internal sealed class FxError(string leg, int code, string message, JsonObject? data = null) : Exception(message)
{
    public const int Throttled = 1100;
    public const int UnknownAppKey = 1300;
    public const int UnknownAccessKey = 1301;
    public const int BadSignature = 1302;
    public const int StaleTimestamp = 1303;
    public const int BadParameters = 1304;
    public const int MessageInvalid = 1200;
    public const int UnknownClass = 1201;
    public const int UnknownField = 1202;
    public const int BadQuery = 1203;
    public const int NotFound = 1204;
    public const int BadValue = 1205;
    public const int UnknownRpc = 1206;

    /// <summary>Published name of the advisory (fiix-cmms-api Error.java).</summary>
    public const string RetryAdvisory = "P_CLIENT_AUTO_RETRY_WAIT_ADVISORY_MS";

    public string Leg { get; } = leg;

    public int Code { get; } = code;

    public JsonObject? Details { get; } = data;

    public static FxError ThrottledFor(long waitMs) =>
        new(FxLeg.Receive, Throttled, "Too many requests for this API application; the client should retry after the advised wait.",
            new JsonObject { [RetryAdvisory] = waitMs });

    public static FxError BadMessage(string message) => new(FxLeg.Unpack, MessageInvalid, message);

    public static FxError Class(string? className) =>
        new(FxLeg.Process, UnknownClass, className is null ? "The request has no className." : $"Unknown className '{className}'.");

    public static FxError Field(string className, string field) =>
        new(FxLeg.Process, UnknownField, $"Unknown field '{field}' for class {className}.");

    public static FxError Query(string message) => new(FxLeg.Process, BadQuery, message);

    public static FxError Value(string message) => new(FxLeg.Process, BadValue, message);

    public JsonObject ToJson() => new()
    {
        ["leg"] = Leg,
        ["code"] = Code,
        ["message"] = Message,
        ["stackTrace"] = null,
        ["object"] = Details?.DeepClone(),
    };
}
