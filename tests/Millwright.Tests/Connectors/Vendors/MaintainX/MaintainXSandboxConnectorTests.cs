using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Connectors.Vendors.MaintainX;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Sandbox.MaintainX;

namespace Millwright.Tests.Connectors.Vendors.MaintainX;

/// <summary>The MaintainX connector against the MaintainX sandbox, over real HTTP on loopback.</summary>
public sealed class MaintainXSandboxConnectorTests(MaintainXSandboxFixture fixture) : IClassFixture<MaintainXSandboxFixture>, IDisposable
{
    private readonly MaintainXHarness harness = new();

    private ConnectionContext Connection(string apiKey = MaintainXSandboxSettings.DemoApiKey, string? organizationId = null) =>
        MaintainXHarness.Connection(fixture.Host.ApiBaseUrl.ToString(), "test", organizationId, apiKey);

    public void Dispose() => harness.Dispose();

    /// <summary>Where the sandbox lists each entity and which items count (sites are the top-level locations).</summary>
    private static readonly Dictionary<Entity, (string Path, string Envelope, Func<JsonObject, bool> Keep)> Truth = new()
    {
        [Entity.Sites] = ("locations?limit=200", "locations", l => l["parentId"] is null),
        [Entity.Locations] = ("locations?limit=200", "locations", _ => true),
        [Entity.Users] = ("users?limit=200", "users", _ => true),
        [Entity.Teams] = ("teams?limit=200", "teams", _ => true),
        [Entity.Vendors] = ("vendors?limit=200", "vendors", _ => true),
        [Entity.Assets] = ("assets?limit=200", "assets", _ => true),
        [Entity.Parts] = ("parts?limit=200", "parts", _ => true),
        [Entity.Meters] = ("meters?limit=200", "meters", _ => true),
        [Entity.PmSchedules] = ("maintenanceplans?limit=200", "maintenancePlans", _ => true),
        [Entity.PurchaseOrders] = ("purchaseorders?limit=200", "purchaseOrders", _ => true),
        [Entity.MaintenanceRequests] = ("workrequests?limit=200", "workRequests", _ => true),
        [Entity.WorkOrders] = ("workorders?limit=200&show_upcoming=true", "workOrders", _ => true),
    };

    [Fact]
    public async Task Check_DemoKey_NamesTheOrganization()
    {
        var result = await harness.Connector.CheckAsync(Connection(), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.False(string.IsNullOrWhiteSpace(result.Value!.DisplayName));
    }

    [Fact]
    public async Task Check_RevokedKey_IsAuthFailed_AndSoIsAnyRead()
    {
        var connection = Connection(MaintainXSandboxSettings.RevokedApiKey);

        var check = await harness.Connector.CheckAsync(connection, CancellationToken.None);
        var read = await harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.WorkOrders, null, null, 50), CancellationToken.None);

