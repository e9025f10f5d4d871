using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Connectors.Vendors.Maximo;
using Millwright.Sandbox.Maximo;
using Millwright.Tests.Sandbox.Maximo;

namespace Millwright.Tests.Connectors.Vendors.Maximo;

/// <summary>The Maximo connector against the Maximo sandbox, over real HTTP on loopback.</summary>
public sealed class MaximoSandboxConnectorTests(MaximoSandboxFixture fixture) : IClassFixture<MaximoSandboxFixture>, IDisposable
{
    private readonly MaximoHarness harness = new();

    private ConnectionContext Connection(string apiKey = MaximoSandboxSettings.DemoApiKey) =>
        MaximoHarness.Connection(fixture.Host.BaseUrl.ToString(), apiKey);

    public void Dispose() => harness.Dispose();

    /// <summary>Where the sandbox lists each entity, and how its remote id is made from a member.</summary>
    private static readonly Dictionary<Entity, (string Url, Func<JsonObject, IEnumerable<string>> Ids)> Truth = new()
    {
        [Entity.Sites] = ("api/os/mxapiorganization?oslc.select=site{siteid}", o => o["site"]!.AsArray().Select(s => (string)s!["siteid"]!)),
        [Entity.Locations] = ("api/os/mxapilocations?oslc.select=siteid,location", l => [$"{l["siteid"]}/{l["location"]}"]),
        [Entity.Users] = ("api/os/mxapiperson?oslc.select=personid", p => [(string)p["personid"]!]),
        [Entity.Vendors] = ("api/os/mxapivendor?oslc.select=orgid,company", v => [$"{v["orgid"]}/{v["company"]}"]),
        [Entity.Assets] = ("api/os/mxapiasset?oslc.select=siteid,assetnum", a => [$"{a["siteid"]}/{a["assetnum"]}"]),
        [Entity.Parts] = ("api/os/mxapiitem?oslc.select=itemsetid,itemnum", i => [$"{i["itemsetid"]}/{i["itemnum"]}"]),
        [Entity.PurchaseOrders] = ("api/os/mxapipo?oslc.select=siteid,ponum,revisionnum", p => [$"{p["siteid"]}/{p["ponum"]}/{p["revisionnum"]}"]),
        [Entity.MaintenanceRequests] = ("api/os/mxapisr?oslc.select=class,ticketid", s => [$"{s["class"]}/{s["ticketid"]}"]),
        [Entity.WorkOrders] = ("api/os/mxapiwodetail?oslc.select=siteid,wonum", w => [$"{w["siteid"]}/{w["wonum"]}"]),
        [Entity.Teams] = ("api/os/mxapipersongroup?oslc.select=persongroup", g => [(string)g["persongroup"]!]),
        [Entity.Meters] = ("api/os/mxapiasset?oslc.select=siteid,assetnum,assetmeter{metername}",
            a => a["assetmeter"]?.AsArray().Select(m => $"{a["siteid"]}/{a["assetnum"]}/{m!["metername"]}") ?? []),
        [Entity.MeterReadings] = ("api/os/mxapiasset?oslc.select=siteid,assetmeter{meterreading{meterreadingid},measurement{measurementid}}",
            a => a["assetmeter"]?.AsArray().SelectMany(m => m!["meterreading"]!.AsArray().Select(r => $"{a["siteid"]}/{r!["meterreadingid"]}")
                .Concat(m["measurement"]!.AsArray().Select(r => $"MEASUREMENT/{r!["measurementid"]}"))) ?? []),
        [Entity.PmSchedules] = ("api/os/mxapipm?oslc.select=siteid,pmnum", p => [$"{p["siteid"]}/{p["pmnum"]}"]),
    };

    [Fact]
    public async Task Check_ApiKeyOrUserAndPassword_NamesTheOrganization()
    {
        var byKey = await harness.Connector.CheckAsync(Connection(), CancellationToken.None);
        var byUser = await harness.Connector.CheckAsync(
            MaximoHarness.Connection(fixture.Host.BaseUrl.ToString(), user: MaximoSandboxSettings.DemoUser.ToLowerInvariant(), password: MaximoSandboxSettings.DemoPassword),
            CancellationToken.None);
        var pastedRoute = await harness.Connector.CheckAsync(MaximoHarness.Connection(fixture.Host.BaseUrl + "oslc/", MaximoSandboxSettings.DemoApiKey), CancellationToken.None);

        Assert.True(byKey.IsSuccess, byKey.Failure?.Message);
        Assert.Equal("NWNA (SPRFLD)", byKey.Value!.DisplayName);
        Assert.True(byUser.IsSuccess, byUser.Failure?.Message);
        Assert.True(pastedRoute.IsSuccess, pastedRoute.Failure?.Message);
    }

