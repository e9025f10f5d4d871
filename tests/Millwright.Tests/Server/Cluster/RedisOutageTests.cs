using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Cluster;

/// <summary>
/// Redis stopped while a server uses it: the API keeps serving (limits fall back to this node's counters) and the
/// status page shows <c>redis</c> down; Redis started again: the counts are shared again. Runs its own redis-server
/// (the binary test.sh installs) on a free port, so the suite's Redis is never stopped.
/// </summary>
public sealed class RedisOutageTests : IDisposable
{
    private readonly int port = FreePort();
    private readonly string folder = Path.Combine(TestFolders.Root, "redis-" + Guid.NewGuid().ToString("n"));
    private Process? redis;

    [RedisFact]
    public async Task RedisStoppedAndStarted_ApiKeepsServing_StatusShowsIt_CountsSharedAgain()
    {
        await StartRedisAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 10, TimeSpan.Zero));
        using var host = new MillwrightHost(new Dictionary<string, string?>
        {
            ["Millwright:Redis"] = $"127.0.0.1:{port}",
            ["Millwright:RateLimits:ConnectionPerMinute"] = "10",
        }, time: clock);
        var account = await host.CreateAccountAsync();
        var (_, token) = await new ConnectionSeed(host, account).AddAsync();
        using var http = host.Http(token);

        Assert.Equal(9, await RemainingAsync(http));

        StopRedis();
        // This node counts alone meanwhile: its own window starts empty.
        Assert.Equal(9, await RemainingAsync(http));
        Assert.Equal(HealthStatus.Unhealthy, await RedisHealthAsync(host));
        var status = JsonNode.Parse(await host.Http().GetStringAsync(new Uri("/status.json", UriKind.Relative)))!;
        var component = status["components"]!.AsArray().Single(c => (string?)c!["name"] == "redis")!;
        Assert.NotEqual("operational", (string?)component["status"]);

        await StartRedisAsync();
        var waited = Stopwatch.StartNew();
        while (await RedisHealthAsync(host) != HealthStatus.Healthy)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), "the server did not reconnect to Redis");
            await Task.Delay(200);
        }

        // Shared again: the restarted Redis has an empty window (in this node's memory it would be the second request).
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

    private async Task StartRedisAsync()
    {
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, WorkingDirectory = folder };
        foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(arg);
        }

        redis = Process.Start(start)!;
        redis.BeginOutputReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }

    private void StopRedis()
    {
        redis!.Kill();
        redis.WaitForExit();
        redis.Dispose();
        redis = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (redis is not null)
        {
            StopRedis();
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