        Assert.Equal(FailureCategory.AuthFailed, check.Failure!.Category);
        Assert.Equal(FailureCategory.AuthFailed, read.Failure!.Category);
        Assert.Equal(401, read.Failure.UpstreamStatus);
        Assert.DoesNotContain(MaintainXSandboxSettings.RevokedApiKey, read.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MultiOrganizationKey_NeedsAndAcceptsAnOrganization()
    {
        var without = await harness.Connector.CheckAsync(Connection(MaintainXSandboxSettings.MultiOrgApiKey), CancellationToken.None);
        var unknown = await harness.Connector.CheckAsync(Connection(MaintainXSandboxSettings.MultiOrgApiKey, "999"), CancellationToken.None);
        var second = Connection(MaintainXSandboxSettings.MultiOrgApiKey, MaintainXSandboxSettings.SecondOrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var with = await harness.Connector.CheckAsync(second, CancellationToken.None);
        var read = await harness.Connector.ReadPageAsync(second, new ReadRequest(Entity.Assets, null, null, 10), CancellationToken.None);

        Assert.Equal(FailureCategory.Config, without.Failure!.Category);
        Assert.Contains("several MaintainX organizations", without.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureCategory.Config, unknown.Failure!.Category);
        Assert.True(with.IsSuccess, with.Failure?.Message);
        Assert.True(read.IsSuccess, read.Failure?.Message);
        Assert.NotEmpty(read.Value!.Records);
    }

    [Fact]
    public async Task ReadPage_EveryEntity_PagesToTheEndAndMapsIntoClientRecords()
    {
        using var client = fixture.Client();
        var connection = Connection();
        var ids = new Dictionary<Entity, HashSet<string>>();
        var mapped = new Dictionary<Entity, List<JsonObject>>();
        foreach (var entity in EntityInfo.All.Select(e => e.Entity).Where(e => MaintainXSettings.Descriptor.Capabilities.GetValueOrDefault(e)?.Read == true))
        {
            var (path, envelope, keep) = Truth[entity];
            var expected = (await client.WalkAsync(path, envelope)).Where(keep).Select(d => RemoteIds.Normalize(d["id"])!).ToHashSet();

            var records = await harness.ReadAllAsync(connection, entity, pageSize: entity == Entity.WorkOrders ? 200 : 40);

            Assert.Equal(records.Count, records.Select(r => r.RemoteId).Distinct().Count());
            Assert.True(expected.SetEquals(records.Select(r => r.RemoteId)), $"{entity}: {expected.Count} in the sandbox, {records.Count} read");
            ids[entity] = expected;
            mapped[entity] = records.Select(r => Map(connection, entity, r)).ToList();
        }

        // References resolve: ref(...) in the default mappings gives the ids of records that were read.
        string StableId(Entity entity, string remoteId) => StableIds.For(connection.ConnectionId, entity, remoteId);
        var sites = ids[Entity.Sites].Select(i => StableId(Entity.Sites, i)).ToHashSet();
        var locations = ids[Entity.Locations].Select(i => StableId(Entity.Locations, i)).ToHashSet();
        var assets = ids[Entity.Assets].Select(i => StableId(Entity.Assets, i)).ToHashSet();
        var users = ids[Entity.Users].Select(i => StableId(Entity.Users, i)).ToHashSet();
        Assert.All(mapped[Entity.WorkOrders], wo =>
        {
            AssertIn(sites, wo["site_id"]);
            AssertIn(locations, wo["location_id"]);
            AssertIn(assets, wo["asset_id"]);
            Assert.All(wo["assignee_ids"]!.AsArray(), a => AssertIn(users, a));
        });
        Assert.All(mapped[Entity.Assets], a => AssertIn(sites, a["site_id"]));
        Assert.All(mapped[Entity.Locations], l => Assert.Contains((string)l["site_id"]!, sites));
        Assert.Contains(mapped[Entity.WorkOrders], wo => wo["site_id"] is not null);
        Assert.Contains(mapped[Entity.PurchaseOrders], po => po["line_items"]!.AsArray().Count > 0);
        Assert.Contains(mapped[Entity.Parts], p => p["stock"]!.AsArray().Count > 0);
        Assert.Contains(mapped[Entity.Teams], t => t["member_ids"]!.AsArray().Count > 0);
        Assert.Equal(ids[Entity.Sites].Count, ids[Entity.Sites].Count(s => mapped[Entity.Sites].Any(m => m["name"] is not null)));
    }

    [Fact]
    public async Task ReadPage_Incremental_ReturnsOnlyChangesAndDeletionsSinceTheCheckpoint()
    {
        using var client = fixture.Client();
        var workOrders = (await client.GetObjectAsync("workorders?limit=3"))["workOrders"]!.AsArray();
        var changedId = RemoteIds.Normalize(workOrders[0]!["id"])!;
        var deletedId = RemoteIds.Normalize(workOrders[1]!["id"])!;
        var asset = RemoteIds.Normalize((await client.GetObjectAsync("assets?limit=1"))["assets"]![0]!["id"])!;
        fixture.Time.Advance(TimeSpan.FromHours(1));
        var checkpoint = fixture.Time.GetUtcNow();

        using (var patch = await client.SendJsonAsync(HttpMethod.Patch, $"workorders/{changedId}", new { title = "Changed after the checkpoint" }))
        {
            Assert.True(patch.IsSuccessStatusCode);
        }

        using (var delete = await client.DeleteAsync($"workorders/{deletedId}"))
        {
            Assert.True(delete.IsSuccessStatusCode);
        }

        using (var patch = await client.SendJsonAsync(HttpMethod.Patch, $"assets/{asset}", new { name = "Renamed after the checkpoint" }))
        {
            Assert.True(patch.IsSuccessStatusCode);
        }

        var connection = Connection();
        var changes = await harness.ReadAllAsync(connection, Entity.WorkOrders, checkpoint);
        var assetChanges = await harness.ReadAllAsync(connection, Entity.Assets, checkpoint);

        Assert.Equal(new[] { changedId, deletedId }.Order(StringComparer.Ordinal), changes.Select(r => r.RemoteId).Order(StringComparer.Ordinal));
        Assert.All(changes, r => Assert.True(r.RemoteUpdatedAt >= checkpoint));
        Assert.Equal("Changed after the checkpoint", (string?)Map(connection, Entity.WorkOrders, changes.Single(r => r.RemoteId == changedId))["title"]);
        Assert.NotNull(changes.Single(r => r.RemoteId == deletedId).RemoteDeletedAt);
        Assert.Null(changes.Single(r => r.RemoteId == changedId).RemoteDeletedAt);
        Assert.Equal([asset], assetChanges.Select(r => r.RemoteId));
    }

    [Fact]
    public async Task ReadPage_VendorHandsOutACursorAgain_StopsInsteadOfLooping()
    {
        var connection = Connection();
        var first = await harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.WorkOrders, null, null, 10), CancellationToken.None);
        var second = await harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.WorkOrders, first.Value!.NextCursor, null, 10), CancellationToken.None);
        Assert.True(second.IsSuccess);

        // A vendor that ignores the cursor it is given answers the page-1 cursor with the page-2 cursor again:
        // replay that by asking for page 2 from the state after page 2.
        var afterSecond = PagingCursor.Decode(second.Value!.NextCursor)!;
        var replay = afterSecond with { Vendor = PagingCursor.Decode(first.Value.NextCursor)!.Vendor };
        var third = await harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.WorkOrders, replay.Encode(), null, 10), CancellationToken.None);

        Assert.Equal(FailureCategory.Permanent, third.Failure!.Category);
        Assert.Contains("already returned", third.Failure.Message, StringComparison.Ordinal);
    }

    private static JsonObject Map(ConnectionContext connection, Entity entity, RawRecord record)
    {
        var mapped = MappingEngine.Apply(MaintainXMapping.Defaults[entity], record, connection.ConnectionId);
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