    [Fact]
    public async Task Check_BadCredentialsOrUrl_AreClassifiedInPlainWords()
    {
        var revoked = Connection(MaximoSandboxSettings.RevokedApiKey);
        var check = await harness.Connector.CheckAsync(revoked, CancellationToken.None);
        var read = await harness.Connector.ReadPageAsync(revoked, new ReadRequest(Entity.WorkOrders, null, null, 50), CancellationToken.None);
        var wrongPassword = await harness.Connector.CheckAsync(
            MaximoHarness.Connection(fixture.Host.BaseUrl.ToString(), user: MaximoSandboxSettings.DemoUser, password: "nope"), CancellationToken.None);
        var notMaximo = await harness.Connector.CheckAsync(
            MaximoHarness.Connection(new Uri(fixture.Host.BaseUrl, "../elsewhere").ToString(), MaximoSandboxSettings.DemoApiKey), CancellationToken.None);
        var noCredentials = await harness.Connector.CheckAsync(MaximoHarness.Connection(fixture.Host.BaseUrl.ToString()), CancellationToken.None);
        var liveHttp = await harness.Connector.CheckAsync(MaximoHarness.Connection("http://manage.example.com/maximo", "k", environment: "live"), CancellationToken.None);

        Assert.Equal(FailureCategory.AuthFailed, check.Failure!.Category);
        Assert.Equal(FailureCategory.AuthFailed, read.Failure!.Category);
        Assert.Equal(401, read.Failure.UpstreamStatus);
        Assert.Contains("BMXAA7901E", read.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(MaximoSandboxSettings.RevokedApiKey, read.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureCategory.AuthFailed, wrongPassword.Failure!.Category);
        Assert.Equal(FailureCategory.Config, notMaximo.Failure!.Category);
        Assert.Equal(FailureCategory.Config, noCredentials.Failure!.Category);
        Assert.Contains("API key, or a user name and password", noCredentials.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureCategory.Config, liveHttp.Failure!.Category);
    }

    [Fact]
    public async Task ReadPage_EveryEntity_PagesToTheEndAndMapsIntoClientRecords()
    {
        using var client = fixture.Client();
        var connection = Connection();
        var ids = new Dictionary<Entity, HashSet<string>>();
        var mapped = new Dictionary<Entity, List<JsonObject>>();
        foreach (var entity in EntityInfo.All.Select(e => e.Entity).Where(MaximoSettings.Descriptor.Capabilities.ContainsKey))
        {
            var (url, idsOf) = Truth[entity];
            var expected = (await client.WalkAsync(url)).SelectMany(idsOf).ToHashSet();

            var records = await harness.ReadAllAsync(connection, entity, pageSize: 45);

            Assert.Equal(records.Count, records.Select(r => r.RemoteId).Distinct().Count());
            Assert.True(expected.SetEquals(records.Select(r => r.RemoteId)), $"{entity}: {expected.Count} in the sandbox, {records.Count} read");
            ids[entity] = expected;
            mapped[entity] = [.. records.Select(r => Map(connection, entity, r))];
        }

        string StableId(Entity entity, string remoteId) => StableIds.For(connection.ConnectionId, entity, remoteId);
        HashSet<string> All(Entity entity) => ids[entity].Select(i => StableId(entity, i)).ToHashSet();
        var (sites, locations, assets, users, workOrders, parts, vendors) =
            (All(Entity.Sites), All(Entity.Locations), All(Entity.Assets), All(Entity.Users), All(Entity.WorkOrders), All(Entity.Parts), All(Entity.Vendors));
        Assert.All(mapped[Entity.WorkOrders], wo =>
        {
            Assert.Contains((string)wo["site_id"]!, sites);
            Assert.Contains((string)wo["location_id"]!, locations);
            Assert.Contains((string)wo["asset_id"]!, assets);
            Assert.Contains((string)wo["requested_by_id"]!, users);
            Assert.All(wo["assignee_ids"]!.AsArray(), a => Assert.Contains((string)a!, users));
            Assert.NotNull(wo["status"]);
            Assert.NotNull(wo["priority"]);
        });
        Assert.All(mapped[Entity.Locations], l => Assert.Contains((string)l["site_id"]!, sites));
        Assert.Equal(ids[Entity.Sites].Count, mapped[Entity.Locations].Count(l => l["parent_id"] is null));
        Assert.All(mapped[Entity.Locations].Where(l => l["parent_id"] is not null), l => Assert.Contains((string)l["parent_id"]!, locations));
        Assert.Contains(mapped[Entity.Assets], a => a["parent_id"] is not null);
        Assert.All(mapped[Entity.Assets].Where(a => a["parent_id"] is not null), a => Assert.Contains((string)a["parent_id"]!, assets));
        Assert.Contains(mapped[Entity.MaintenanceRequests], r => r["work_order_id"] is not null);
        Assert.All(mapped[Entity.MaintenanceRequests].Where(r => r["work_order_id"] is not null), r => Assert.Contains((string)r["work_order_id"]!, workOrders));
        Assert.All(mapped[Entity.PurchaseOrders], po =>
        {
            Assert.Contains((string)po["vendor_id"]!, vendors);
            Assert.NotEmpty(po["line_items"]!.AsArray());
            Assert.All(po["line_items"]!.AsArray(), line => Assert.Contains((string)line!["part_id"]!, parts));
        });
        Assert.Contains(mapped[Entity.Parts], p => p["stock"]!.AsArray().Count > 0);
        Assert.All(mapped[Entity.Parts].SelectMany(p => p["stock"]!.AsArray()), s => Assert.Contains((string)s!["location_id"]!, locations));
        Assert.All(mapped[Entity.Users], u => Assert.NotNull(u["is_active"]));
        var (teams, meters, pms) = (All(Entity.Teams), All(Entity.Meters), All(Entity.PmSchedules));
        Assert.All(mapped[Entity.Teams], t => Assert.All(t["member_ids"]!.AsArray(), m => Assert.Contains((string)m!, users)));
        Assert.All(mapped[Entity.Teams], t => Assert.NotEmpty(t["member_ids"]!.AsArray()));
        Assert.All(mapped[Entity.WorkOrders], wo => Assert.All(wo["team_ids"]!.AsArray(), t => Assert.Contains((string)t!, teams)));
        Assert.Contains(mapped[Entity.WorkOrders], wo => wo["pm_schedule_id"] is not null);
        Assert.All(mapped[Entity.WorkOrders].Where(wo => wo["pm_schedule_id"] is not null), wo => Assert.Contains((string)wo["pm_schedule_id"]!, pms));
        Assert.All(mapped[Entity.Meters], m =>
        {
            Assert.Contains((string)m["asset_id"]!, assets);
            Assert.Contains((string)m["location_id"]!, locations);
            Assert.Contains((string?)m["custom_fields"]!["meter_type"], MeterTypes);
            Assert.NotNull(m["last_reading_at"]);
        });
        Assert.Equal(MeterTypes.Order(), mapped[Entity.Meters].Select(m => (string)m["custom_fields"]!["meter_type"]!).Distinct().Order());
        Assert.All(mapped[Entity.Meters].Where(m => (string?)m["custom_fields"]!["meter_type"] != "characteristic"), m => Assert.NotNull(m["last_reading_value"]));
        Assert.All(mapped[Entity.MeterReadings], r =>
        {
            Assert.Contains((string)r["meter_id"]!, meters);
            Assert.NotNull(r["read_at"]);
            Assert.True(r["value"] is not null || r["custom_fields"]!["observation"] is not null);
        });
        Assert.All(mapped[Entity.PmSchedules], pm =>
        {
            Assert.Contains((string)pm["location_id"]!, locations);
            Assert.NotNull(pm["interval_value"]);
            Assert.NotNull(pm["interval_unit"]);
        });
        Assert.Contains(mapped[Entity.PmSchedules], pm => (string?)pm["interval_unit"] is "HOURS" or "MILES" or "EACH" && pm["custom_fields"]!["meter_id"] is { } meter && meters.Contains((string)meter!));
        Assert.Contains(mapped[Entity.PmSchedules], pm => (string?)pm["interval_unit"] is "day" or "week" or "month" or "year");
    }

    private static readonly string[] MeterTypes = ["continuous", "gauge", "characteristic"];

    [Fact]
    public async Task ReadPage_Incremental_ReadsOnlyWhatChangedSinceViaChangedate()
    {
        using var client = fixture.Client();
        var all = await harness.ReadAllAsync(Connection(), Entity.WorkOrders, pageSize: 100);
        var target = all.First(r => (string?)r.Data["status"] == "APPR");
        fixture.Time.Advance(TimeSpan.FromHours(1));
        var checkpoint = fixture.Time.GetUtcNow();
        var href = (await client.GetObjectAsync($"api/os/mxapiwodetail?oslc.select=wonum&oslc.where=wonum=\"{target.Data["wonum"]}\" and siteid=\"{target.Data["siteid"]}\""))["member"]![0]!["href"]!.ToString();
        using (var update = await client.PostJsonAsync(href, new { status = "INPRG" }, ("x-method-override", "PATCH")))
        {
            Assert.True(update.IsSuccessStatusCode);
        }

        var changed = await harness.ReadAllAsync(Connection(), Entity.WorkOrders, modifiedSince: checkpoint, pageSize: 100);

        var record = Assert.Single(changed);
        Assert.Equal(target.RemoteId, record.RemoteId);
        Assert.Equal("INPRG", (string?)record.Data["status"]);
        Assert.Equal(checkpoint, record.RemoteUpdatedAt);
        Assert.True(all.Count > 100);
    }

    [Fact]
    public async Task ReadPage_StableSetExpiredMidRead_RestartsTheReadInsteadOfFailing()
    {
        var connection = Connection();
        var first = await harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Assets, null, null, 10), CancellationToken.None);
        fixture.Time.Advance(fixture.Sandbox.Settings.StablePagingLifetime + TimeSpan.FromMinutes(1));

