using System.Globalization;
using Millwright.Client.Errors;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Hosting.Telemetry;

namespace Millwright.Server.Features.RateLimits;

/// <summary>
/// Counts each authenticated <c>/v1</c> request against its account+environment and, when it works on a
/// connection, that connection; sets the <c>X-RateLimit-*</c> headers of the tightest budget on every such
/// response (errors included) and refuses with 429 <c>RATE_LIMIT_EXCEEDED</c> when a budget is spent.
/// Anonymous requests and paths outside <c>/v1</c> pass untouched.
/// </summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, IRateLimitCounters counters, RateLimitSettings settings, MillwrightMetrics metrics)
{
    public const string LimitHeader = "X-RateLimit-Limit";
    public const string RemainingHeader = "X-RateLimit-Remaining";
    public const string ResetHeader = "X-RateLimit-Reset";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase)
            || context.Features.Get<ICallerFeature>() is not { } feature)
        {
            await next(context);
            return;
        }

        var decision = await counters.TryAcquireAsync(Partitions(feature), context.RequestAborted);
        context.Response.OnStarting(() =>
        {
            // Set when the response starts: ErrorHandlingMiddleware clears headers before writing an error.
            var headers = context.Response.Headers;
            headers[LimitHeader] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            headers[RemainingHeader] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            headers[ResetHeader] = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });

        if (!decision.Allowed)
        {
            metrics.RateLimitRefused("api");
            throw new ApiException(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded,
                $"Too many requests: the limit is {decision.Limit} per minute. Retry after {decision.ResetSeconds} seconds.",
                retryAfterSeconds: decision.ResetSeconds);
        }

        await next(context);
    }

    private List<RateLimitPartition> Partitions(ICallerFeature feature)
    {
        var caller = feature.Caller;
        var account = $"{caller.AccountId}:{caller.Environment}";
        var partitions = new List<RateLimitPartition>(2) { new($"account:{account}", settings.AccountLimit(feature)) };
        if (feature.ConnectionId is { } connectionId)
        {
            // Keyed under the account too, so that naming another account's connection cannot spend its budget.
            partitions.Add(new($"connection:{account}:{connectionId}", settings.ConnectionLimit(feature.Connection)));
        }

        return partitions;
    }
}
