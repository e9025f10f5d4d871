using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Millwright.Sandbox.Sap;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Support;

namespace Millwright.Tests.Connectors.Vendors.Sap;

/// <summary>
/// An SAP connection end to end through the server's public API: connect to the SAP sandbox mounted in
/// the server, let the first sync run, read the unified records with the connection token, change an order
/// in SAP and see an incremental sync bring the change.
/// </summary>
public sealed class SapServerSyncTests(SapServerSyncTests.Server server) : IClassFixture<SapServerSyncTests.Server>
{
    private static readonly string Section = new SapSandboxModule().ConfigurationSection;

    private readonly MillwrightHost host = server.Host;

    /// <summary>One server per class with its mounted SAP sandbox seeded small and paging every 20 entities.</summary>
    public sealed class Server : IDisposable
    {
        public MillwrightHost Host { get; } = new(SyncTestData.FastSettings(new Dictionary<string, string?>
        {
            [$"{Section}:MaxPageSize"] = "20",
            [$"{Section}:MaintenanceOrderCount"] = "60",
            [$"{Section}:EquipmentCount"] = "25",
            [$"{Section}:NotificationCount"] = "30",
            [$"{Section}:PurchaseOrderCount"] = "15",
        }));

        public void Dispose() => Host.Dispose();
    }

    private Uri SandboxUrl => new(host.BaseAddress, "sandbox/sap");

    private CreateConnectionRequest Sap(string password = SapSandboxSettings.DemoPassword) => new()
    {
        System = "sap-s4hana",
        Settings = new Dictionary<string, string> { ["base_url"] = SandboxUrl.ToString(), ["sap_client"] = "100" },
        Credentials = new Dictionary<string, string> { ["username"] = SapSandboxSettings.DemoUser, ["password"] = password },
    };