        var second = await harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Assets, first.Value!.NextCursor, null, 10), CancellationToken.None);

        Assert.True(second.IsSuccess, second.Failure?.Message);
        Assert.Equal(first.Value.Records.Select(r => r.RemoteId), second.Value!.Records.Select(r => r.RemoteId));
        Assert.NotNull(second.Value.NextCursor);
    }

    [Fact]
    public async Task ReadPage_Faults_AreRetriedOrClassified()
    {
        var connection = Connection();
        try
        {
            fixture.Sandbox.Faults.ForceStatus(500, 2);
            var recovered = await harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Users, null, null, 10), CancellationToken.None);
            fixture.Sandbox.Faults.ForceStatus(503, 10);
            var down = await harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Users, null, null, 10), CancellationToken.None);
            fixture.Sandbox.Faults.Reset();
            fixture.Sandbox.Faults.ForceStatus(429, 10);
            var throttled = await harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Users, null, null, 10), CancellationToken.None);

            Assert.True(recovered.IsSuccess, recovered.Failure?.Message);
            Assert.Equal(FailureCategory.Transient, down.Failure!.Category);
            Assert.Equal(503, down.Failure.UpstreamStatus);
            Assert.Equal(FailureCategory.RateLimited, throttled.Failure!.Category);
            Assert.Equal(TimeSpan.FromSeconds(1), throttled.Failure.RetryAfter);
        }
        finally
        {
            fixture.Sandbox.Faults.Reset();
        }
    }

    [Fact]
    public async Task ReadPage_NextPageLinkToAnotherHost_IsNotFollowed()
    {
        using var scripted = new MaximoHarness(_ => MaintainX.MaintainXHarness.Respond(System.Net.HttpStatusCode.OK,
            "{\"member\":[{\"personid\":\"A\"}],\"responseInfo\":{\"nextPage\":{\"href\":\"https://attacker.example/maximo/api/os/mxapiperson?pageno=2\"}}}"));
        var connection = MaximoHarness.Connection("https://manage.example.com/maximo", "secret-key", environment: "live");

        var first = await scripted.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Users, null, null, 10), CancellationToken.None);
        var second = await scripted.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Users, first.Value!.NextCursor, null, 10), CancellationToken.None);

        Assert.Equal("A", Assert.Single(first.Value.Records).RemoteId);
        Assert.Equal(FailureCategory.Permanent, second.Failure!.Category);
        Assert.Single(scripted.Transport!.Requests);
        var sent = scripted.Transport.Requests[0];
        Assert.Equal("secret-key", sent.Headers.GetValues("apikey").Single());
        Assert.StartsWith("https://manage.example.com/maximo/api/os/mxapiperson?lean=1", sent.RequestUri!.ToString(), StringComparison.Ordinal);
    }

    private static JsonObject Map(ConnectionContext connection, Entity entity, RawRecord record)
    {
        var mapped = MappingEngine.Apply(MaximoMapping.Defaults[entity], record, connection.ConnectionId);
        var envelope = mapped.DeepClone().AsObject();
        envelope["id"] = StableIds.For(connection.ConnectionId, entity, record.RemoteId);
        envelope["remote_id"] = record.RemoteId;
        Assert.NotNull(envelope.Deserialize(EntityInfo.Of(entity).RecordType, Millwright.Client.Models.MillwrightJson.Options));
        return mapped;
    }
}
