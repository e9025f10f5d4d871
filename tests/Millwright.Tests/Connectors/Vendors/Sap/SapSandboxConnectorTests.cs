using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Connectors.Vendors.Sap;
using Millwright.Sandbox.Sap;
using Millwright.Tests.Sandbox.Sap;

namespace Millwright.Tests.Connectors.Vendors.Sap;

/// <summary>The SAP connector against the SAP sandbox, over real HTTP on loopback.</summary>
public sealed class SapSandboxConnectorTests(SapSandboxFixture fixture) : IClassFixture<SapSandboxFixture>, IDisposable
{
    private readonly SapHarness harness = new();

    private ConnectionContext Connection(string password = SapSandboxSettings.DemoPassword) =>
        SapHarness.Connection(fixture.Host.BaseUrl.ToString(), password: password);

    public void Dispose() => harness.Dispose();

    /// <summary>Where the sandbox holds each entity, and how a record's remote id is read from it.</summary>
    private static readonly Dictionary<Entity, (string Service, string Url, string Id)> Truth = new()
    {
        [Entity.Sites] = ("API_FUNCTIONALLOCATION", "FunctionalLocation?$format=json&$filter=SuperiorFunctionalLocation eq ''", "MaintenancePlanningPlant"),
        [Entity.Locations] = ("API_FUNCTIONALLOCATION", "FunctionalLocation?$format=json", "FunctionalLocation"),
        [Entity.Assets] = ("API_EQUIPMENT", "Equipment?$format=json", "Equipment"),
        [Entity.WorkOrders] = ("API_MAINTENANCEORDER", "MaintenanceOrder?$format=json", "MaintenanceOrder"),
        [Entity.MaintenanceRequests] = ("API_MAINTNOTIFICATION", "MaintenanceNotification?$format=json", "MaintenanceNotification"),
        [Entity.PurchaseOrders] = ("API_PURCHASEORDER_PROCESS_SRV", "A_PurchaseOrder?$format=json", "PurchaseOrder"),
        [Entity.Vendors] = ("API_BUSINESS_PARTNER", "A_BusinessPartner?$format=json&$filter=Supplier ne ''", "Supplier"),
        [Entity.Parts] = ("API_PRODUCT_SRV", "A_Product?$format=json", "Product"),
        [Entity.PmSchedules] = ("API_MAINTENANCEPLAN", "MaintenancePlan?$format=json", "MaintenancePlan"),
        [Entity.Meters] = ("API_MEASURINGPOINT_0001", "MeasuringPoint", "MeasuringPoint"),
        [Entity.MeterReadings] = ("API_MEASUREMENTDOCUMENT_0001", "MeasurementDocument", "MeasurementDocument"),
        [Entity.Teams] = ("API_WORK_CENTERS", "A_WorkCenters?$format=json", "WorkCenter"),
    };

    /// <summary>The sandbox's documents of an entity (V2 or V4 paging) and each one's remote id as the connector forms it.</summary>
    private async Task<(List<JsonObject> Documents, HashSet<string> Ids)> TruthAsync(Entity entity)
    {
        var (service, url, id) = Truth[entity];
        using var client = fixture.Client(service);
        var documents = service.EndsWith("_0001", StringComparison.Ordinal) ? await SapSandboxV4Tests.WalkV4Async(client, url) : await client.WalkAsync(url);
        var ids = documents.Select(d => entity == Entity.Teams ? $"{d["WorkCenter"]}/{d["Plant"]}" : (string)d[id]!).Where(i => i.Length > 0).ToHashSet();
        return (documents, ids);
    }

