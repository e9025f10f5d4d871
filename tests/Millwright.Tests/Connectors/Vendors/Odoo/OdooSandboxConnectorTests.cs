using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Connectors.Vendors.Odoo;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.Odoo;
using Millwright.Tests.Sandbox.Odoo;

namespace Millwright.Tests.Connectors.Vendors.Odoo;

/// <summary>Legacy JSON-RPC: the sandbox reports 18.0.</summary>
public sealed class OdooJsonRpcConnectorTests(OdooSandboxFixture fixture) : OdooConnectorContract(fixture, "/jsonrpc"), IClassFixture<OdooSandboxFixture>
{
    [Fact]
    public async Task Check_Password_WorksOverJsonRpc()
    {
        var check = await Harness.Connector.CheckAsync(Connection(OdooSandboxSettings.DemoPassword), CancellationToken.None);

        Assert.True(check.IsSuccess, check.Failure?.Message);
    }

    [Fact]
    public async Task ReadPage_AppNotInstalled_IsAnEmptyList()
    {
        var settings = OdooSandboxFixture.Small();
        settings.PurchaseInstalled = false;
        settings.StockInstalled = false;
        await using var host = await SandboxHost.StartAsync(new OdooSandboxModule(), settings, Fixture.Time);
        var connection = OdooHarness.Connection(host.BaseUrl);

        var orders = await Harness.ReadAllAsync(connection, Entity.PurchaseOrders);
        var locations = await Harness.ReadAllAsync(connection, Entity.Locations);
        var parts = await Harness.ReadAllAsync(connection, Entity.Parts);

        Assert.Empty(orders);
        Assert.Empty(locations);
        Assert.NotEmpty(parts);
        Assert.All(parts, p => Assert.Empty(p.Data["_millwright"]!["stock"]!.AsArray()));
    }

    [Fact]
    public async Task Check_JsonTwoPinnedOn18_IsAConfigError()
    {
        var check = await Harness.Connector.CheckAsync(OdooHarness.Connection(Fixture.Host.BaseUrl, protocol: "json-2"), CancellationToken.None);

        Assert.Equal(FailureCategory.Config, check.Failure!.Category);
        Assert.Contains("Odoo 19", check.Failure.Message, StringComparison.Ordinal);
    }
}

/// <summary>JSON-2: the sandbox reports 19.0, so reads go to /json/2 with the bearer key.</summary>
public sealed class OdooJson2ConnectorTests(OdooSandbox19Fixture fixture) : OdooConnectorContract(fixture, "/json/2/"), IClassFixture<OdooSandbox19Fixture>
{
    [Fact]
    public async Task Check_PasswordOn19_FallsBackToJsonRpc()
    {
        var connection = Connection(OdooSandboxSettings.DemoPassword);
        var check = await Harness.Connector.CheckAsync(connection, CancellationToken.None);
        Harness.Paths.Clear();
        await Harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Teams, null, null, 10), CancellationToken.None);

        Assert.True(check.IsSuccess, check.Failure?.Message);
        Assert.All(Harness.Paths, p => Assert.EndsWith("/jsonrpc", p, StringComparison.Ordinal));
    }
}

/// <summary>What the connector must do on either protocol, against the sandbox over loopback.</summary>
public abstract class OdooConnectorContract(OdooSandboxFixture fixture, string protocolPath) : IDisposable
{
    internal OdooHarness Harness { get; } = new();

    protected OdooSandboxFixture Fixture { get; } = fixture;

    protected ConnectionContext Connection(string secret = OdooSandboxSettings.DemoApiKey) => OdooHarness.Connection(Fixture.Host.BaseUrl, secret);

