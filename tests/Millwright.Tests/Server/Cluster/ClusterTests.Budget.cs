using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Connectors.Http;

namespace Millwright.Tests.Server.Cluster;

public sealed partial class ClusterTests
{
    /// <summary>
    /// One connection's vendor budget (keyed by the connection, shared on Redis) spent by all three nodes at once: the
    /// connection's first sync runs on one node while greedy passthrough clients on every node calls the same vendor
    /// for it. The requests the sandbox counted (its <c>_sandbox/requests</c>) stay within the budget's envelope, burst
    /// plus one per period, which three per-node budgets would exceed about three times over; the sandbox refuses none,
    /// every passthrough call gets its turn (callers queue for slots across nodes in the order they asked: when they
    /// competed for each freed slot instead, one node's callers waited out the gate's 70 s and got 429), and the sync
    /// still ends <c>succeeded</c>. The sync needs about 250 vendor calls (detail reads of purchase orders and vendors),
    /// so it runs on for about a minute at the budget's rate after the passthrough traffic; a larger budget would end it
    /// sooner, but a busy test machine's three nodes cannot spend more than about five calls a second.
    /// </summary>
    [ClusterFact]
    public async Task ThreeNodes_SyncAndPassthroughOnOneConnection_SandboxCountsNoMoreThanOneVendorBudget()
    {
        await cluster.StartAsync(output);
        var key = cluster.Key;
        using var admin = new HttpClient { BaseAddress = cluster.BudgetMount };
        var before = await CountedAsync(admin);

        var measuring = Stopwatch.StartNew();
        // Its first sync starts at once, on whichever node takes the job.
        var connection = await ClusterFixture.ConnectAsync(Nodes[0], key, cluster.BudgetApiBase);
        var answers = new ConcurrentDictionary<int, ConcurrentBag<HttpStatusCode>>();
        // Three greedy clients per node: together far more than the budget, even on a busy machine.
        var clients = Enumerable.Range(0, 9).Select(c => Task.Run(async () =>
        {
            var i = c % 3;
            using var http = Nodes[i].Http(key);
            http.DefaultRequestHeaders.Add("Millwright-Connection", connection);
            var mine = answers.GetOrAdd(i, _ => []);
            while (measuring.Elapsed < TimeSpan.FromSeconds(20))
            {
                using var response = await http.PostAsJsonAsync("/v1/passthrough", new { method = "GET", path = "workorders", query = new { limit = 1 } });
                mine.Add(response.StatusCode);
            }
        })).ToArray();
        await Task.WhenAll(clients);
        var after = await CountedAsync(admin);
        var elapsed = measuring.Elapsed;
        cluster.Step($"{after.Requests - before.Requests} requests counted by the sandbox in {elapsed.TotalSeconds:0.0} s");

        var budget = new UpstreamBudget(ClusterFixture.BudgetSeed.RequestsPerMinute);
        var envelope = budget.Burst + (int)(elapsed / budget.Period) + 1;
        var counted = after.Requests - before.Requests;
        Assert.Equal(before.Refused, after.Refused);
        Assert.True(counted <= envelope, $"{counted} requests in {elapsed.TotalSeconds:0.0} s; one budget allows at most {envelope}");
        // Spent, not idle: the nodes together used much of the one budget, and every node got calls through.
        Assert.True(counted >= envelope / 2, $"only {counted} requests in {elapsed.TotalSeconds:0.0} s of a {envelope} envelope");
        Assert.All(Enumerable.Range(0, 3), i => Assert.Contains(HttpStatusCode.OK, answers[i]));
        Assert.All(answers.Values.SelectMany(a => a), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal("succeeded", (string?)(await cluster.WaitForRunEndAsync(Nodes[1], key, connection))["status"]);
        cluster.Step($"sync ended {measuring.Elapsed.TotalSeconds:0.0} s after it was started");
    }

    /// <summary>Every request the budget sandbox's rate limit counted so far, and the refused ones, over all keys.</summary>
    private static async Task<(long Requests, long Refused)> CountedAsync(HttpClient admin)
    {
        var keys = JsonNode.Parse(await admin.GetStringAsync(new Uri("_sandbox/requests", UriKind.Relative)))!["keys"]!.AsArray();
        return (keys.Sum(k => (long)k!["requests_total"]!), keys.Sum(k => (long)k!["refused_total"]!));
    }
}
