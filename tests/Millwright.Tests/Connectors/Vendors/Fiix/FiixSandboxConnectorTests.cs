using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Connectors.Vendors.Fiix;
using Millwright.Sandbox.Fiix;
using Millwright.Tests.Sandbox.Fiix;

namespace Millwright.Tests.Connectors.Vendors.Fiix;

/// <summary>The Fiix connector against the Fiix sandbox, over real HTTP on loopback.</summary>
public sealed class FiixSandboxConnectorTests(FiixSandboxFixture fixture) : IClassFixture<FiixSandboxFixture>, IDisposable
{
    private readonly FiixHarness harness = new();

    private ConnectionContext Connection() => FiixHarness.Connection(fixture.Host.TenantUrl);

    public void Dispose() => harness.Dispose();

    private static long L(JsonNode? node) => (long)node!;

    /// <summary>Which sandbox objects each entity should yield, computed from the tenant's data directly.</summary>
    private IEnumerable<string> Truth(Entity entity)
    {
        var data = fixture.Sandbox.Data;
        lock (data.Gate)
        {
            var assets = data.All("Asset").ToList();
            var requested = data.All("WorkOrderStatus").Where(s => L(s["intControlID"]) == FiixCodes.RequestedControl).Select(s => L(s["id"])).ToHashSet();
            IEnumerable<JsonObject> rows = entity switch
            {
                Entity.Sites => assets.Where(a => L(a["bolIsSite"]) == 1),
                Entity.Locations => assets.Where(a => L(a["intSuperCategorySysCode"]) == 1 && L(a["bolIsSite"]) == 0),
                Entity.Assets => assets.Where(a => L(a["intSuperCategorySysCode"]) == 2),
                Entity.Parts => assets.Where(a => L(a["intSuperCategorySysCode"]) == 4),
                Entity.Users => data.All("User").Where(u => L(u["bolGroup"]) == 0),
                Entity.Vendors => data.All("Business"),
                Entity.WorkOrders => data.All("WorkOrder"),
                Entity.MaintenanceRequests => data.All("WorkOrder").Where(w => requested.Contains(L(w["intWorkOrderStatusID"]))),
                Entity.PurchaseOrders => data.All("PurchaseOrder"),
                Entity.PmSchedules => data.All("ScheduledMaintenance"),
                Entity.MeterReadings => data.All("MeterReading"),
                _ => throw new ArgumentOutOfRangeException(nameof(entity)),
            };
            return [.. rows.Select(r => L(r["id"]).ToString(System.Globalization.CultureInfo.InvariantCulture))];
        }
    }

    public static TheoryData<Entity> Offered => new(FiixSettings.Descriptor.Capabilities.Keys);

    [Fact]
    public async Task Check_DemoKeys_NamesTheTenant()
    {
        var check = await harness.Connector.CheckAsync(Connection(), CancellationToken.None);
        var pastedApiUrl = await harness.Connector.CheckAsync(FiixHarness.Connection(fixture.Host.ApiUrl), CancellationToken.None);

        Assert.True(check.IsSuccess, check.Failure?.Message);
        Assert.Equal($"{fixture.Host.TenantUrl.Authority}/sandbox/fiix", check.Value!.DisplayName);
        Assert.True(pastedApiUrl.IsSuccess, pastedApiUrl.Failure?.Message);
    }