    public void Dispose()
    {
        Harness.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Where each entity's truth is in the sandbox: model, domain, context.</summary>
    private static readonly Dictionary<Entity, (string Model, string Domain, bool Archived)> Truth = new()
    {
        [Entity.Locations] = ("stock.location", """[["usage", "in", ["internal", "view"]]]""", true),
        [Entity.Users] = ("res.users", """[["share", "=", false]]""", true),
        [Entity.Teams] = ("maintenance.team", "[]", true),
        [Entity.Vendors] = ("res.partner", """[["supplier_rank", ">", 0]]""", true),
        [Entity.Assets] = ("maintenance.equipment", "[]", true),
        [Entity.Parts] = ("product.product", """[["type", "!=", "service"]]""", true),
        [Entity.PmSchedules] = ("maintenance.request", """[["maintenance_type", "=", "preventive"], ["recurring_maintenance", "=", true], ["stage_id.done", "=", false]]""", false),
        [Entity.PurchaseOrders] = ("purchase.order", "[]", false),
        [Entity.MaintenanceRequests] = ("maintenance.request", "[]", false),
        [Entity.WorkOrders] = ("maintenance.request", "[]", false),
    };

    private async Task<HashSet<string>> TruthAsync(Entity entity)
    {
        var (model, domain, archived) = Truth[entity];
        using var client = Fixture.Client();
        var ids = await client.ExecuteAsync(model, "search", [JsonNode.Parse(domain)], new { context = new { active_test = !archived } });
        return [.. ids!.AsArray().Select(i => ((int)i!).ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }

    [Fact]
    public async Task Check_ApiKey_SignsInOnTheExpectedProtocol()
    {
        var connection = Connection();
        var check = await Harness.Connector.CheckAsync(connection, CancellationToken.None);
        Harness.Paths.Clear();
        var page = await Harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.WorkOrders, null, null, 10), CancellationToken.None);

        Assert.True(check.IsSuccess, check.Failure?.Message);
        Assert.Equal($"Millwright Demo Plant ({OdooSandboxSettings.DemoDatabase})", check.Value!.DisplayName);
        Assert.True(page.IsSuccess, page.Failure?.Message);
        Assert.Contains(Harness.Paths, p => p.Contains(protocolPath, StringComparison.Ordinal) && (protocolPath == "/jsonrpc" || p.EndsWith("maintenance.request/search_read", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Check_WrongDatabaseWrongKeyAndUnreachableUrl_AreExplainedInPlainWords()
    {
        var wrongDatabase = await Harness.Connector.CheckAsync(OdooHarness.Connection(Fixture.Host.BaseUrl, database: "production"), CancellationToken.None);
        var wrongKey = await Harness.Connector.CheckAsync(Connection("0000000000000000000000000000000000000000"), CancellationToken.None);
        var revoked = await Harness.Connector.CheckAsync(Connection(OdooSandboxSettings.RevokedApiKey), CancellationToken.None);
        var unreachable = await Harness.Connector.CheckAsync(OdooHarness.Connection(new Uri("http://127.0.0.1:9/")), CancellationToken.None);
        var notOdoo = await Harness.Connector.CheckAsync(OdooHarness.Connection(new Uri(Fixture.Host.BaseUrl, "elsewhere/")), CancellationToken.None);
        var pasted = await Harness.Connector.CheckAsync(OdooHarness.Connection(new Uri(Fixture.Host.BaseUrl, "odoo/maintenance")), CancellationToken.None);
        var liveHttp = await Harness.Connector.CheckAsync(OdooHarness.Connection(new Uri("http://erp.example.com/"), environment: "live"), CancellationToken.None);

        Assert.Equal(FailureCategory.Config, wrongDatabase.Failure!.Category);
        Assert.Contains("There is no database 'production'", wrongDatabase.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(OdooSandboxSettings.DemoDatabase, wrongDatabase.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureCategory.AuthFailed, wrongKey.Failure!.Category);
        Assert.Contains("did not accept the login 'admin'", wrongKey.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureCategory.AuthFailed, revoked.Failure!.Category);
        Assert.DoesNotContain(OdooSandboxSettings.RevokedApiKey, revoked.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureCategory.Transient, unreachable.Failure!.Category);
        Assert.Contains("refused the connection", unreachable.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(FailureCategory.Config, notOdoo.Failure!.Category);
        Assert.Contains("does not look like an Odoo server", notOdoo.Failure.Message, StringComparison.Ordinal);
        Assert.True(pasted.IsSuccess, pasted.Failure?.Message);
        Assert.Equal(FailureCategory.Config, liveHttp.Failure!.Category);
    }

    [Fact]
    public async Task ReadPage_KeyRevokedAfterSignIn_IsAuthFailed()
    {
        const string key = OdooSandboxSettings.DemoApiKey;
        var connection = Connection();
        var before = await Harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Teams, null, null, 10), CancellationToken.None);
        Fixture.Sandbox.Faults.RevokeKey(key);
        try
        {
            var after = await Harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.WorkOrders, null, null, 10), CancellationToken.None);

            Assert.True(before.IsSuccess, before.Failure?.Message);
            Assert.Equal(FailureCategory.AuthFailed, after.Failure!.Category);
            Assert.DoesNotContain(key, after.Failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Fixture.Sandbox.Faults.RestoreKey(key);
        }
    }

    [Fact]
    public async Task ReadPage_RestrictedUserAndServerErrors_AreClassified()
    {
        var restricted = OdooHarness.Connection(Fixture.Host.BaseUrl, OdooSandboxSettings.RestrictedApiKey, login: OdooSandboxSettings.RestrictedLogin);
        var orders = await Harness.Connector.ReadPageAsync(restricted, new ReadRequest(Entity.PurchaseOrders, null, null, 10), CancellationToken.None);
        var work = await Harness.Connector.ReadPageAsync(restricted, new ReadRequest(Entity.WorkOrders, null, null, 10), CancellationToken.None);
        var connection = Connection();
        await Harness.Connector.CheckAsync(connection, CancellationToken.None);
        ConnectorResult<RawPage> failing, recovered;
        try
        {
            // Reads go over POST; they are retried like GETs, so two 500s in a row are absorbed.
            Fixture.Sandbox.Faults.ForceStatus(500, 2);
            Harness.Paths.Clear();
            recovered = await Harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Teams, null, null, 10), CancellationToken.None);
            Fixture.Sandbox.Faults.ForceStatus(502, 50);
            failing = await Harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Teams, null, null, 10), CancellationToken.None);
        }
        finally
        {
            Fixture.Sandbox.Faults.Reset();
        }

        Assert.Equal(FailureCategory.Permanent, orders.Failure!.Category);
        Assert.Contains("AccessError", orders.Failure.Message, StringComparison.Ordinal);
        Assert.True(work.IsSuccess, work.Failure?.Message);
        Assert.True(recovered.IsSuccess, recovered.Failure?.Message + " after " + string.Join(", ", Harness.Paths));
        Assert.Equal(FailureCategory.Transient, failing.Failure!.Category);
        Assert.Equal(502, failing.Failure.UpstreamStatus);
    }

