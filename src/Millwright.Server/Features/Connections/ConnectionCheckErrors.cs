using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Connections;

/// <summary>
/// Turns a failed credential check into the answer of the create call, with the statuses of
/// docs/errors.md: rejected credentials are 400 <c>CONNECTION_CREDENTIALS_INVALID</c> (<c>source:
/// connected_system</c>, since the system said no); settings the system cannot work with are 422 like any
/// other unacceptable value; failures of the system are 502/504, and its throttling is 503 with its own
/// wait time (429 stays reserved for Millwright's own limits).
/// </summary>
internal static class ConnectionCheckErrors
{
    private const int DefaultRetryAfterSeconds = 60;

    public static ApiException ToApiException(ConnectorFailure failure)
    {
        // Config failures without an upstream status were refused before leaving Millwright (for example
        // the SSRF guard on a private address): those are the platform's refusal, not the system's.
        var source = failure.Category == FailureCategory.Config && failure.UpstreamStatus is null
            ? ErrorSource.Platform
            : ErrorSource.ConnectedSystem;
        return failure.Category switch
        {
            FailureCategory.AuthFailed => new(StatusCodes.Status400BadRequest,
                CodeOr(failure, ErrorCodes.ConnectionCredentialsInvalid), failure.Message, source,
                [new ErrorDetail("credentials", failure.Message)]),
            FailureCategory.Config => new(StatusCodes.Status422UnprocessableEntity,
                CodeOr(failure, ErrorCodes.ValidationFailed), failure.Message, source,
                [new ErrorDetail("settings", failure.Message)]),
            FailureCategory.RateLimited => new(StatusCodes.Status503ServiceUnavailable,
                CodeOr(failure, ErrorCodes.UpstreamRateLimited), failure.Message, source,
                retryAfterSeconds: failure.RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : DefaultRetryAfterSeconds),
            FailureCategory.Transient when failure.Code == ErrorCodes.UpstreamTimeout => new(StatusCodes.Status504GatewayTimeout,
                failure.Code, failure.Message, source),
            FailureCategory.Transient => new(StatusCodes.Status502BadGateway,
                CodeOr(failure, ErrorCodes.UpstreamUnavailable), failure.Message, source),
            _ => new(StatusCodes.Status502BadGateway,
                CodeOr(failure, ErrorCodes.UpstreamInvalidResponse), failure.Message, source),
        };
    }

    public static ApiException Timeout(string systemName) => new(StatusCodes.Status504GatewayTimeout, ErrorCodes.UpstreamTimeout,
        $"{systemName} did not answer the credential check in time.", ErrorSource.ConnectedSystem);

    private static string CodeOr(ConnectorFailure failure, string fallback) =>
        string.IsNullOrWhiteSpace(failure.Code) ? fallback : failure.Code;
}
