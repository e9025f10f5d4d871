using Millwright.Client.Errors;

namespace Millwright.Server.Hosting.Errors;

/// <summary>
/// A refusal with a code, thrown where returning a result is awkward (parameter parsing, deep helpers).
/// <see cref="ErrorHandlingMiddleware"/> turns it into the error envelope; endpoints that can should
/// return <see cref="ApiErrors"/> results instead of throwing.
/// </summary>
public sealed class ApiException(
    int status,
    string code,
    string message,
    string source = Client.Errors.ErrorSource.Platform,
    IReadOnlyList<ErrorDetail>? details = null,
    int? retryAfterSeconds = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string ErrorSource { get; } = source;

    public IReadOnlyList<ErrorDetail>? Details { get; } = details;

    public int? RetryAfterSeconds { get; } = retryAfterSeconds;

    /// <summary><c>unknown</c> when a write may have reached the connected system (see <see cref="Client.Errors.ApiError.Outcome"/>).</summary>
    public string? Outcome { get; init; }

    public static ApiException BadQuery(string parameter, string message) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidQueryParameter, message, details: [new ErrorDetail(parameter, message)]);

    public static ApiException Validation(string field, string message) =>
        new(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ValidationFailed, message, details: [new ErrorDetail(field, message)]);

    public static ApiException NotFound(string what) =>
        new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"{what} was not found.");
}
