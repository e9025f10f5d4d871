using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Millwright.Tests.Server.Cluster;

public sealed partial class ClusterTests
{
    /// <summary>
    /// kill -9 of a node in the middle of sending webhooks. What "no attempt twice" means follows ADR 0014: an attempt
    /// is one scheduled send of one delivery (an event to an endpoint), made by the node whose batch claimed it and
    /// recorded as one <c>webhook_attempts</c> row. A retry after a failure is another attempt. The only POST the
    /// receiver may get beyond the recorded attempts is the one a node sent just before it died, whose outcome it never
    /// recorded: the delivery is claimed again only once that node's lease has expired (at least once, never
    /// concurrently). So: every event delivered; every delivery the dead node did not hold got exactly one POST per
    /// recorded attempt; one it held got at most one more, arriving before the kill, and its next POST only after the
    /// lease expired; no two POSTs of one delivery were ever in flight together.
    /// </summary>
    [ClusterFact]
    public async Task ThreeNodes_KillDuringWebhookDelivery_EveryEventDelivered_NoAttemptTwice()
    {
        await cluster.StartAsync(output);
        var key = cluster.WebhookKey;
        var receiver = cluster.Receiver;
        var endpointId = await SubscribeAsync(Nodes[1], key, receiver.Url, "asset.created");
        var connection = await ClusterFixture.ConnectAsync(Nodes[2], key, cluster.SmallApiBase);
        cluster.Step("endpoint and connection created: the sync raises asset.created events");

        var (victim, pid) = await NodeSendingWebhooksAsync(endpointId);
        await victim.KillAsync();
        var killedAt = TimeProvider.System.GetUtcNow();
        var held = (await cluster.QueryAsync(
                "select event_id, lease_expires_at from webhook_deliveries where endpoint_id = $1 and status = 'pending' and lease_owner like $2",
                endpointId, $"%/{pid}/%"))
            .ToDictionary(r => (string)r[0], r => (DateTime)r[1], StringComparer.Ordinal);
        cluster.Step($"kill -9 of node {pid}, which held {held.Count} deliveries");
        Assert.NotEmpty(held);

        var survivor = Nodes.First(n => !n.HasExited);
        Assert.Equal("succeeded", (string?)(await cluster.WaitForRunEndAsync(survivor, key, connection))["status"]);
        await WaitUntilNoDeliveryPendingAsync(endpointId);
        cluster.Step("every delivery final");

        var events = (await cluster.QueryAsync("select id from webhook_events where connection_id = $1 and type = 'asset.created'", connection))
            .Select(r => (string)r[0]).ToList();
        Assert.Equal(ClusterFixture.SmallSeed.AssetCount, events.Count);
        var deliveries = await cluster.QueryAsync(
            """
            select d.event_id, d.status, d.attempt_count,
                   (select count(*) from webhook_attempts a where a.delivery_id = d.id),
                   (select count(*) from webhook_attempts a where a.delivery_id = d.id and a.status_code between 200 and 299)
            from webhook_deliveries d where d.endpoint_id = $1
            """, endpointId);
        Assert.Equal(events.Order(StringComparer.Ordinal), deliveries.Select(d => (string)d[0]).Order(StringComparer.Ordinal));
        var posts = receiver.Received.GroupBy(p => p.EventId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Arrived).ToList(), StringComparer.Ordinal);
        foreach (var row in deliveries)
        {
            var (eventId, attempts) = ((string)row[0], (long)row[3]);
            Assert.Equal("succeeded", (string)row[1]);
            Assert.Equal(attempts, (int)row[2]);
            Assert.Equal(1L, (long)row[4]);
            var got = posts.GetValueOrDefault(eventId) ?? [];
            Assert.Contains(got, p => p.AnsweredWith == 200);
            for (var i = 1; i < got.Count; i++)
            {
                Assert.True(got[i].Arrived >= got[i - 1].Ended, $"two POSTs of {eventId} were in flight together");
            }

            if (held.TryGetValue(eventId, out var leaseExpired))
            {
                Assert.InRange(got.Count - attempts, 0, 1);
                Assert.All(got.Where(p => p.Arrived > killedAt), p => Assert.True(p.Arrived >= new DateTimeOffset(leaseExpired, TimeSpan.Zero),
                    $"{eventId} was sent again at {p.Arrived:O}, before the dead node's lease expired at {leaseExpired:O}"));
            }
            else
            {
                Assert.True(got.Count == attempts, $"{eventId}: {got.Count} POSTs for {attempts} recorded attempts");
            }
        }

        // The kill landed mid-delivery, and retries happened (and count as attempts of their own).
        Assert.Contains(held.Keys, id => posts.GetValueOrDefault(id)?.Any(p => p.Arrived < killedAt) == true);
        Assert.Contains(deliveries, d => (long)d[3] >= 2);
        cluster.Step($"{events.Count} events, {deliveries.Sum(d => (long)d[3])} attempts, {posts.Values.Sum(p => p.Count)} POSTs received");
    }

    private static async Task<string> SubscribeAsync(ServerNode node, string key, Uri url, params string[] events)
    {
        using var http = node.Http(key);
        using var response = await http.PostAsJsonAsync("/v1/webhook-endpoints", new { url = url.ToString(), events });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (string)JsonNode.Parse(body)!["id"]!;
    }

    /// <summary>
    /// A node whose claimed deliveries are at the receiver right now, sent less than 0.6 s ago: the receiver takes a
    /// second to answer, so the node's batch is certainly unrecorded when it dies a moment later.
    /// </summary>
    private async Task<(ServerNode Node, int ProcessId)> NodeSendingWebhooksAsync(string endpointId)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var leased = await cluster.QueryAsync(
                "select lease_owner, event_id from webhook_deliveries where endpoint_id = $1 and status = 'pending' and lease_owner is not null", endpointId);
            var inFlight = cluster.Receiver.InFlightSince(TimeSpan.FromMilliseconds(600));
            var owner = leased.Where(r => inFlight.Contains((string)r[1])).GroupBy(r => (string)r[0], StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
            if (owner is not null)
            {
                var pid = ClusterFixture.LeasePid(owner);
                return (cluster.NodeOf(pid), pid);
            }

            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "no node started sending webhooks:\n" + cluster.NodeOutput);
            await Task.Delay(50);
        }
    }

    private async Task WaitUntilNoDeliveryPendingAsync(string endpointId)
    {
        var waited = Stopwatch.StartNew();
        while (await cluster.ScalarAsync<long>("select count(*) from webhook_deliveries where endpoint_id = $1 and status = 'pending'", endpointId) > 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "deliveries are still pending:\n" + cluster.NodeOutput);
            await Task.Delay(200);
        }
    }
}
