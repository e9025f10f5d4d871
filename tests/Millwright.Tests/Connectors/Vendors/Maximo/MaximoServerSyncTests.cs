using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Client;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.Maximo;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Support;

namespace Millwright.Tests.Connectors.Vendors.Maximo;

/// <summary>
/// A Maximo connection synced end to end: the real server, the ibm-maximo connector and the Maximo sandbox
/// on its own loopback host, driven through the public API with the SDK.
/// </summary>
public sealed class MaximoServerSyncTests
{
    private static readonly string[] OfferedEntities =
        ["sites", "locations", "users", "teams", "vendors", "assets", "parts", "meters", "meter-readings", "pm-schedules", "purchase-orders", "maintenance-requests", "work-orders"];

    [Fact]
    public async Task Sync_MaximoConnection_FullThenIncrementalThroughTheApi()
    {
        await using var sandbox = await SandboxHost.StartAsync(new MaximoSandboxModule(), new MaximoSandboxSettings { WorkOrderCount = 250, AssetCount = 30 });
        using var host = new MillwrightHost(SyncTestData.FastSettings(AllowedTestEndpoints.WithSandbox(sandbox.BaseAddress)));
        var account = await host.CreateAccountAsync();
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "ibm-maximo",
            new Dictionary<string, string> { ["base_url"] = sandbox.BaseUrl.ToString() },
            new Dictionary<string, string> { ["api_key"] = MaximoSandboxSettings.DemoApiKey });
        var client = SyncTestData.Client(host, account.TestSecretKey);

        var full = await SyncTestData.WaitAsync(client, connectionId, (await client.StartSyncAsync(connectionId)).Id);

        Assert.Equal(SyncRunStatus.Succeeded, full.Status);
        Assert.Equal(SyncKind.Full, full.Kind);
        Assert.Empty(full.Errors);
        var records = await SyncTestData.RecordsAsync(host, connectionId);
        Assert.Equal(OfferedEntities.Order(), records.Select(r => r.Entity).Distinct().Order());
        Assert.Equal(250, records.Count(r => r.Entity == "work-orders"));
        Assert.Equal(3, records.Count(r => r.Entity == "sites"));
        Assert.Equal(new SyncCounts(records.Count, 0, 0), full.Counts);
        Assert.Equal("active", (await SyncTestData.ConnectionAsync(host, connectionId)).Status);

        // Change one work order and raise one service request in Maximo, then sync again.
        using var maximo = sandbox.CreateClient();
        var page = JsonNode.Parse(await maximo.GetStringAsync("api/os/mxapiwodetail?oslc.select=wonum,siteid&oslc.where=status=\"WAPPR\"&oslc.pageSize=1"))!;
        var href = (string)page["member"]![0]!["href"]!;
        var changedId = $"{page["member"]![0]!["siteid"]}/{page["member"]![0]!["wonum"]}";
        using (var update = new HttpRequestMessage(HttpMethod.Post, href) { Content = JsonContent.Create(new { status = "INPRG", description = "Rebuild the pump coupling" }) })
        {
            update.Headers.Add("x-method-override", "PATCH");
            (await maximo.SendAsync(update)).EnsureSuccessStatusCode();
        }

        (await maximo.PostAsync("api/os/mxapisr", JsonContent.Create(new { description = "Water on the floor by line 2", siteid = "SPRFLD" }))).EnsureSuccessStatusCode();

        var incremental = await SyncTestData.WaitAsync(client, connectionId, (await client.StartSyncAsync(connectionId)).Id);

        Assert.Equal(SyncRunStatus.Succeeded, incremental.Status);
        Assert.Equal(SyncKind.Incremental, incremental.Kind);
        Assert.Equal(new SyncCounts(1, 1, 0), incremental.Counts);
        var data = client.ForConnection(connectionId);
        var workOrder = await data.GetAsync<WorkOrder>(Millwright.Connectors.Core.StableIds.For(connectionId, Entity.WorkOrders, changedId));
        Assert.Equal(WorkOrderStatus.InProgress, workOrder.Status);
        Assert.Equal("INPRG", workOrder.RemoteStatus);
        Assert.Equal("Rebuild the pump coupling", workOrder.Title);
        Assert.NotNull(workOrder.SiteId);
        var requests = await data.ListAsync<MaintenanceRequest>(new ListQuery { Limit = 500 });
        Assert.Contains(requests.Data, r => r.Title == "Water on the floor by line 2" && r.Status == RequestStatus.Pending);
    }
}
