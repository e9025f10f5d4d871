using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Client;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Millwright.Sandbox.Common;
using Millwright.Server.Features.Accounts;
using Millwright.Tests.Connectors.Modules;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Writes;

/// <summary>
/// Writes through the server's public API to every writable vendor's sandbox over real HTTP (SQLite, and PostgreSQL with
/// MILLWRIGHT_TEST_POSTGRES): create, field changes, the system's own transitions allowed and refused, maintenance requests,
/// read-your-writes, no duplicate or revert at the next sync, one event per write, vendor faults. The MaintainX cases with
/// idempotency, schemas and validation are in <see cref="WriteApiTests"/>.
/// </summary>
public sealed class VendorWriteTests(VendorWriteFixture fixture) : IClassFixture<VendorWriteFixture>
{
    public static TheoryData<string> Systems => WriteCases.Systems;

    [Theory]
    [MemberData(nameof(Systems))]
    public async Task CreateWorkOrder_ValidBody_CreatedInTheSystemReadBackStoredOnceWithOneEvent(string system)
    {
        var scenario = await fixture.GetAsync(system);
        var profile = WriteCases.Profile(system);
        using var http = scenario.Http();
        var asset = await AssetAsync(http);

        using var response = await http.PostAsJsonAsync("/v1/work-orders", new JsonObject
        {
            ["title"] = "Vibration alarm on pump P-101",
            ["priority"] = "high",
            ["asset_id"] = (string)asset["id"]!,
            ["due_at"] = "2026-12-24T16:00:00Z",
        });
        var created = await BodyAsync(response, HttpStatusCode.Created);

        var id = (string)created["id"]!;
        var remoteId = (string)created["remote_id"]!;
        Assert.Equal(("open", "high"), ((string?)created["status"], (string?)created["priority"]));
        Assert.StartsWith(profile.CreatedRemoteStatus, (string?)created["remote_status"], StringComparison.Ordinal);
        Assert.Equal((string)asset["id"]!, (string?)created["asset_id"]);
        Assert.Equal($"/v1/work-orders/{id}", response.Headers.Location!.OriginalString);
        var inSystem = await profile.InSandboxAsync(scenario.Sandbox, Entity.WorkOrders, remoteId);
        Assert.Equal("Vibration alarm on pump P-101", inSystem.Title);
        Assert.StartsWith(profile.CreatedRemoteStatus, inSystem.Status, StringComparison.Ordinal);

        var read = await BodyAsync(await http.GetAsync($"/v1/work-orders/{id}"), HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(created, read), $"{created.ToJsonString()} != {read.ToJsonString()}");
        await scenario.SyncAddsNothingAsync();
        Assert.Single(await scenario.RecordsAsync(), r => r.Id == id);
        Assert.Equal(1, await scenario.EventsAsync("work_order.created", id));
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public async Task UpdateWorkOrder_FieldsThenAllowedTransitions_SystemStatusesReadBackAndOneEventPerWrite(string system)
    {
        var scenario = await fixture.GetAsync(system);
        var profile = WriteCases.Profile(system);
        using var http = scenario.Http();
        var created = await CreateOrderAsync(http, "Replace belt");
        var (id, remoteId) = ((string)created["id"]!, (string)created["remote_id"]!);

        var renamed = await BodyAsync(await http.PatchAsJsonAsync($"/v1/work-orders/{id}", new JsonObject { ["title"] = "Replace belt B-7" }), HttpStatusCode.OK);
        Assert.Equal("Replace belt B-7", (string?)renamed["title"]);
        Assert.Equal("Replace belt B-7", (await profile.InSandboxAsync(scenario.Sandbox, Entity.WorkOrders, remoteId)).Title);
        foreach (var (status, remoteStatus) in profile.AllowedPath)
        {
            var moved = await BodyAsync(await http.PatchAsJsonAsync($"/v1/work-orders/{id}", new JsonObject { ["status"] = status }), HttpStatusCode.OK);

            Assert.Equal(status, (string?)moved["status"]);
            Assert.StartsWith(remoteStatus, (string?)moved["remote_status"], StringComparison.Ordinal);
            Assert.StartsWith(remoteStatus, (await profile.InSandboxAsync(scenario.Sandbox, Entity.WorkOrders, remoteId)).Status, StringComparison.Ordinal);
        }

        await scenario.SyncAddsNothingAsync();
        var read = await BodyAsync(await http.GetAsync($"/v1/work-orders/{id}"), HttpStatusCode.OK);
        Assert.Equal(profile.AllowedPath[^1].Status, (string?)read["status"]);
        Assert.Equal("Replace belt B-7", (string?)read["title"]);
        Assert.Equal(1 + profile.AllowedPath.Count, await scenario.EventsAsync("work_order.updated", id));
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public async Task UpdateWorkOrder_TransitionTheSystemForbids_RefusedWithItsMessageAndNothingChanged(string system)
    {
        var scenario = await fixture.GetAsync(system);
        var profile = WriteCases.Profile(system);
        using var http = scenario.Http();
        var created = await CreateOrderAsync(http, "Check the coupling");
        var id = (string)created["id"]!;
        foreach (var status in profile.Forbidden.Before)
        {
            await BodyAsync(await http.PatchAsJsonAsync($"/v1/work-orders/{id}", new JsonObject { ["status"] = status }), HttpStatusCode.OK);
        }

        var before = await BodyAsync(await http.GetAsync($"/v1/work-orders/{id}"), HttpStatusCode.OK);
        using var response = await http.PatchAsJsonAsync($"/v1/work-orders/{id}", new JsonObject { ["status"] = profile.Forbidden.Status });

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity });
        var error = (await BodyAsync(response, response.StatusCode))["error"]!;
        Assert.Equal(("STATUS_TRANSITION_NOT_ALLOWED", "connected_system"), ((string?)error["code"], (string?)error["source"]));
        Assert.Contains(error["details"]!.AsArray(), d => ((string?)d!["message"])?.Contains(profile.Forbidden.VendorMessage, StringComparison.Ordinal) == true);
        var after = await BodyAsync(await http.GetAsync($"/v1/work-orders/{id}"), HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(before, after));
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public async Task CreateMaintenanceRequest_ValidBody_CreatedInTheSystemAndStoredOnceWithOneEvent(string system)
    {
        var scenario = await fixture.GetAsync(system);
        var profile = WriteCases.Profile(system);
        using var http = scenario.Http();
        var asset = await AssetAsync(http);
        var body = profile.MaintenanceRequest((string)asset["id"]!);

        var created = await BodyAsync(await http.PostAsJsonAsync("/v1/maintenance-requests", body), HttpStatusCode.Created);

        var id = (string)created["id"]!;
        Assert.Equal(("pending", (string?)body["title"]), ((string?)created["status"], (string?)created["title"]));
        Assert.Equal((string)asset["id"]!, (string?)created["asset_id"]);
        Assert.Equal((string?)body["title"], (await profile.InSandboxAsync(scenario.Sandbox, Entity.MaintenanceRequests, (string)created["remote_id"]!)).Title);
        var read = await BodyAsync(await http.GetAsync($"/v1/maintenance-requests/{id}"), HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(created, read), $"{created.ToJsonString()} != {read.ToJsonString()}");
        await scenario.SyncAddsNothingAsync();
        Assert.Single(await scenario.RecordsAsync(), r => r.Id == id);
        Assert.Equal(1, await scenario.EventsAsync("maintenance_request.created", id));
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public async Task CreateWorkOrder_VendorThrottlesOrFails_429WithItsWaitOr502AndNothingStored(string system)
    {
        var scenario = await fixture.GetAsync(system);
        using var http = scenario.Http();
        var faults = scenario.Sandbox.Sandbox.Faults;
        var before = (await scenario.RecordsAsync()).Count;
        try
        {
            faults.ForceStatus(429, 10, 17);
            var limited = (await BodyAsync(await http.PostAsJsonAsync("/v1/work-orders", new { title = "Throttled" }), HttpStatusCode.TooManyRequests))["error"]!;
            faults.Reset();
            // Enough failures that the read a write may start with (SAP's CSRF token) cannot retry them away.
            faults.ForceStatus(500, 10);
            var failed = (await BodyAsync(await http.PostAsJsonAsync("/v1/work-orders", new { title = "Broken" }), HttpStatusCode.BadGateway))["error"]!;

            Assert.Equal(("RATE_LIMIT_EXCEEDED", "connected_system", 17), ((string?)limited["code"], (string?)limited["source"], (int?)limited["retry_after"]));
            Assert.Equal(("UPSTREAM_UNAVAILABLE", "connected_system"), ((string?)failed["code"], (string?)failed["source"]));
        }
        finally
        {
            faults.Reset();
        }

        Assert.Equal(before, (await scenario.RecordsAsync()).Count);
    }

    private static async Task<JsonObject> AssetAsync(HttpClient http)
    {
        var assets = (await BodyAsync(await http.GetAsync("/v1/assets?limit=50"), HttpStatusCode.OK))["data"]!.AsArray().Select(n => n!.AsObject()).ToList();
        return assets.FirstOrDefault(a => (string?)a["status"] == "operational") ?? assets[0];
    }

    private static async Task<JsonObject> CreateOrderAsync(HttpClient http, string title) =>
        await BodyAsync(await http.PostAsJsonAsync("/v1/work-orders", new JsonObject { ["title"] = title, ["asset_id"] = (string)(await AssetAsync(http))["id"]! }),
            HttpStatusCode.Created);

    internal static async Task<JsonObject> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!.AsObject();
        }
    }
}