    [Fact]
    public async Task ReadPage_EveryEntity_PagesToTheEndAndMapsIntoClientRecords()
    {
        var connection = Connection();
        var ids = new Dictionary<Entity, HashSet<string>>();
        var mapped = new Dictionary<Entity, List<JsonObject>>();
        foreach (var entity in EntityInfo.All.Select(e => e.Entity).Where(OdooSettings.Descriptor.Capabilities.ContainsKey))
        {
            var expected = await TruthAsync(entity);
            var records = await Harness.ReadAllAsync(connection, entity, pageSize: 37);

            Assert.Equal(records.Count, records.Select(r => r.RemoteId).Distinct().Count());
            Assert.True(expected.SetEquals(records.Select(r => r.RemoteId)), $"{entity}: {expected.Count} in the sandbox, {records.Count} read");
            Assert.NotEmpty(records);
            Assert.All(records, r => Assert.Null(r.RemoteDeletedAt));
            Assert.All(records, r => Assert.NotNull(r.RemoteUpdatedAt));
            ids[entity] = expected;
            mapped[entity] = [.. records.Select(r => Map(connection, entity, r))];
        }

        HashSet<string> All(Entity entity) => [.. ids[entity].Select(i => StableIds.For(connection.ConnectionId, entity, i))];
        var (assets, users, teams, parts, vendors, locations) = (All(Entity.Assets), All(Entity.Users), All(Entity.Teams), All(Entity.Parts), All(Entity.Vendors), All(Entity.Locations));
        Assert.All(mapped[Entity.WorkOrders], wo =>
        {
            Assert.True(wo["asset_id"] is null || assets.Contains((string)wo["asset_id"]!));
            Assert.All(wo["assignee_ids"]!.AsArray(), a => Assert.Contains((string)a!, users));
            Assert.All(wo["team_ids"]!.AsArray(), t => Assert.Contains((string)t!, teams));
            Assert.NotNull(wo["status"]);
            Assert.NotNull(wo["priority"]);
            Assert.NotNull(wo["remote_status"]);
        });
        Assert.Contains(mapped[Entity.WorkOrders], wo => wo["asset_id"] is not null);
        Assert.Contains(mapped[Entity.WorkOrders], wo => wo["pm_schedule_id"] is not null);
        Assert.All(mapped[Entity.Teams], t => Assert.All(t["member_ids"]!.AsArray(), m => Assert.Contains((string)m!, users)));
        Assert.Contains(mapped[Entity.Teams], t => t["member_ids"]!.AsArray().Count > 0);
        Assert.All(mapped[Entity.Parts], p => Assert.All(p["stock"]!.AsArray(), s => Assert.Contains((string)s!["location_id"]!, locations)));
        Assert.Contains(mapped[Entity.Parts], p => p["stock"]!.AsArray().Count > 0 && (decimal)p["total_quantity"]! >= 0);
        Assert.Contains(mapped[Entity.PurchaseOrders], po => po["line_items"]!.AsArray().Any(l => l!["part_id"] is not null));
        Assert.All(mapped[Entity.PurchaseOrders], po =>
        {
            Assert.Contains((string)po["vendor_id"]!, vendors);
            Assert.NotEmpty(po["line_items"]!.AsArray());
            Assert.All(po["line_items"]!.AsArray(), l => Assert.True(l!["part_id"] is null || parts.Contains((string)l["part_id"]!)));
        });
        Assert.All(mapped[Entity.Assets], a => Assert.True(a["serial_number"] is null || (string?)a["serial_number"] != "false"));
        Assert.All(mapped[Entity.PmSchedules], pm => Assert.NotNull(pm["interval_unit"]));
    }

