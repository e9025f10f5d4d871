using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Millwright.Tests.Server.Cluster;

public sealed partial class ClusterTests
{
    private const int ConnectionLimit = 100;

    /// <summary>
    /// The cluster's Redis killed and started again (empty, as after a crash without persistence). Meanwhile every node
    /// answers, counts the connection's limit alone and shows <c>redis</c> degraded on its status page, and a new
    /// connection is synced to its end (vendor budget paced per node); once Redis is back every node shares one count again.
    /// </summary>
    [ClusterFact]
    public async Task ThreeNodes_RedisStoppedAndStarted_NodesServeWithPerNodeLimitsAndDegradedStatus_ThenShareAgain()
    {
        await cluster.StartAsync(output);
        var key = cluster.Key;
        // Its first sync runs meanwhile; only its inbound limit matters here.
        var connection = await ClusterFixture.ConnectAsync(Nodes[0], key, cluster.SmallApiBase);
        using (var http = Nodes[2].Http(key))
        {
            using var patched = await http.PatchAsJsonAsync($"/v1/connections/{connection}", new { rate_limit_per_minute = ConnectionLimit });
            Assert.True(patched.IsSuccessStatusCode, await patched.Content.ReadAsStringAsync());
        }

        // Shared: one count whichever node answers.
        var shared = await InOneWindowAsync(key, connection, Nodes[0], Nodes[1], Nodes[2]);
        Assert.Equal([shared[0], shared[0] - 1, shared[0] - 2], shared);
        await Task.WhenAll(Nodes.Select(n => WaitForRedisStatusAsync(n, "operational")));

        cluster.Redis.Stop();
        cluster.Step("redis stopped");
        var overall = await Task.WhenAll(Nodes.Select(n => WaitForRedisStatusAsync(n, "degraded")));
        Assert.All(overall, status => Assert.Equal("degraded", status));
        cluster.Step("every node shows redis degraded");

        // Per node: each node's own window, so a second node does not see the first node's request.
        var alone = await InOneWindowAsync(key, connection, Nodes[0], Nodes[0], Nodes[1], Nodes[2]);
        Assert.Equal([alone[0], alone[0] - 1, alone[0], alone[0]], alone);
        Assert.Equal(ConnectionLimit - 1, alone[0]);

        // Jobs go on: a connection made now is synced by some node to its end (vendor budget paced per node).
        var whileDown = await ClusterFixture.ConnectAsync(Nodes[1], key, cluster.SmallApiBase);
        Assert.Equal("succeeded", (string?)(await cluster.WaitForRunEndAsync(Nodes[2], key, whileDown))["status"]);
        cluster.Step("sync ran while redis was down");

        await cluster.Redis.StartAsync();
        await Task.WhenAll(Nodes.Select(n => WaitForRedisStatusAsync(n, "operational")));
        cluster.Step("redis back on every node");
        // The restarted Redis is empty: a shared count starts again at one request.
        var again = await InOneWindowAsync(key, connection, Nodes[2], Nodes[0], Nodes[1]);
        Assert.Equal([ConnectionLimit - 1, ConnectionLimit - 2, ConnectionLimit - 3], again);
    }

    /// <summary>
    /// <c>X-RateLimit-Remaining</c> of one request per node in <paramref name="nodes"/>, in order, on the connection's
    /// budget, all within one clock minute (windows are aligned to minutes). Started late in a minute, it waits for the
    /// next; a run that straddles two minutes is repeated in the minute after, whose counts are untouched.
    /// </summary>
    private static async Task<int[]> InOneWindowAsync(string key, string connection, params ServerNode[] nodes)
    {
        for (var attempt = 0; ; attempt++)
        {
            var now = TimeProvider.System.GetUtcNow();
            if (attempt > 0 || now.ToUnixTimeSeconds() % 60 >= 50)
            {
                await Task.Delay(TimeSpan.FromSeconds(60 - (now.ToUnixTimeMilliseconds() % 60_000 / 1000.0) + 0.2));
            }

            var window = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 60;
            var remaining = new int[nodes.Length];
            for (var i = 0; i < nodes.Length; i++)
            {
                using var http = nodes[i].Http(key);
                http.DefaultRequestHeaders.Add("Millwright-Connection", connection);
                // The header puts the request on the connection's budget; this endpoint answers during the first sync too.
                using var response = await http.GetAsync(new Uri($"/v1/connections/{connection}", UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                remaining[i] = int.Parse(response.Headers.GetValues("X-RateLimit-Remaining").Single(), CultureInfo.InvariantCulture);
            }

            if (TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 60 == window)
            {
                return remaining;
            }

            Assert.True(attempt < 2, "could not make the requests within one minute");
        }
    }

    /// <summary>Waits until the node's status page shows the <c>redis</c> component in <paramref name="status"/>; returns the page's overall status.</summary>
    private static async Task<string?> WaitForRedisStatusAsync(ServerNode node, string status)
    {
        using var http = new HttpClient { BaseAddress = node.BaseAddress };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var page = JsonNode.Parse(await http.GetStringAsync(new Uri("/status.json", UriKind.Relative)))!;
            var redis = page["components"]!.AsArray().Single(c => (string?)c!["name"] == "redis")!;
            if ((string?)redis["status"] == status)
            {
                return (string?)page["status"];
            }

            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), $"redis is {(string?)redis["status"]} on the node on port {node.Port}, not {status}");
            await Task.Delay(200);
        }
    }
}