/// <summary>Per writable system, one scenario started on first use and shared by the class's tests (they run one after another).</summary>
public sealed class VendorWriteFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<VendorWriteScenario>>> scenarios = new(StringComparer.Ordinal);

    internal Task<VendorWriteScenario> GetAsync(string system) =>
        scenarios.GetOrAdd(system, s => new Lazy<Task<VendorWriteScenario>>(() => VendorWriteScenario.StartAsync(s))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var started in scenarios.Values.Where(s => s.IsValueCreated))
        {
            await (await started.Value).DisposeAsync();
        }
    }
}

/// <summary>A Millwright host with one connection to a vendor's sandbox on its own loopback host (the profile's small seed), synced once.</summary>
internal sealed class VendorWriteScenario : IAsyncDisposable
{
    private VendorWriteScenario(SandboxHost<ISandbox> sandbox, MillwrightHost host, ProvisionedAccount account, string connectionId)
    {
        Sandbox = sandbox;
        Host = host;
        Account = account;
        ConnectionId = connectionId;
        Client = SyncTestData.Client(host, account.TestSecretKey);
    }

    public SandboxHost<ISandbox> Sandbox { get; }

    public MillwrightHost Host { get; }

    public ProvisionedAccount Account { get; }

    public string ConnectionId { get; }

