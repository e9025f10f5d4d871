using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Millwright.Tests.Server.Cluster;

public sealed partial class ClusterTests
{
    private const int HeldAssets = 100;

    /// <summary>
    /// Issue 17, "a node stopped with SIGTERM drains: it finishes in-flight requests, releases its job leases, and exits
    /// within the configured timeout" (the sync lease is the first test's). One passthrough call per node waits at the
    /// vendor, held by the test (<see cref="RequestGate"/>); a sync raises webhook events for an endpoint at the slow
    /// receiver, and the node whose batch is at the receiver right now gets SIGTERM. It stops listening — a new
    /// connection is refused — while its call is still open; released, that call is answered 200 with the same full
    /// body as on the nodes that keep running. The attempts it had at the receiver are answered and recorded by it, it
    /// holds no lease when it is gone, and every event is delivered by the others with exactly one POST per recorded
    /// attempt (none twice). It exits within its shutdown timeout with exit code 0.
    /// </summary>
    [ClusterFact]
    public async Task ThreeNodes_SigtermWithACallAndWebhooksInFlight_CallAnswered_AttemptsRecordedOnce_ExitCodeZero()
    {
        await cluster.StartAsync(output);
        var key = await cluster.CreateAccountAsync("Drain");
        var gate = cluster.SmallGate;
        try
        {
            // Made before the endpoint exists, so its own sync raises no deliveries.
            var called = await ClusterFixture.ConnectAsync(Nodes[0], key, cluster.SmallApiBase);
            var calls = Nodes.ToDictionary(n => n, n => HeldPassthroughAsync(n, key, called));
            await WaitUntilAsync(() => gate.Held == Nodes.Count, "the passthrough calls did not reach the vendor");
            cluster.Step("one passthrough call per node held at the vendor");

            var endpointId = await SubscribeAsync(Nodes[1], key, cluster.Receiver.Url, "asset.created");
            var connection = await ClusterFixture.ConnectAsync(Nodes[2], key, cluster.SmallApiBase);
            var (stopping, pid) = await NodeSendingWebhooksAsync(endpointId);
            var atReceiver = (await cluster.QueryAsync(
                    "select event_id from webhook_deliveries where endpoint_id = $1 and status = 'pending' and lease_owner like $2", endpointId, $"%/{pid}/%"))
                .Select(r => (string)r[0]).Intersect(cluster.Receiver.InFlightSince(TimeSpan.FromSeconds(5)), StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            stopping.Terminate();
            var terminatedAt = TimeProvider.System.GetUtcNow();
            cluster.Step($"SIGTERM to node {pid}, with {atReceiver.Count} webhook attempts at the receiver");
            Assert.NotEmpty(atReceiver);

            // Draining: the node no longer accepts connections, but its call is still open (the vendor has not answered).
            await WaitUntilAsync(stopping.RefusesConnectionsAsync, $"the node kept listening after SIGTERM:\n{stopping.Output}");
            Assert.False(calls[stopping].IsCompleted, "the held call ended before the vendor answered");
            cluster.Step("the stopping node refuses new connections; releasing the vendor");
            gate.Release();

            var answers = new Dictionary<ServerNode, (HttpStatusCode Status, string Body)>();
            foreach (var (node, call) in calls)
            {
                answers[node] = await call;
            }

            Assert.True(await stopping.ExitsWithinAsync(ClusterFixture.ShutdownTimeout + TimeSpan.FromSeconds(10)), $"the node did not exit after SIGTERM:\n{stopping.Output}");
            Assert.True(stopping.ExitCode == 0, $"the node exited with {stopping.ExitCode} after SIGTERM:\n{stopping.Output}");
            var leftLeased = await cluster.ScalarAsync<long>(
                "select count(*) from webhook_deliveries where endpoint_id = $1 and status = 'pending' and lease_owner like $2", endpointId, $"%/{pid}/%");
            cluster.Step("node exited with 0");
            Assert.Equal(0L, leftLeased);

            var (drainedStatus, drainedBody) = answers[stopping];
            Assert.True(drainedStatus == HttpStatusCode.OK, drainedBody);
            var drained = JsonNode.Parse(drainedBody)!;
            Assert.Equal(200, (int)drained["status"]!);
            Assert.Equal(HeldAssets, drained["body"]!["assets"]!.AsArray().Count);
            foreach (var (node, (status, body)) in answers.Where(a => a.Key != stopping))
            {
                Assert.True(status == HttpStatusCode.OK, body);
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(body)!["body"], drained["body"]), "the drained call's body differs from another node's");
            }

            var survivor = Nodes.First(n => !n.HasExited);
            Assert.Equal("succeeded", (string?)(await cluster.WaitForRunEndAsync(survivor, key, connection))["status"]);
            await WaitUntilNoDeliveryPendingAsync(endpointId);
            cluster.Step("every delivery final");
            await AssertEachAttemptOnceAsync(endpointId, connection, atReceiver, terminatedAt);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Every event of the connection delivered; one POST per recorded attempt (a drain sends nothing twice); the attempts at the receiver at SIGTERM were answered.</summary>
    private async Task AssertEachAttemptOnceAsync(string endpointId, string connection, HashSet<string> atReceiver, DateTimeOffset terminatedAt)
    {
        // The other connection's first sync may still have raised some events after the endpoint was made: they count too.
        var deliveries = await cluster.QueryAsync(
            """
            select d.event_id, d.status, d.attempt_count,
                   (select count(*) from webhook_attempts a where a.delivery_id = d.id and a.status_code between 200 and 299), e.connection_id
            from webhook_deliveries d join webhook_events e on e.id = d.event_id where d.endpoint_id = $1
            """, endpointId);
        Assert.Equal(ClusterFixture.SmallSeed.AssetCount, deliveries.Count(d => (string)d[4] == connection));
        var posts = cluster.Receiver.Received.GroupBy(p => p.EventId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var row in deliveries)
        {
            var eventId = (string)row[0];
            Assert.Equal("succeeded", (string)row[1]);
            Assert.Equal(1L, (long)row[3]);
            var got = posts.GetValueOrDefault(eventId) ?? [];
            Assert.True(got.Count == (int)row[2], $"{eventId}: {got.Count} POSTs for {(int)row[2]} recorded attempts");
            Assert.All(got, p => Assert.True(p.AnsweredWith is not null, $"a POST of {eventId} was abandoned by its sender"));
        }

        Assert.All(atReceiver, id => Assert.Contains(posts[id], p => p.Arrived < terminatedAt && p.AnsweredWith is not null));
        cluster.Step($"{deliveries.Count} deliveries, {deliveries.Sum(d => (int)d[2])} attempts, {posts.Values.Sum(p => p.Count)} POSTs received");
    }

    /// <summary>A passthrough GET of the connection's assets that the small sandbox holds until the gate opens; returns status and body.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> HeldPassthroughAsync(ServerNode node, string key, string connection)
    {
        using var http = node.Http(key);
        http.Timeout = TimeSpan.FromMinutes(3);
        http.DefaultRequestHeaders.Add("Millwright-Connection", connection);
        using var response = await http.PostAsJsonAsync("/v1/passthrough", new
        {
            method = "GET",
            path = "assets",
            query = new { limit = HeldAssets },
            headers = new Dictionary<string, string> { [RequestGate.Header] = "drain" },
        });
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure) => await WaitUntilAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), failure);
            await Task.Delay(50);
        }
    }
}
