using System.Text.Json;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Millwright.Client.Webhooks;
using Millwright.Tests.Server.Sync;

namespace Millwright.Tests.Server.Webhooks;

/// <summary>Events from real syncs against the MaintainX sandbox, delivered to a real receiver.</summary>
[Collection(WebhookTestKit.Collection)]
public sealed class WebhookSyncEventsTests
{
    [Fact]
    public async Task Sync_RecordsChangedInSandbox_ReceiverGetsRecordEventsWithUnifiedRecordAndSyncCompleted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var scenario = await SandboxScenario.StartAsync(SandboxScenario.SmallPlant(workOrders: 30), WebhookTestKit.Fast());
        var endpoint = await WebhookTestKit.SubscribeAsync(scenario.Client, receiver, ["work_order.*", "sync.*"]);
        var first = await scenario.SyncAsync();
        var created = await receiver.WaitForAsync(r => Type(r) == "work_order.created", 30);
        await receiver.WaitForAsync(r => Type(r) == WebhookEventTypes.SyncCompleted);

        var workOrders = (await scenario.RecordsAsync()).Where(r => r.Entity == "work-orders").OrderBy(r => r.RemoteId, StringComparer.Ordinal).ToList();
        var (changed, removed) = (workOrders[2], workOrders[5]);
        await scenario.SandboxCallAsync(HttpMethod.Patch, $"workorders/{changed.RemoteId}", new { title = "Realign the packaging line guard" });
        await scenario.SandboxCallAsync(HttpMethod.Delete, $"workorders/{removed.RemoteId}");
        var second = await scenario.SyncAsync();
        var updated = Assert.Single(await receiver.WaitForAsync(r => Type(r) == "work_order.updated"));
        var deleted = Assert.Single(await receiver.WaitForAsync(r => Type(r) == "work_order.deleted"));
        var completed = await receiver.WaitForAsync(r => Type(r) == WebhookEventTypes.SyncCompleted, 2);

        Assert.Equal(SyncRunStatus.Succeeded, second.Status);
        Assert.Equal(30, created.Count);
        Assert.Equal(30, created.Select(r => r.Id).Distinct().Count());
        Assert.All(receiver.Received, r => Assert.True(r.Verified, r.VerificationError));
        Assert.DoesNotContain(receiver.Received, r => Type(r).StartsWith("asset.", StringComparison.Ordinal));

        var update = Parse(updated).DataAs<RecordChangedData>();
        Assert.Equal(("work-orders", changed.Id, scenario.ConnectionId), (update.Entity, update.RecordId, update.ConnectionId));
        var record = update.Record.Deserialize<WorkOrder>(MillwrightJson.Options)!;
        Assert.Equal("Realign the packaging line guard", record.Title);
        Assert.Equal(changed.RemoteId, record.RemoteId);
        Assert.False(update.Record.TryGetProperty("raw", out _));
        using var http = scenario.Host.Http(scenario.Account.TestSecretKey);
        http.DefaultRequestHeaders.Add("Millwright-Connection", scenario.ConnectionId);
        var api = await http.GetStringAsync($"/v1/work-orders/{changed.Id}");
        Assert.Equal(JsonDocument.Parse(api).RootElement.GetProperty("title").GetString(), record.Title);
        Assert.NotNull(Parse(deleted).DataAs<RecordChangedData>().Record.GetProperty("deleted_at").GetString());

        var run = Parse(completed.Single(c => Parse(c).DataAs<SyncRun>().Id == second.Id)).DataAs<SyncRun>();
        Assert.Equal((SyncKind.Incremental, new SyncCounts(0, 1, 1)), (run.Kind, run.Counts));
        Assert.NotNull(run.DurationMs);
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), completed.Select(c => Parse(c).DataAs<SyncRun>().Id).Order(StringComparer.Ordinal));
        var deliveries = await scenario.Client.ListWebhookDeliveriesAsync(endpointId: endpoint.Id, limit: 500);
        Assert.Equal(receiver.Received.Count, deliveries.Data.Count);
        Assert.All(deliveries.Data, d => Assert.Equal(WebhookDeliveryStatus.Succeeded, d.Status));
    }

    [Fact]
    public async Task Connection_CreatedSyncedAndDeletedThroughApi_ReceiverGetsConnectionEvents()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sandbox = new Connections.SandboxServer();
        var account = await sandbox.Server.CreateAccountAsync();
        var client = WebhookTestKit.Client(sandbox.Server, account.TestSecretKey);
        await WebhookTestKit.SubscribeAsync(client, receiver, ["connection.*"]);

        var created = await client.CreateConnectionAsync(sandbox.MaintainX());
        await receiver.WaitForAsync(r => Type(r) == WebhookEventTypes.ConnectionStatusChanged);
        await client.DeleteConnectionAsync(created.Connection.Id);
        await receiver.WaitForAsync(r => Type(r) == WebhookEventTypes.ConnectionDeleted);

        var events = receiver.Received.Select(Parse).ToList();
        Assert.Equal(
            [WebhookEventTypes.ConnectionCreated, WebhookEventTypes.ConnectionStatusChanged, WebhookEventTypes.ConnectionDeleted],
            events.OrderBy(e => e.CreatedAt).ThenBy(e => e.Type == WebhookEventTypes.ConnectionCreated ? 0 : 1).Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(created.Connection.Id, e.ConnectionId));
        var change = events.Single(e => e.Type == WebhookEventTypes.ConnectionStatusChanged).DataAs<ConnectionChangedData>();
        Assert.Equal(("syncing", "active"), (change.PreviousStatus, change.Connection.Status));
        Assert.All(receiver.Received, r => Assert.True(r.Verified, r.VerificationError));
    }

    private static string Type(ReceivedWebhook r) => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()!;

    private static WebhookEvent Parse(ReceivedWebhook r) => JsonSerializer.Deserialize<WebhookEvent>(r.Body, MillwrightJson.Options)!;
}