    [Fact]
    public async Task Mapping_StatusFollowsStageDoneKanbanAndArchive()
    {
        var connection = Connection();
        var records = await Harness.ReadAllAsync(connection, Entity.WorkOrders, pageSize: 500);
        var stageNames = new Dictionary<int, string> { [1] = "New Request", [2] = "In Progress", [3] = "Repaired", [4] = "Scrap" };

        foreach (var record in records)
        {
            var wo = Map(connection, Entity.WorkOrders, record);
            var request = Map(connection, Entity.MaintenanceRequests, record);
            var data = record.Data;
            var stage = (int)data["stage_id"]![0]!;
            var done = stage is 3 or 4;
            var archived = (bool)data["archive"]!;
            var expected = done ? "completed" : archived ? "cancelled" : (string?)data["kanban_state"] == "blocked" ? "on_hold" : stage == 1 ? "open" : "in_progress";
            var expectedRequest = done ? "completed" : archived ? "declined" : stage == 1 ? "pending" : "approved";
            Assert.Equal(expected, (string?)wo["status"]);
            Assert.Equal(expectedRequest, (string?)request["status"]);
            Assert.Equal(stageNames[stage], (string?)wo["remote_status"]);
            Assert.Equal(data["priority"] is null ? "none" : (string?)data["priority"] switch { "0" or "1" => "low", "2" => "medium", _ => "high" }, (string?)wo["priority"]);
            Assert.Equal(StableIds.For(connection.ConnectionId, Entity.WorkOrders, record.RemoteId), (string?)request["work_order_id"]);
        }

        var statuses = records.Select(r => (string?)Map(connection, Entity.WorkOrders, r)["status"]).ToHashSet();
        Assert.Superset(new HashSet<string?> { "open", "in_progress", "on_hold", "completed", "cancelled" }, statuses);
    }

    [Fact]
    public async Task ReadPage_ArchivedRecords_AreReadAndNotDeleted()
    {
        var connection = Connection();
        var assets = await Harness.ReadAllAsync(connection, Entity.Assets, pageSize: 500);
        var teams = await Harness.ReadAllAsync(connection, Entity.Teams);
        var users = await Harness.ReadAllAsync(connection, Entity.Users);

        var scrapped = assets.Where(a => a.Data["active"]!.GetValueKind() == JsonValueKind.False).ToList();
        Assert.NotEmpty(scrapped);
        Assert.All(scrapped, a => Assert.Equal("retired", (string?)Map(connection, Entity.Assets, a)["status"]));
        Assert.All(assets.Except(scrapped), a => Assert.Equal("operational", (string?)Map(connection, Entity.Assets, a)["status"]));
        Assert.Contains(teams, t => t.Data["active"]!.GetValueKind() == JsonValueKind.False);
        Assert.Contains(users, u => (bool?)Map(connection, Entity.Users, u)["is_active"] == false);
        Assert.All(assets.Concat(teams).Concat(users), r => Assert.Null(r.RemoteDeletedAt));
    }

