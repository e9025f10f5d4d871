using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Millwright.Server.Features.RateLimits;

/// <summary>
/// The "redis" component of the status page: a PING within two seconds. No answer is <c>degraded</c>, not down:
/// the API keeps serving and limits are counted per node meanwhile (issue 17).
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var database = await redis.DatabaseAsync();
            var latency = await database.PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy($"PING answered in {latency.TotalMilliseconds:0} ms.");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            return HealthCheckResult.Degraded("Redis does not answer; rate limits and vendor budgets are counted per node meanwhile.");
        }
    }
}