    [Fact]
    public async Task Connect_SapSandbox_FirstSyncStoresEveryOfferedEntityAndIncrementalSyncBringsAStatusChange()
    {
        var account = await host.CreateAccountAsync();
        var client = new MillwrightClient(host.Http(), account.TestSecretKey);

        var created = await client.CreateConnectionAsync(Sap());
        var tokenClient = new MillwrightClient(host.Http(), created.Token.Token);
        var connection = await SandboxServer.WaitForFirstSyncAsync(tokenClient);

        Assert.Equal(ConnectionStatuses.Active, connection.Status);
        var orders = await AllAsync<WorkOrder>(tokenClient);
        Assert.Equal(60, orders.Count);
        Assert.Equal(2, (await AllAsync<Site>(tokenClient)).Count);
        Assert.Equal(25, (await AllAsync<Asset>(tokenClient)).Count);
        Assert.Equal(30, (await AllAsync<MaintenanceRequest>(tokenClient)).Count);
        Assert.NotEmpty(await AllAsync<Vendor>(tokenClient));
        Assert.All(await AllAsync<PurchaseOrder>(tokenClient), po => Assert.NotEmpty(po.LineItems));
        var teams = (await AllAsync<Team>(tokenClient)).Select(t => t.Id).ToHashSet();
        Assert.Equal(6, teams.Count);
        Assert.All(orders, o => Assert.Subset(teams, o.TeamIds.ToHashSet()));
        Assert.All(await AllAsync<Part>(tokenClient), p => Assert.NotEmpty(p.Stock));
        Assert.NotEmpty(await AllAsync<PmSchedule>(tokenClient));
        var meters = (await AllAsync<Meter>(tokenClient)).Select(m => m.Id).ToHashSet();
        Assert.NotEmpty(meters);
        Assert.All(await AllAsync<MeterReading>(tokenClient), r => Assert.Contains(r.MeterId!, meters));
        Assert.All(orders, o => Assert.NotNull(o.SiteId));
        Assert.Contains(orders, o => o.Status == WorkOrderStatus.Open);

        var released = await ReleaseAnOrderAsync();
        var run = await client.StartSyncAsync(created.Connection.Id, SyncKind.Incremental);
        var finished = await SyncTestData.WaitAsync(client, created.Connection.Id, run.Id);
        var after = (await AllAsync<WorkOrder>(tokenClient)).Single(o => o.RemoteId == released);

        Assert.Equal(SyncRunStatus.Succeeded, finished.Status);
        Assert.Equal(SyncKind.Incremental, finished.Kind);
        Assert.Equal(1, finished.Counts.Updated);
        Assert.Equal(WorkOrderStatus.InProgress, after.Status);
        Assert.StartsWith("REL", after.RemoteStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_OrdersWithComponents_ListThePartsTheyPlanAndUseAsPartsOfTheConnection()
    {
        var account = await host.CreateAccountAsync();
        var client = new MillwrightClient(host.Http(), account.TestSecretKey);
        var created = await client.CreateConnectionAsync(Sap());
        var tokenClient = new MillwrightClient(host.Http(), created.Token.Token);
        await SandboxServer.WaitForFirstSyncAsync(tokenClient);

        var orders = await AllAsync<WorkOrder>(tokenClient);
        var withParts = orders.Where(o => o.Parts.Count > 0).ToList();
        var used = withParts.SelectMany(o => o.Parts).ToList();
        var first = used.First(p => p.QuantityUsed > 0);
        var part = await tokenClient.GetAsync<Part>(first.PartId!);
        var sites = (await AllAsync<Site>(tokenClient)).Select(s => s.Id).ToHashSet();
        var parts = (await AllAsync<Part>(tokenClient)).ToDictionary(p => p.Id);
        var order = withParts.First(o => o.Parts.Contains(first));
        using var sap = new HttpClient { BaseAddress = SapSandboxModule.ServiceUrl(new Uri(SandboxUrl + "/"), "API_MAINTENANCEORDER") };
        sap.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SapSandboxSettings.DemoUser}:{SapSandboxSettings.DemoPassword}")));
        var inSap = JsonNode.Parse(await sap.GetStringAsync($"MaintOrderOpComponent?$format=json&$filter=MaintenanceOrder eq '{order.RemoteId}' and IsDeleted eq false"))!["d"]!["results"]!.AsArray();

        Assert.NotEmpty(withParts);
        Assert.Contains(orders, o => o.Parts.Count == 0);
        Assert.All(used, p =>
        {
            Assert.True(parts.TryGetValue(p.PartId!, out var listed), $"part_id {p.PartId} is not a part of the connection");
            Assert.Equal(listed!.Unit, p.Unit);
            Assert.Contains(p.SiteId!, sites);
            Assert.InRange(p.QuantityUsed!.Value, 0m, p.Quantity!.Value);
        });
        Assert.Equal(part.Id, first.PartId);
        Assert.Equal(part.Number, (string?)inSap.Single(c => (string?)c!["MaintOrderComponentInternalID"] == first.RemoteId)!["Product"]);
        Assert.Equal(inSap.Select(c => (string)c!["MaintOrderComponentInternalID"]!).Order(), order.Parts.Select(p => p.RemoteId!).Order());
        Assert.Equal(inSap.Sum(c => decimal.Parse((string)c!["MaintOrdOpCompRequiredQuantity"]!, CultureInfo.InvariantCulture)), order.Parts.Sum(p => p.Quantity));
    }

    [Fact]
    public async Task PostMeterReading_SapConnection_CreatesAMeasurementDocumentAndListsItAtOnce()
    {
        var account = await host.CreateAccountAsync();
        var client = new MillwrightClient(host.Http(), account.TestSecretKey);
        var created = await client.CreateConnectionAsync(Sap());
        var tokenClient = new MillwrightClient(host.Http(), created.Token.Token);
        await SandboxServer.WaitForFirstSyncAsync(tokenClient);
        var meter = (await AllAsync<Meter>(tokenClient)).First(m => m.CustomFields["is_counter"]?.GetValue<bool>() == true && m.LastReadingValue is not null);
        using var http = host.Http(account.TestSecretKey);
        http.DefaultRequestHeaders.Add("Millwright-Connection", created.Connection.Id);

        using var response = await http.PostAsJsonAsync("/v1/meter-readings", new JsonObject
        {
            ["meter_id"] = meter.Id,
            ["value"] = meter.LastReadingValue + 75,
            ["read_at"] = "2026-11-12T06:30:00Z",
        });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var listed = await AllAsync<MeterReading>(tokenClient);
        using var refused = await http.PostAsJsonAsync("/v1/meter-readings", new JsonObject { ["meter_id"] = meter.Id, ["value"] = 1 });
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!;

        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body.ToJsonString());
        Assert.Equal(meter.Id, (string?)body["meter_id"]);
        Assert.Equal(meter.LastReadingValue + 75, (decimal?)body["value"]);
        Assert.Equal(DateTimeOffset.Parse("2026-11-12T06:30:00Z", CultureInfo.InvariantCulture), DateTimeOffset.Parse((string)body["read_at"]!, CultureInfo.InvariantCulture));
        Assert.Equal(75m, (decimal?)body["custom_fields"]!["counter_difference"]);
        Assert.Single(listed, r => r.Id == (string?)body["id"]);
        using var documents = new HttpClient { BaseAddress = SapSandboxModule.ServiceUrl(new Uri(SandboxUrl + "/"), "API_MEASUREMENTDOCUMENT_0001") };
        documents.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SapSandboxSettings.DemoUser}:{SapSandboxSettings.DemoPassword}")));
        var inSap = JsonNode.Parse(await documents.GetStringAsync($"MeasurementDocument('{body["remote_id"]}')"))!;
        Assert.Equal((double)(meter.LastReadingValue + 75)!, (double)inSap["MeasurementCounterReading"]!);
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("UPSTREAM_VALIDATION_FAILED", (string?)error["code"]);
        Assert.Contains("lower than the last reading", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WrongPassword_IsRefusedWithACredentialsCode()
    {
        var account = await host.CreateAccountAsync();
        var client = new MillwrightClient(host.Http(), account.TestSecretKey);

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateConnectionAsync(Sap("wrong-password")));

        Assert.Equal(Millwright.Client.Errors.ErrorCodes.ConnectionCredentialsInvalid, error.Code);
    }