    [Fact]
    public async Task Check_WrongKeysOrTenant_AreExplainedInPlainWords()
    {
        var wrongAccess = await harness.Connector.CheckAsync(FiixHarness.Connection(fixture.Host.TenantUrl, accessKey: "macmmsaakp-not-this-one"), CancellationToken.None);
        var wrongApp = await harness.Connector.CheckAsync(FiixHarness.Connection(fixture.Host.TenantUrl, appKey: "macmmsackp-not-this-one"), CancellationToken.None);
        var wrongSecret = await harness.Connector.CheckAsync(FiixHarness.Connection(fixture.Host.TenantUrl, secretKey: "macmmsaskp-not-this-one"), CancellationToken.None);
        var wrongTenant = await harness.Connector.CheckAsync(FiixHarness.Connection(new Uri(fixture.Host.TenantUrl, "../fiix-other/")), CancellationToken.None);
        var live = await harness.Connector.CheckAsync(FiixHarness.Connection(fixture.Host.TenantUrl, environment: "live"), CancellationToken.None);

        Assert.Equal(FailureCategory.AuthFailed, wrongAccess.Failure!.Category);
        Assert.Equal(ErrorCodes.ConnectionCredentialsInvalid, wrongAccess.Failure.Code);
        Assert.Contains("access key", wrongAccess.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureCategory.AuthFailed, wrongApp.Failure!.Category);
        Assert.Equal(FailureCategory.AuthFailed, wrongSecret.Failure!.Category);
        Assert.Contains("secret key", wrongSecret.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("macmmsaskp-not-this-one", wrongSecret.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureCategory.Config, wrongTenant.Failure!.Category);
        Assert.Contains("tenant URL", wrongTenant.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureCategory.Config, live.Failure!.Category);
    }

    [Fact]
    public async Task Check_ClockSkew_IsExplainedAsAClockProblem()
    {
        var skewed = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddMinutes(30));
        await using var host = await FiixSandboxHost.StartAsync(FiixSandboxFixture.Small(), skewed);

        var check = await harness.Connector.CheckAsync(FiixHarness.Connection(host.TenantUrl), CancellationToken.None);

        Assert.Equal(FailureCategory.Config, check.Failure!.Category);
        Assert.Contains("clock", check.Failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Offered))]
    public async Task ReadAll_EveryOfferedEntity_YieldsExactlyTheSandboxObjects_AndMaps(Entity entity)
    {
        var connection = Connection();
        var records = await harness.ReadAllAsync(connection, entity, pageSize: 37);

        Assert.Equal(Truth(entity).Order(), records.Select(r => r.RemoteId).Order());
        Assert.Equal(records.Count, records.Select(r => r.RemoteId).Distinct().Count());
        var type = EntityInfo.Of(entity).RecordType;
        foreach (var record in records)
        {
            var mapped = MappingEngine.Apply(FiixMapping.Defaults[entity], record, connection.ConnectionId);
            mapped["id"] = "x";
            mapped["remote_id"] = record.RemoteId;
            Assert.NotNull(JsonSerializer.Deserialize(mapped.ToJsonString(), type, MillwrightJson.Options));
        }
    }

    [Fact]
    public async Task WorkOrders_StatusByControlCode_RemoteStatusTheTenantName_LinksAndAssignees()
    {
        var connection = Connection();
        var records = await harness.ReadAllAsync(connection, Entity.WorkOrders, pageSize: 500);
        var mapped = records.Select(r => (Raw: r.Data, Fields: MappingEngine.Apply(FiixMapping.Defaults[Entity.WorkOrders], r, connection.ConnectionId))).ToList();

        var inService = mapped.Where(m => L(m.Raw["intWorkOrderStatusID"]) == 3).ToList();
        var waiting = mapped.Where(m => L(m.Raw["intWorkOrderStatusID"]) == 8).ToList();
        Assert.NotEmpty(inService);
        Assert.All(inService, m => Assert.Equal(("in_progress", "In Service"), ((string?)m.Fields["status"], (string?)m.Fields["remote_status"])));
        Assert.All(waiting, m => Assert.Equal(("on_hold", "Waiting for Parts"), ((string?)m.Fields["status"], (string?)m.Fields["remote_status"])));
        var linked = mapped.First(m => ((string?)m.Raw["strAssetIds"] ?? "").Contains(',', StringComparison.Ordinal));
        var assetIds = ((string)linked.Raw["strAssetIds"]!).Split(',');
        Assert.Equal(StableIds.For(connection.ConnectionId, Entity.Assets, assetIds[0]), (string?)linked.Fields["asset_id"]);
        Assert.Equal(assetIds.Select(a => StableIds.For(connection.ConnectionId, Entity.Assets, a)), linked.Fields["custom_fields"]!["asset_ids"]!.AsArray().Select(a => (string)a!));
        Assert.NotNull((string?)linked.Fields["location_id"]);
        var assigned = mapped.First(m => ((string?)m.Raw["strAssignedUserIds"] ?? "").Length > 0);
        Assert.Equal(((string)assigned.Raw["strAssignedUserIds"]!).Split(',').Select(u => StableIds.For(connection.ConnectionId, Entity.Users, u)),
            assigned.Fields["assignee_ids"]!.AsArray().Select(a => (string)a!));
        Assert.All(mapped, m => Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(L(m.Raw["dtmDateLastModified"])), records.Single(r => r.Data == m.Raw).RemoteUpdatedAt));
    }

    [Fact]
    public async Task PartsAndPurchaseOrders_CarryStockAndLines()
    {
        var connection = Connection();
        var part = (await harness.ReadAllAsync(connection, Entity.Parts)).First();
        var order = (await harness.ReadAllAsync(connection, Entity.PurchaseOrders)).First();
        var mappedPart = MappingEngine.Apply(FiixMapping.Defaults[Entity.Parts], part, connection.ConnectionId);
        var mappedOrder = MappingEngine.Apply(FiixMapping.Defaults[Entity.PurchaseOrders], order, connection.ConnectionId);

        var data = fixture.Sandbox.Data;
        List<JsonObject> stock, lines;
        lock (data.Gate)
        {
            stock = [.. data.All("Stock").Where(s => L(s["intAssetID"]) == long.Parse(part.RemoteId, System.Globalization.CultureInfo.InvariantCulture))];
            lines = [.. data.All("PurchaseOrderLineItem").Where(l => L(l["intPurchaseOrderID"]) == long.Parse(order.RemoteId, System.Globalization.CultureInfo.InvariantCulture))];
        }

        Assert.Equal(stock.Count, mappedPart["stock"]!.AsArray().Count);
        Assert.Equal(stock.Sum(s => (decimal)s["qtyOnHand"]!), (decimal)mappedPart["total_quantity"]!);
        Assert.Equal(lines.Count, mappedOrder["line_items"]!.AsArray().Count);
        Assert.Equal(StableIds.For(connection.ConnectionId, Entity.Vendors, ((long)lines[0]["intSupplierID"]!).ToString(System.Globalization.CultureInfo.InvariantCulture)), (string?)mappedOrder["vendor_id"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(lines.Min(l => (long)l["dtmDateCreated"]!)), order.RemoteCreatedAt);
    }
}
