using System.Text.Json.Serialization;

namespace Millwright.Client.Errors;

/// <summary>Body of every non-2xx response.</summary>
public sealed record ErrorEnvelope(ApiError Error);

/// <summary>An error: program against its <c>code</c>, never against its <c>message</c>.</summary>
public sealed record ApiError
{
    /// <summary>UPPER_SNAKE code from the catalogue in docs/errors.md.</summary>
    public required string Code { get; init; }
    /// <summary>Human-readable explanation.</summary>
    public required string Message { get; init; }
    /// <summary>Id of the request; finds the request log.</summary>
    public required string RequestId { get; init; }
    /// <summary><c>platform</c> when Millwright failed or refused, <c>connected_system</c> when the vendor system did.</summary>
    public required string Source { get; init; }
    /// <summary>Seconds to wait before retrying, when known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RetryAfter { get; init; }
    /// <summary>Field-level details (validation errors).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ErrorDetail>? Details { get; init; }
    /// <summary>Writes only: <c>unknown</c> when the request may have reached the connected system (a timeout after sending),
    /// so the record may or may not have been written; check before retrying without an idempotency key.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Outcome { get; init; }
}

/// <summary>One problem with one part of the request.</summary>
/// <param name="Field">Where: a query parameter, JSON pointer or header name.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ErrorDetail(string Field, string Message)
{
    /// <summary>0-based offset of the offending part within the value of <c>field</c> (a field-mapping expression), when known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Position { get; init; }
}

/// <summary>Values of <see cref="ApiError.Source"/>.</summary>
public static class ErrorSource
{
    /// <summary>Millwright failed or refused the request.</summary>
    public const string Platform = "platform";
    /// <summary>The connected vendor system failed.</summary>
    public const string ConnectedSystem = "connected_system";
}
