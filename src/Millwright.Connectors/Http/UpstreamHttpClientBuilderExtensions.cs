using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Millwright.Connectors.Http;

/// <summary>
/// The handler pipeline every vendor client gets (outermost first): total timeout + retries with jittered
/// backoff that honour Retry-After → per-connection circuit breaker → per-connection rate gate → call recording
/// (request logs, status page) → per-attempt timeout → redacted logging → SSRF-guarded sockets with redirects off.
/// See Http/README.md.
/// </summary>
internal static class UpstreamHttpClientBuilderExtensions
{
    public static IHttpClientBuilder AddUpstreamPipeline(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.ConfigurePrimaryHttpMessageHandler(services => new GuardedPrimaryHandler(
            services.GetRequiredService<IOptions<UpstreamHttpOptions>>(), services.GetService<ISandboxMounts>()));
        builder.RemoveAllLoggers();
        builder.AddResilienceHandler("upstream-retry", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<UpstreamHttpOptions>>().Value;
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.TimeProvider = time;
            pipeline.AddTimeout(options.TotalTimeout);
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRateLimitRetryWait,
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), options, time)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } limited
                        ? RateLimitHeaders.RetryAfter(limited, time.GetUtcNow()) ?? options.RetryBaseDelay
                        : (TimeSpan?)null),
            });
        });
        builder.AddUpstreamCircuitBreaker();
        builder.AddHttpMessageHandler(services => new UpstreamRateGateHandler(
            services.GetRequiredService<UpstreamRateGate>(), services.GetRequiredService<TimeProvider>()));
        builder.AddHttpMessageHandler(services => new UpstreamCallRecordingHandler(
            builder.Name, services.GetServices<IUpstreamCallObserver>(), services.GetRequiredService<TimeProvider>()));
        builder.AddResilienceHandler("upstream-attempt", (pipeline, context) =>
        {
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<UpstreamHttpOptions>>().Value.AttemptTimeout);
        });
        builder.AddHttpMessageHandler<UpstreamLoggingHandler>();
        return builder;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, UpstreamHttpOptions options, TimeProvider time)
    {
        // Writes are not idempotent: a failed attempt may have applied them, so only reads are retried
        // (429 excepted: a throttled request was not processed).
        var idempotent = request?.Method is { } method
            && (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options || method == HttpMethod.Delete || method == HttpMethod.Put
                || (request.Options.TryGetValue(UpstreamRequest.ReadOnly, out var read) && read));
        if (outcome.Exception is { } exception)
        {
            return idempotent && exception switch
            {
                UpstreamRateGateException => false,
                TimeoutRejectedException => true,
                HttpRequestException { InnerException: UpstreamAddressBlockedException } => false,
                HttpRequestException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.HostNotFound } } => false,
                HttpRequestException => true,
                _ => false,
            };
        }

        var response = outcome.Result!;
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            // Short advised waits are absorbed here; a long or unstated one goes back to the caller as
            // RateLimited (the connector may read a hint from the body) and the sync engine reschedules.
            return RateLimitHeaders.RetryAfter(response, time.GetUtcNow()) is { } wait && wait <= options.MaxRateLimitRetryWait;
        }

        return idempotent && response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout or HttpStatusCode.InternalServerError;
    }
}
