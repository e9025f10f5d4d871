using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace Millwright.Connectors.Http;

/// <summary>
/// One circuit breaker per connection (a pipeline per <see cref="UpstreamRequest.ConnectionId"/>), inside the
/// retries: once half of a connection's recent attempts failed with a 5xx, 408, timeout or connection error,
/// its calls fail fast (<c>BrokenCircuitException</c> → Transient <c>UPSTREAM_UNAVAILABLE</c>) for
/// <see cref="UpstreamHttpOptions.CircuitBreakDuration"/>, then one trial call decides. A failing system is
/// not hammered by retries, and one customer's outage never trips another connection's circuit. Throttling
/// (429) does not count: the rate gate handles it. The sync engine turns the failure into status
/// <c>degraded</c>; the next successful run makes the connection <c>active</c> again.
/// </summary>
internal static class UpstreamCircuitBreaker
{
    public static IHttpClientBuilder AddUpstreamCircuitBreaker(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler("upstream-breaker", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<UpstreamHttpOptions>>().Value;
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = options.CircuitFailureRatio,
                MinimumThroughput = Math.Max(2, options.CircuitMinimumThroughput),
                SamplingDuration = options.CircuitSamplingDuration,
                BreakDuration = options.CircuitBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(IsFailure(args.Outcome)),
            });
        }).SelectPipelineBy(_ => request =>
            request.Options.TryGetValue(UpstreamRequest.ConnectionId, out var connectionId) ? connectionId : "");
        return builder;
    }

    internal static bool IsFailure(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => outcome.Result is { } response && ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout),
        TimeoutRejectedException => true,
        UpstreamRateGateException => false,
        HttpRequestException { InnerException: UpstreamAddressBlockedException } => false,
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound } } => false,
        HttpRequestException => true,
        _ => false,
    };
}