    public MillwrightClient Client { get; }

    public static async Task<VendorWriteScenario> StartAsync(string system)
    {
        var sandbox = await SandboxHost.StartAsync(ModuleCases.Module(system).Sandbox, ModuleCases.Profile(system).SmallSandbox);
        // A vendor's wait above a second is not waited for in a test: the write answers 429 with it at once.
        var host = new MillwrightHost(SyncTestData.FastSettings(AllowedTestEndpoints.WithSandbox(sandbox.BaseAddress, new Dictionary<string, string?>
        {
            ["Millwright:Upstream:MaxRateLimitRetryWait"] = "00:00:01",
            ["Millwright:Upstream:RetryBaseDelay"] = "00:00:00.020",
        })));
        var account = await host.CreateAccountAsync();
        var demo = sandbox.DemoConnection;
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, system, demo.Settings, demo.Credentials);
        var scenario = new VendorWriteScenario(sandbox, host, account, connectionId);
        var run = await scenario.SyncAsync(SyncKind.Full);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        return scenario;
    }

    public HttpClient Http()
    {
        var http = Host.Http(Account.TestSecretKey);
        http.DefaultRequestHeaders.Add("Millwright-Connection", ConnectionId);
        return http;
    }

    public async Task<SyncRun> SyncAsync(SyncKind? kind = null)
    {
        var queued = await Client.StartSyncAsync(ConnectionId, kind);
        return await SyncTestData.WaitAsync(Client, ConnectionId, queued.Id);
    }

    /// <summary>An incremental sync after writes finds every written record as it was stored: nothing added, changed or deleted.</summary>
    public async Task SyncAddsNothingAsync()
    {
        var run = await SyncAsync(SyncKind.Incremental);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(new SyncCounts(0, 0, 0), run.Counts);
    }

    public Task<List<Millwright.Server.Features.Records.RecordRow>> RecordsAsync() => SyncTestData.RecordsAsync(Host, ConnectionId);

    /// <summary>How many events of <paramref name="type"/> name the record <paramref name="recordId"/>.</summary>
    public async Task<int> EventsAsync(string type, string recordId) =>
        (await Client.ListEventsAsync(type: type, limit: 500)).Data.Count(e => e.Data.GetProperty("record_id").GetString() == recordId);

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await Sandbox.DisposeAsync();
    }
}