    private static async Task<List<T>> AllAsync<T>(MillwrightClient client)
        where T : UnifiedRecord
    {
        var all = new List<T>();
        await foreach (var record in client.ListAllAsync<T>(new ListQuery { Limit = 500 }))
        {
            all.Add(record);
        }

        return all;
    }

    /// <summary>Releases a created order in the sandbox as another SAP client would: CSRF handshake, etag, function import.</summary>
    private async Task<string> ReleaseAnOrderAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new() })
        {
            BaseAddress = new Uri(host.BaseAddress, "sandbox/sap/sap/opu/odata/sap/API_MAINTENANCEORDER/"),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SapSandboxSettings.DemoUser}:{SapSandboxSettings.DemoPassword}")));
        using var fetch = new HttpRequestMessage(HttpMethod.Get, "MaintenanceOrder?$format=json&$top=1&$filter=startswith(SystemStatusText, 'CRTD')");
        fetch.Headers.Add("x-csrf-token", "Fetch");
        using var fetched = await http.SendAsync(fetch);
        var order = JsonNode.Parse(await fetched.Content.ReadAsStringAsync())!["d"]!["results"]![0]!;
        using var release = new HttpRequestMessage(HttpMethod.Post, $"ReleaseMaintenanceOrder?MaintenanceOrder='{order["MaintenanceOrder"]}'");
        release.Headers.Add("x-csrf-token", fetched.Headers.GetValues("x-csrf-token").Single());
        release.Headers.TryAddWithoutValidation("If-Match", (string)order["__metadata"]!["etag"]!);
        using var released = await http.SendAsync(release);
        Assert.True(released.IsSuccessStatusCode, await released.Content.ReadAsStringAsync());
        return (string)order["MaintenanceOrder"]!;
    }
}
