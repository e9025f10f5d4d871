using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Writes;

/// <summary>
/// Turns a failed write or passthrough call into its answer, with the same codes as syncs (docs/errors.md):
/// the system throttling → 429 <c>RATE_LIMIT_EXCEEDED</c> from <c>connected_system</c> with the system's wait, timeouts
/// 504, failures 502, rejected credentials <c>CONNECTION_REAUTH_REQUIRED</c>. A code always comes with the same status.
/// </summary>
internal static class WriteFailures
{
    private const int DefaultRetryAfterSeconds = 60;

    public static ApiException ToApiException(ConnectorFailure failure, string systemName)
    {
        // Without an upstream status, a settings problem or pacing was decided before asking the system.
        var source = failure.UpstreamStatus is null && failure.Category is FailureCategory.Config or FailureCategory.RateLimited
            ? ErrorSource.Platform
            : ErrorSource.ConnectedSystem;
        IReadOnlyList<ErrorDetail>? details = failure.VendorMessages is { Count: > 0 } messages
            ? [.. messages.Select(m => new ErrorDetail(ErrorSource.ConnectedSystem, m))]
            : null;
        var outcome = failure.OutcomeUnknown ? "unknown" : null;
        return failure.Category switch
        {
            FailureCategory.RateLimited => new ApiException(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded, failure.Message, source, details,
                failure.RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : DefaultRetryAfterSeconds),
            FailureCategory.AuthFailed => new ApiException(StatusCodes.Status409Conflict, ErrorCodes.ConnectionReauthRequired,
                $"{failure.Message} The connection needs new credentials (PUT /v1/connections/{{id}}/credentials).", ErrorSource.ConnectedSystem, details),
            FailureCategory.Config => new ApiException(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ValidationFailed, failure.Message, source,
                details ?? [new ErrorDetail("settings", failure.Message)]),
            _ => new ApiException(StatusOf(CodeOf(failure)), CodeOf(failure), failure.Message, source, details) { Outcome = outcome },
        };
    }

    private static string CodeOf(ConnectorFailure failure) =>
        StatusOf(failure.Code) == 0 ? failure.Category == FailureCategory.Transient ? ErrorCodes.UpstreamUnavailable : ErrorCodes.UpstreamRejected : failure.Code;

    private static int StatusOf(string code) => code switch
    {
        ErrorCodes.UpstreamTimeout => StatusCodes.Status504GatewayTimeout,
        ErrorCodes.UpstreamUnavailable or ErrorCodes.UpstreamInvalidResponse or ErrorCodes.UpstreamRejected => StatusCodes.Status502BadGateway,
        ErrorCodes.StatusTransitionNotAllowed or ErrorCodes.UpstreamConflict => StatusCodes.Status409Conflict,
        ErrorCodes.UpstreamValidationFailed or ErrorCodes.ValidationFailed => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.UpstreamNotFound => StatusCodes.Status404NotFound,
        ErrorCodes.OperationNotSupported => StatusCodes.Status405MethodNotAllowed,
        _ => 0,
    };
}
