using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.RateLimits;

/// <summary>
/// Two Millwright servers (each with its own in-memory state, on one store) share one limit through a real
/// redis-server that test.sh starts (MILLWRIGHT_TEST_REDIS). Skipped only when that variable is absent.
/// </summary>
public sealed class RedisRateLimitTests
{
    private static readonly string? Redis = RedisFactAttribute.ConnectionString;

    [RedisFact]
    public async Task TwoServers_SharingRedis_CountAgainstOneLimit()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        using var first = new MillwrightHost(Settings(), time: clock);
        using var second = new MillwrightHost(Settings(), dataDirectory: first.DataDirectory, time: clock);
        var account = await first.CreateAccountAsync();
        var (_, token) = await new ConnectionSeed(first, account).AddAsync();
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 10, 1, 20, TimeSpan.Zero));
        using var a = first.Http(token);
        using var b = second.Http(token);

        var remaining = new List<int>();
        foreach (var http in new[] { a, b, a, b })
        {
            using var response = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            remaining.Add(Header(response, "X-RateLimit-Remaining"));
        }

        using var refusedOnSecond = await b.GetAsync(new Uri("/v1/connection", UriKind.Relative));
        using var refusedOnFirst = await a.GetAsync(new Uri("/v1/connection", UriKind.Relative));
        clock.Advance(TimeSpan.FromSeconds(Header(refusedOnFirst, "Retry-After")));
        using var nextWindow = await b.GetAsync(new Uri("/v1/connection", UriKind.Relative));

        Assert.Equal([3, 2, 1, 0], remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedOnSecond.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedOnFirst.StatusCode);
        Assert.Equal(40, Header(refusedOnFirst, "Retry-After"));
        Assert.Equal(HttpStatusCode.OK, nextWindow.StatusCode);
        Assert.Equal(3, Header(nextWindow, "X-RateLimit-Remaining"));
    }

    [RedisFact]
    public async Task HealthChecks_WithRedis_ReportRedisComponentHealthy()
    {
        using var host = new MillwrightHost(Settings());
        var report = await host.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(c => c.Tags.Contains("status"));

        Assert.Equal(HealthStatus.Healthy, report.Entries["redis"].Status);
    }

    [Fact]
    public async Task HealthChecks_WithoutRedis_HaveNoRedisComponent()
    {
        using var host = new MillwrightHost();
        var service = host.Services.GetService<HealthCheckService>();
        var report = service is null ? null : await service.CheckHealthAsync();

        Assert.False(report?.Entries.ContainsKey("redis") ?? false);
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Millwright:Redis"] = Redis,
        ["Millwright:RateLimits:ConnectionPerMinute"] = "4",
    };

    private static int Header(HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);
}