    [Fact]
    public async Task Check_CommunicationUser_NamesTheSystemAndClient()
    {
        var result = await harness.Connector.CheckAsync(Connection(), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Contains("client 100", result.Value!.DisplayName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WrongPasswordOrClient_IsAuthFailedWithoutLeakingThePassword()
    {
        var wrong = await harness.Connector.CheckAsync(Connection("not-the-password-42"), CancellationToken.None);
        var otherClient = await harness.Connector.CheckAsync(SapHarness.Connection(fixture.Host.BaseUrl.ToString(), client: "200"), CancellationToken.None);

        Assert.Equal(FailureCategory.AuthFailed, wrong.Failure!.Category);
        Assert.Equal(ErrorCodes.ConnectionCredentialsInvalid, wrong.Failure.Code);
        Assert.DoesNotContain("not-the-password-42", wrong.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureCategory.AuthFailed, otherClient.Failure!.Category);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/sap/opu/odata/sap/API_MAINTENANCEORDER", "test", "without the service path")]
    [InlineData("http://s4.example.com", "live", "https")]
    [InlineData("not a url", "test", "absolute")]
    public async Task Check_BadSystemUrl_IsAConfigFailureInPlainWords(string url, string environment, string hint)
    {
        var result = await harness.Connector.CheckAsync(SapHarness.Connection(url, environment), CancellationToken.None);

        Assert.Equal(FailureCategory.Config, result.Failure!.Category);
        Assert.Contains(hint, result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPage_EveryEntity_PagesViaNextAndMapsIntoClientRecords()
    {
        var connection = Connection();
        var ids = new Dictionary<Entity, HashSet<string>>();
        var mapped = new Dictionary<Entity, List<JsonObject>>();
        foreach (var entity in SapSettings.Descriptor.Capabilities.Keys)
        {
            var (documents, expected) = await TruthAsync(entity);

            var (records, pages) = await harness.ReadAllPagesAsync(connection, entity);

            Assert.Equal(records.Count, records.Select(r => r.RemoteId).Distinct().Count());
            Assert.True(expected.SetEquals(records.Select(r => r.RemoteId)), $"{entity}: {expected.Count} in the sandbox, {records.Count} read");
            Assert.True(documents.Count <= 25 || pages > 1, $"{entity}: {documents.Count} documents came in one page");
            Assert.All(records, r => Assert.NotNull(r.RemoteUpdatedAt));
            ids[entity] = expected;
            mapped[entity] = [.. records.Select(r => Map(connection, entity, r))];
        }

        string StableId(Entity entity, string remoteId) => StableIds.For(connection.ConnectionId, entity, remoteId);
        HashSet<string> All(Entity entity) => [.. ids[entity].Select(i => StableId(entity, i))];
        var (sites, locations, assets, orders, vendors) = (All(Entity.Sites), All(Entity.Locations), All(Entity.Assets), All(Entity.WorkOrders), All(Entity.Vendors));
        Assert.Equal(["1010", "1020"], ids[Entity.Sites].Order());
        Assert.All(mapped[Entity.Locations], l => Assert.Contains((string)l["site_id"]!, sites));
        Assert.Contains(mapped[Entity.Locations], l => l["parent_id"] is not null);
        Assert.All(mapped[Entity.Locations], l => AssertIn(locations, l["parent_id"]));
        Assert.All(mapped[Entity.Assets], a => Assert.Contains((string)a["location_id"]!, locations));
        Assert.All(mapped[Entity.WorkOrders], wo =>
        {
            Assert.Contains((string)wo["site_id"]!, sites);
            AssertIn(assets, wo["asset_id"]);
            AssertIn(locations, wo["location_id"]);
            Assert.NotEqual("other", (string?)wo["status"]);
            Assert.NotNull(wo["remote_status"]);
            Assert.NotNull(wo["started_at"]);
        });
        Assert.Equal(["completed", "in_progress", "on_hold", "open"], mapped[Entity.WorkOrders].Select(w => (string)w["status"]!).Distinct().Order());
        Assert.All(mapped[Entity.MaintenanceRequests], r =>
        {
            Assert.Contains((string)r["asset_id"]!, assets);
            AssertIn(orders, r["work_order_id"]);
        });
        Assert.All(mapped[Entity.PurchaseOrders], po =>
        {
            Assert.Contains((string)po["vendor_id"]!, vendors);
            Assert.NotEmpty(po["line_items"]!.AsArray());
            Assert.Equal(Math.Round(po["line_items"]!.AsArray().Sum(l => (decimal)l!["quantity"]! * (decimal)l["unit_price"]!), 2), (decimal)po["total_amount"]!);
        });
        Assert.All(mapped[Entity.Vendors], v => Assert.False(string.IsNullOrWhiteSpace((string?)v["name"])));
        Assert.All(mapped[Entity.Vendors], v => Assert.False(string.IsNullOrWhiteSpace((string?)v["address"])));

        var (teams, meters) = (All(Entity.Teams), All(Entity.Meters));
        Assert.All(mapped[Entity.WorkOrders], wo => Assert.Contains((string)wo["team_ids"]!.AsArray().Single()!, teams));
        var parts = All(Entity.Parts);
        using var orderService = fixture.Client("API_MAINTENANCEORDER");
        var components = (await orderService.WalkAsync("MaintOrderOpComponent?$format=json&$filter=IsDeleted eq false"))
            .ToLookup(c => StableId(Entity.WorkOrders, (string)c["MaintenanceOrder"]!));
        var orderParts = mapped[Entity.WorkOrders].ToDictionary(wo => StableId(Entity.WorkOrders, (string)wo["number"]!), wo => wo["parts"]!.AsArray());
        Assert.All(orderParts, o => Assert.Equal(components[o.Key].Select(c => (string)c["MaintOrderComponentInternalID"]!).Order(),
            o.Value.Select(p => (string)p!["remote_id"]!).Order()));
        Assert.All(orderParts.Values.SelectMany(p => p), p =>
        {
            Assert.Contains((string)p!["part_id"]!, parts);
            Assert.Contains((string)p["site_id"]!, sites);
            Assert.True((decimal)p["quantity"]! > 0);
            Assert.InRange((decimal)p["quantity_used"]!, 0m, (decimal)p["quantity"]!);
            Assert.False(string.IsNullOrWhiteSpace((string?)p["unit"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)p["description"]));
        });
        Assert.Contains(orderParts.Values, p => p.Count > 1);
        Assert.Contains(orderParts.Values, p => p.Count == 0);
        Assert.All(mapped[Entity.Parts], p =>
        {
            Assert.NotEmpty(p["stock"]!.AsArray());
            Assert.All(p["stock"]!.AsArray(), s => Assert.Contains((string)s!["site_id"]!, sites));
            Assert.All(p["stock"]!.AsArray(), s => Assert.Equal((string?)p["unit"], (string?)s!["unit"]));
            Assert.Equal(p["stock"]!.AsArray().Sum(s => (decimal)s!["quantity"]!), (decimal)p["total_quantity"]!);
            Assert.NotNull(p["unit_cost"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)p["name"]));
        });
        Assert.All(mapped[Entity.PmSchedules], pm =>
        {
            Assert.Contains((string)pm["asset_id"]!, assets);
            Assert.Contains((string)pm["location_id"]!, locations);
            Assert.True((int)pm["interval_value"]! > 0);
        });
        Assert.Equal(["H", "day", "month", "week", "year"], mapped[Entity.PmSchedules].Select(pm => (string)pm["interval_unit"]!).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(mapped[Entity.PmSchedules], pm => pm["custom_fields"]!["measuring_point"] is not null && (string?)pm["interval_unit"] == "H");
        Assert.Contains(mapped[Entity.PmSchedules], pm => pm["next_due_at"] is not null);
        Assert.All(mapped[Entity.Meters], m =>
        {
            Assert.Contains((string)m["asset_id"]!, assets);
            Assert.NotNull(m["last_reading_value"]);
            Assert.NotNull(m["last_reading_at"]);
        });
        Assert.All(mapped[Entity.MeterReadings], r => Assert.Contains((string)r["meter_id"]!, meters));
        Assert.All(mapped[Entity.Teams], t => Assert.False(string.IsNullOrWhiteSpace((string?)t["name"])));
    }

    [Fact]
    public async Task ReadPage_Incremental_ReturnsOnlyWhatChangedSinceTheCheckpoint()
    {
        fixture.Time.Advance(TimeSpan.FromHours(2));
        var checkpoint = fixture.Time.GetUtcNow();
        var changed = await ReleaseAnOrderAsync();

        var (records, _) = await harness.ReadAllPagesAsync(Connection(), Entity.WorkOrders, checkpoint);
        var (full, _) = await harness.ReadAllPagesAsync(Connection(), Entity.WorkOrders);

        Assert.Equal([changed], records.Select(r => r.RemoteId));
        Assert.Equal("REL  MANC NMAT NTUP", (string?)records[0].Data["SystemStatusText"]);
        Assert.Equal("in_progress", (string?)Map(Connection(), Entity.WorkOrders, records[0])["status"]);
        Assert.True(full.Count > 25);
    }

    [Fact]
    public async Task ReadPage_SandboxFaults_AreClassified()
    {
        fixture.Sandbox.Faults.ForceStatus(503, 10);
        var unavailable = await harness.Connector.ReadPageAsync(Connection(), new ReadRequest(Entity.Assets, null, null, 50), CancellationToken.None);
        fixture.Sandbox.Faults.Reset();
        fixture.Sandbox.Faults.ForceStatus(429, 10);
        var limited = await harness.Connector.ReadPageAsync(Connection(), new ReadRequest(Entity.Assets, null, null, 50), CancellationToken.None);
        fixture.Sandbox.Faults.Reset();
        fixture.Sandbox.Faults.RevokeKey(SapSandboxSettings.DemoUser);
        var revoked = await harness.Connector.ReadPageAsync(Connection(), new ReadRequest(Entity.Assets, null, null, 50), CancellationToken.None);
        fixture.Sandbox.Faults.Reset();
        var healthy = await harness.Connector.ReadPageAsync(Connection(), new ReadRequest(Entity.Assets, null, null, 50), CancellationToken.None);

        Assert.Equal(FailureCategory.Transient, unavailable.Failure!.Category);
        Assert.Contains("unknown internal server error", unavailable.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureCategory.RateLimited, limited.Failure!.Category);
        Assert.NotNull(limited.Failure.RetryAfter);
        Assert.Equal(FailureCategory.AuthFailed, revoked.Failure!.Category);
        Assert.True(healthy.IsSuccess, healthy.Failure?.Message);
    }

    [Fact]
    public async Task ReadPage_ForeignOrForgedCursor_IsRefusedWithoutACall()
    {
        var forged = await harness.Connector.ReadPageAsync(Connection(), new ReadRequest(Entity.WorkOrders, "not-a-cursor", null, 50), CancellationToken.None);
        var offService = PagingCursor.Start(null).Advance("4000001\nhttp://169.254.169.254/latest/meta-data?$skiptoken=25")!.Encode();
        var foreign = await harness.Connector.ReadPageAsync(Connection(), new ReadRequest(Entity.WorkOrders, offService, null, 50), CancellationToken.None);

        Assert.Equal(ErrorCodes.InvalidCursor, forged.Failure!.Code);
        Assert.Equal(ErrorCodes.UpstreamInvalidResponse, foreign.Failure!.Code);
    }

    private async Task<string> ReleaseAnOrderAsync()
    {
        using var client = fixture.Client("API_MAINTENANCEORDER", new HttpClientHandler { CookieContainer = new() });
        var order = (await client.GetDAsync("MaintenanceOrder?$format=json&$top=1&$filter=SystemStatusText eq 'CRTD MANC NMAT NTUP'"))["results"]![0]!;
        using var fetch = new HttpRequestMessage(HttpMethod.Get, "?$format=json");
        fetch.Headers.Add("x-csrf-token", "Fetch");
        using var fetched = await client.SendAsync(fetch);
        using var release = new HttpRequestMessage(HttpMethod.Post, $"ReleaseMaintenanceOrder?MaintenanceOrder='{order["MaintenanceOrder"]}'");
        release.Headers.Add("x-csrf-token", fetched.Headers.GetValues("x-csrf-token").Single());
        release.Headers.TryAddWithoutValidation("If-Match", (string)order["__metadata"]!["etag"]!);
        using var released = await client.SendAsync(release);
        Assert.True(released.IsSuccessStatusCode, await released.Content.ReadAsStringAsync());
        return (string)order["MaintenanceOrder"]!;
    }

    internal static JsonObject Map(ConnectionContext connection, Entity entity, RawRecord record)
    {
        var mapped = MappingEngine.Apply(SapMapping.Defaults[entity], record, connection.ConnectionId);
        var envelope = mapped.DeepClone().AsObject();
        envelope["id"] = StableIds.For(connection.ConnectionId, entity, record.RemoteId);
        envelope["remote_id"] = record.RemoteId;
        Assert.NotNull(envelope.Deserialize(EntityInfo.Of(entity).RecordType, MillwrightJson.Options));
        return mapped;
    }

    private static void AssertIn(HashSet<string> ids, JsonNode? id)
    {
        if (id is not null)
        {
            Assert.Contains((string)id!, ids);
        }
    }
}
