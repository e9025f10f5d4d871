using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Connections;

/// <summary>
/// Turns a failed credential check into the answer of the create call. The connector picks the code; the
/// status is the one docs/errors.md gives that code, so a code always comes with the same status:
/// rejected credentials 400, settings the system cannot work with 422, the system failing or unreachable
/// 502, too slow 504, throttling 503 with its wait time (429 stays reserved for Millwright's own limits).
/// Codes outside the catalogue fall back to the failure's category.
/// </summary>
internal static class ConnectionCheckErrors
{
    private const int DefaultRetryAfterSeconds = 60;

    /// <summary>How long a credential check may take before the call gives up with 504.</summary>
    internal static readonly TimeSpan CheckBudget = TimeSpan.FromSeconds(30);

    /// <summary>Checks settings and credentials against the system within <see cref="CheckBudget"/> (create and re-authentication).</summary>
    public static async Task<ConnectorResult<ConnectionCheck>> CheckAsync(
        IConnector connector, ConnectionContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        using var budget = new CancellationTokenSource(CheckBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            return await connector.CheckAsync(context, linked.Token);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Timeout(connector.Descriptor.Name);
        }
    }

    public static ApiException ToApiException(ConnectorFailure failure)
    {
        var code = string.IsNullOrWhiteSpace(failure.Code) ? DefaultCode(failure.Category) : failure.Code;
        // Without an upstream status, a settings problem or pacing was decided before or instead of asking
        // the system (blocked private address, unknown host, Millwright's own rate gate): the platform's call.
        var source = failure.UpstreamStatus is null && failure.Category is FailureCategory.Config or FailureCategory.RateLimited
            ? ErrorSource.Platform
            : ErrorSource.ConnectedSystem;
        IReadOnlyList<ErrorDetail>? details = failure.Category switch
        {
            FailureCategory.AuthFailed => [new ErrorDetail("credentials", failure.Message)],
            FailureCategory.Config => [new ErrorDetail("settings", failure.Message)],
            _ => null,
        };
        int? retryAfter = failure.Category == FailureCategory.RateLimited
            ? failure.RetryAfter is { } wait ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : DefaultRetryAfterSeconds
            : null;
        return new ApiException(StatusOf(code, failure.Category), code, failure.Message, source, details, retryAfter);
    }

    public static ApiException Timeout(string systemName) => new(StatusCodes.Status504GatewayTimeout, ErrorCodes.UpstreamTimeout,
        $"{systemName} did not answer the credential check in time.", ErrorSource.ConnectedSystem);

    private static int StatusOf(string code, FailureCategory category) => code switch
    {
        ErrorCodes.ConnectionCredentialsInvalid => StatusCodes.Status400BadRequest,
        ErrorCodes.ValidationFailed => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.UpstreamRateLimited => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.UpstreamTimeout => StatusCodes.Status504GatewayTimeout,
        ErrorCodes.UpstreamUnavailable or ErrorCodes.UpstreamInvalidResponse or ErrorCodes.UpstreamRejected => StatusCodes.Status502BadGateway,
        _ => category switch
        {
            FailureCategory.AuthFailed => StatusCodes.Status400BadRequest,
            FailureCategory.Config => StatusCodes.Status422UnprocessableEntity,
            FailureCategory.RateLimited => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status502BadGateway,
        },
    };

    private static string DefaultCode(FailureCategory category) => category switch
    {
        FailureCategory.AuthFailed => ErrorCodes.ConnectionCredentialsInvalid,
        FailureCategory.Config => ErrorCodes.ValidationFailed,
        FailureCategory.RateLimited => ErrorCodes.UpstreamRateLimited,
        FailureCategory.Transient => ErrorCodes.UpstreamUnavailable,
        _ => ErrorCodes.UpstreamInvalidResponse,
    };
}
