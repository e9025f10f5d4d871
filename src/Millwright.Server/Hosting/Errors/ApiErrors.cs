using System.Globalization;
using Millwright.Client.Errors;
using Millwright.Client.Models;

namespace Millwright.Server.Hosting.Errors;

/// <summary>The one place that writes the error envelope of DESIGN.md.</summary>
public static class ApiErrors
{
    public static IResult Result(ApiException error) => new ErrorResult(error);

    public static IResult Result(int status, string code, string message, string source = ErrorSource.Platform,
        IReadOnlyList<ErrorDetail>? details = null, int? retryAfterSeconds = null) =>
        new ErrorResult(new ApiException(status, code, message, source, details, retryAfterSeconds));

    public static IResult NotFound(string what) => Result(ApiException.NotFound(what));

    public static Task WriteAsync(HttpContext context, ApiException error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        // ErrorHandlingMiddleware clears the response (headers included) before writing the envelope.
        response.Headers["X-Request-Id"] = RequestIdMiddleware.Get(context);
        if (error.RetryAfterSeconds is { } retry)
        {
            response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        }

        var body = new ErrorEnvelope(new ApiError
        {
            Code = error.Code,
            Message = error.Message,
            RequestId = RequestIdMiddleware.Get(context),
            Source = error.ErrorSource,
            RetryAfter = error.RetryAfterSeconds,
            Details = error.Details,
            Outcome = error.Outcome,
        });
        return response.WriteAsJsonAsync(body, MillwrightJson.Options, contentType: "application/json", context.RequestAborted);
    }

    private sealed class ErrorResult(ApiException error) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => error.Status;

        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, error);
    }
}