    [Fact]
    public async Task ReadPage_RecordsChangedBetweenPages_AreNeitherMissedNorLost()
    {
        var connection = Connection();
        using var client = Fixture.Client();
        Fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var seen = new Dictionary<string, RawRecord>();
        var first = await Harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.WorkOrders, null, null, 50), CancellationToken.None);
        Assert.True(first.IsSuccess, first.Failure?.Message);
        foreach (var record in first.Value!.Records)
        {
            seen[record.RemoteId] = record;
        }

        // Between pages: records already read are written again (they move to the end of the order), records not
        // yet read too, and a new one appears. Plain offset paging would now skip records.
        var read = first.Value.Records.Take(20).Select(r => int.Parse(r.RemoteId, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var unread = (await client.ExecuteAsync("maintenance.request", "search", [Array.Empty<object>()], new { order = "write_date desc, id desc", limit = 5 }))!
            .AsArray().Select(i => (int)i!).ToArray();
        Fixture.Time.Advance(TimeSpan.FromSeconds(5));
        await client.ExecuteAsync("maintenance.request", "write", [read, new { priority = "3" }]);
        await client.ExecuteAsync("maintenance.request", "write", [unread, new { stage_id = 2 }]);
        var created = (int)(await client.ExecuteAsync("maintenance.request", "create", [new { name = "Appeared mid-sync" }]))!;

        var cursor = first.Value.NextCursor;
        while (cursor is not null)
        {
            var page = await Harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.WorkOrders, cursor, null, 50), CancellationToken.None);
            Assert.True(page.IsSuccess, page.Failure?.Message);
            foreach (var record in page.Value!.Records)
            {
                seen[record.RemoteId] = record;
            }

            cursor = page.Value.NextCursor;
        }

        var expected = await TruthAsync(Entity.WorkOrders);
        Assert.True(expected.SetEquals(seen.Keys), $"{expected.Except(seen.Keys).Count()} missed");
        Assert.Contains(created.ToString(System.Globalization.CultureInfo.InvariantCulture), seen.Keys);
        Assert.All(read, id => Assert.Equal("3", (string?)seen[id.ToString(System.Globalization.CultureInfo.InvariantCulture)].Data["priority"]));
        Assert.All(unread, id => Assert.Equal(2, (int)seen[id.ToString(System.Globalization.CultureInfo.InvariantCulture)].Data["stage_id"]![0]!));
    }

    [Fact]
    public async Task ReadPage_ModifiedSince_ReadsOnlyLaterWrites()
    {
        var connection = Connection();
        using var client = Fixture.Client();
        Fixture.Time.Advance(TimeSpan.FromHours(1));
        var since = Fixture.Time.GetUtcNow();
        var equipment = (await client.ExecuteAsync("maintenance.equipment", "search", [Array.Empty<object>()], new { limit = 3 }))!.AsArray().Select(i => (int)i!).ToArray();
        await client.ExecuteAsync("maintenance.equipment", "write", [equipment, new { location = "Building Z / Line 9" }]);

        var changed = await Harness.ReadAllAsync(connection, Entity.Assets, since);

        Assert.Equal(equipment.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), changed.Select(r => r.RemoteId).Order());
        Assert.All(changed, r => Assert.Equal("Building Z / Line 9", (string?)Map(connection, Entity.Assets, r)["custom_fields"]!["location"]));
    }

    private static JsonObject Map(ConnectionContext connection, Entity entity, RawRecord record)
    {
        var fields = MappingEngine.Apply(OdooMapping.Defaults[entity], record, connection.ConnectionId);
        var json = fields.DeepClone().AsObject();
        json["id"] = StableIds.For(connection.ConnectionId, entity, record.RemoteId);
        json["remote_id"] = record.RemoteId;
        _ = JsonSerializer.Deserialize(json, EntityInfo.Of(entity).RecordType, Millwright.Client.Models.MillwrightJson.Options);
        return fields;
    }
}
