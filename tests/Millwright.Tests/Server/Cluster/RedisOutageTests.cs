using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Cluster;

/// <summary>
/// Redis stopped while a server uses it: the API keeps serving (limits fall back to this node's counters) and the
/// status page shows <c>redis</c> degraded; Redis started again: the counts are shared again. Runs its own redis-server
/// (the binary test.sh installs) on a free port, so the suite's Redis is never stopped.
/// </summary>
public sealed class RedisOutageTests : IDisposable
{
    private readonly RedisServer redis = new();

    [RedisFact]
    public async Task RedisStoppedAndStarted_ApiKeepsServing_StatusShowsIt_CountsSharedAgain()
    {
        await redis.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 10, TimeSpan.Zero));
        using var host = new MillwrightHost(new Dictionary<string, string?>
        {
            ["Millwright:Redis"] = redis.ConnectionString,
            ["Millwright:RateLimits:ConnectionPerMinute"] = "10",
        }, time: clock);
        var account = await host.CreateAccountAsync();
        var (_, token) = await new ConnectionSeed(host, account).AddAsync();
        using var http = host.Http(token);

        Assert.Equal(9, await RemainingAsync(http));

        redis.Stop();
        // This node counts alone meanwhile: its own window starts empty.
        Assert.Equal(9, await RemainingAsync(http));
        // Degraded, not down: the API serves on, with per-node limits (issue 17).
        Assert.Equal(HealthStatus.Degraded, await RedisHealthAsync(host));
        var status = JsonNode.Parse(await host.Http().GetStringAsync(new Uri("/status.json", UriKind.Relative)))!;
        var component = status["components"]!.AsArray().Single(c => (string?)c!["name"] == "redis")!;
        Assert.Equal("degraded", (string?)component["status"]);

        // Once the client knows Redis is gone, requests count here at once (not after the 2 s Redis timeout) and are
        // not queued for Redis either: none is counted a second time when it returns.
        var alone = Stopwatch.StartNew();
        Assert.Equal(8, await RemainingAsync(http));
        Assert.Equal(7, await RemainingAsync(http));
        Assert.True(alone.Elapsed < TimeSpan.FromSeconds(2), $"two requests took {alone.Elapsed.TotalSeconds:0.0} s while Redis was down");

        await redis.StartAsync();
        var waited = Stopwatch.StartNew();
        while (await RedisHealthAsync(host) != HealthStatus.Healthy)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "the server did not reconnect to Redis");
            await Task.Delay(200);
        }

        // Shared again: the restarted Redis has an empty window (in this node's memory it would be the fourth request).
        Assert.Equal(9, await RemainingAsync(http));
        Assert.Equal(8, await RemainingAsync(http));
    }

    private static async Task<int> RemainingAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return int.Parse(response.Headers.GetValues("X-RateLimit-Remaining").Single(), CultureInfo.InvariantCulture);
    }

    private static async Task<HealthStatus> RedisHealthAsync(MillwrightHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "redis");
        return report.Entries["redis"].Status;
    }

    public void Dispose() => redis.Dispose();
}
