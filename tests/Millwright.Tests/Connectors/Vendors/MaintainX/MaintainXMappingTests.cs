using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Connectors.Vendors.MaintainX;
using static Millwright.Tests.Connectors.Vendors.MaintainX.MaintainXFixtures;

namespace Millwright.Tests.Connectors.Vendors.MaintainX;

public sealed class MaintainXMappingTests
{
    private const string Connection = "conn_mx";

    private static string Id(Entity entity, string remoteId) => StableIds.For(Connection, entity, remoteId);

    private static JsonObject Map(Entity entity, RawRecord record) =>
        MappingEngine.Apply(MaintainXMapping.Defaults[entity], record, Connection);

    /// <summary>Fixture documents for every mapped entity, as the connector hands them to the engine.</summary>
    public static TheoryData<Entity, string, string> Documents => new()
    {
        { Entity.Sites, "locations.json", "locations" },
        { Entity.Locations, "locations.json", "locations" },
        { Entity.Assets, "assets.json", "assets" },
        { Entity.WorkOrders, "workorders.json", "workOrders" },
        { Entity.MaintenanceRequests, "workrequests.json", "workRequests" },
        { Entity.Parts, "parts.json", "parts" },
        { Entity.PurchaseOrders, "purchaseorders.json", "purchaseOrders" },
        { Entity.Vendors, "vendors.json", "vendors" },
        { Entity.Users, "users.json", "users" },
        { Entity.Teams, "teams.json", "teams" },
        { Entity.Meters, "meters.json", "meters" },
        { Entity.PmSchedules, "maintenanceplans.json", "maintenancePlans" },
    };

    [Fact]
    public void Defaults_EveryMapping_Validates()
    {
        foreach (var (entity, mapping) in MaintainXMapping.Defaults)
        {
            Assert.Equal(entity, mapping.Entity);
            Assert.Empty(MappingEngine.Validate(mapping));
        }
    }

    [Fact]
    public void Defaults_CoverEveryEntityTheDescriptorOffers()
    {
        Assert.Equal(
            MaintainXSettings.Descriptor.Capabilities.Keys.Order(),
            MaintainXMapping.Defaults.Keys.Order());
        Assert.False(MaintainXSettings.Descriptor.Capabilities[Entity.MeterReadings].Read);
        Assert.All(MaintainXMapping.Defaults.Values, m => Assert.Empty(MappingEngine.ValidateWrites(m)));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Defaults_Output_DeserialisesIntoTheClientRecord(Entity entity, string fixture, string listProperty)
    {
        foreach (var record in Records(fixture, listProperty))
        {
            var mapped = Map(entity, WithSite(record, 852));
            mapped["id"] = "x_1";
            mapped["remote_id"] = record.RemoteId;

            var typed = (UnifiedRecord?)mapped.Deserialize(EntityInfo.Of(entity).RecordType, MillwrightJson.Options);

            Assert.NotNull(typed);
            var roundTrip = JsonSerializer.SerializeToNode(typed, EntityInfo.Of(entity).RecordType, MillwrightJson.Options)!.AsObject();
            foreach (var (name, value) in mapped)
            {
                Assert.True(SameValue(value, roundTrip[name]), $"{entity}.{name}: {value?.ToJsonString()} became {roundTrip[name]?.ToJsonString()}");
            }
        }
    }

    /// <summary>Equal JSON, or the same instant written two ways (the engine writes Z, the serializer +00:00).</summary>
    private static bool SameValue(JsonNode? a, JsonNode? b) =>
        JsonNode.DeepEquals(a, b)
        || (a?.GetValueKind() == JsonValueKind.String && b?.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse((string?)a, System.Globalization.CultureInfo.InvariantCulture, out var x)
            && DateTimeOffset.TryParse((string?)b, System.Globalization.CultureInfo.InvariantCulture, out var y)
            && x == y);

    [Fact]
    public void WorkOrder_InProgressWithUsersAndTeam_MapsEveryField()
    {
        var record = WithSite(Records("workorders.json", "workOrders")[0], 852);

        var wo = Map(Entity.WorkOrders, record);

        Assert.Equal("42", (string?)wo["number"]);
        Assert.Equal("Replace conveyor belt bearings", (string?)wo["title"]);
        Assert.Equal("in_progress", (string?)wo["status"]);
        Assert.Equal("IN_PROGRESS", (string?)wo["remote_status"]);
        Assert.Equal("medium", (string?)wo["priority"]);
        Assert.Equal("MEDIUM", (string?)wo["remote_priority"]);
        Assert.Equal("REACTIVE", (string?)wo["type"]);
        Assert.Equal(Id(Entity.Sites, "852"), (string?)wo["site_id"]);
        Assert.Equal(Id(Entity.Locations, "611"), (string?)wo["location_id"]);
        Assert.Equal(Id(Entity.Assets, "963"), (string?)wo["asset_id"]);
        Assert.Equal([Id(Entity.Users, "963"), Id(Entity.Users, "851")], wo["assignee_ids"]!.AsArray().Select(n => (string?)n));
        Assert.Equal([Id(Entity.Teams, "254")], wo["team_ids"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(Id(Entity.Users, "963"), (string?)wo["requested_by_id"]);
        Assert.Equal("2024-03-08T17:00:00Z", (string?)wo["due_at"]);
        Assert.Equal("2024-03-04T08:00:00Z", (string?)wo["started_at"]);
        Assert.Null(wo["completed_at"]);
        Assert.Null(wo["pm_schedule_id"]);
        Assert.Equal("$250", (string?)wo["custom_fields"]!["Estimated Budget"]);
    }

    [Theory]
    [InlineData("OPEN", "open")]
    [InlineData("IN_PROGRESS", "in_progress")]
    [InlineData("ON_HOLD", "on_hold")]
    [InlineData("DONE", "completed")]
    [InlineData("CANCELED", "cancelled")]
    [InlineData("SKIPPED", "cancelled")]
    [InlineData("SOMETHING_NEW", "other")]
    public void WorkOrder_Status_MapsToUnifiedStatusAndKeepsRemote(string remote, string unified)
    {
        var wo = Map(Entity.WorkOrders, new RawRecord("1", new JsonObject { ["status"] = remote }, null, null, null));

        Assert.Equal(unified, (string?)wo["status"]);
        Assert.Equal(remote, (string?)wo["remote_status"]);
    }

    [Theory]
    [InlineData("NONE", "none")]
    [InlineData("LOW", "low")]
    [InlineData("MEDIUM", "medium")]
    [InlineData("HIGH", "high")]
    public void WorkOrder_Priority_MapsToUnifiedPriority(string remote, string unified)
    {
        var wo = Map(Entity.WorkOrders, new RawRecord("1", new JsonObject { ["priority"] = remote }, null, null, null));

        Assert.Equal(unified, (string?)wo["priority"]);
    }

    [Fact]
    public void WorkOrder_WithoutRequester_FallsBackToCreator_AndNullsStayNull()
    {
        var wo = Map(Entity.WorkOrders, Records("workorders.json", "workOrders")[1]);

        Assert.Equal("completed", (string?)wo["status"]);
        Assert.Equal(Id(Entity.Users, "5"), (string?)wo["requested_by_id"]);
        Assert.Equal("2024-03-06T12:29:00Z", (string?)wo["completed_at"]);
        Assert.Null(wo["asset_id"]);
        Assert.Null(wo["location_id"]);
        Assert.Null(wo["site_id"]);
        Assert.Equal("[]", wo["assignee_ids"]!.ToJsonString());
    }

    [Fact]
    public void Location_MapsHierarchyAndSite()
    {
        var locations = Records("locations.json", "locations");

        var dock = Map(Entity.Locations, WithSite(locations[2], 852));
        var site = Map(Entity.Sites, locations[0]);

        Assert.Equal("Loading Dock", (string?)dock["name"]);
        Assert.Equal(Id(Entity.Locations, "963"), (string?)dock["parent_id"]);
        Assert.Equal(Id(Entity.Sites, "852"), (string?)dock["site_id"]);
        Assert.Equal("Franklin Plant", (string?)site["name"]);
        Assert.Equal("1090 main street, Franklin", (string?)site["address"]);
        Assert.Equal("Electrical", (string?)site["custom_fields"]!["Department"]);
    }

    [Fact]
    public void Asset_MapsStatusObjectAndReferences()
    {
        var assets = Records("assets.json", "assets");

        var forklift = Map(Entity.Assets, WithSite(assets[0], 852));
        var charger = Map(Entity.Assets, assets[1]);

        Assert.Equal("down", (string?)forklift["status"]);
        Assert.Equal("OFFLINE", (string?)forklift["remote_status"]);
        Assert.Equal(Id(Entity.Locations, "963"), (string?)forklift["location_id"]);
        Assert.Equal(Id(Entity.Sites, "852"), (string?)forklift["site_id"]);
        Assert.Equal("000123ABC", (string?)forklift["serial_number"]);
        Assert.Equal("Toyota", (string?)forklift["manufacturer"]);
        Assert.Equal("8FGU25", (string?)forklift["model"]);
        Assert.Equal("manual, tool", (string?)forklift["category"]);
        Assert.Equal("000000000", (string?)forklift["custom_fields"]!["My Custom Field"]);
        Assert.Equal("operational", (string?)charger["status"]);
        Assert.Equal(Id(Entity.Assets, "963"), (string?)charger["parent_id"]);
    }

    [Fact]
    public void MaintenanceRequest_MapsStatusesAndWorkOrder()
    {
        var requests = Records("workrequests.json", "workRequests");

        var rejected = Map(Entity.MaintenanceRequests, requests[0]);
        var approved = Map(Entity.MaintenanceRequests, requests[1]);

        Assert.Equal("declined", (string?)rejected["status"]);
        Assert.Equal("REJECTED", (string?)rejected["remote_status"]);
        Assert.Equal(Id(Entity.Assets, "963"), (string?)rejected["asset_id"]);
        Assert.Equal("Water Leak", (string?)rejected["custom_fields"]!["Request Type"]);
        Assert.Equal("approved", (string?)approved["status"]);
        Assert.Equal("high", (string?)approved["priority"]);
        Assert.Equal(Id(Entity.WorkOrders, "1001"), (string?)approved["work_order_id"]);
        Assert.Equal(Id(Entity.Locations, "611"), (string?)approved["location_id"]);
    }

    [Fact]
    public void Part_MapsStockPerLocationAndVendorsAndCents()
    {
        var part = Map(Entity.Parts, Records("parts.json", "parts")[0]);

        Assert.Equal("Locknut - 1/8", (string?)part["name"]);
        Assert.Equal("000000000", (string?)part["number"]);
        Assert.Equal(1.2m, (decimal?)part["unit_cost"]);
        Assert.Equal(14m, (decimal?)part["total_quantity"]);
        Assert.Equal([Id(Entity.Vendors, "1"), Id(Entity.Vendors, "963")], part["vendor_ids"]!.AsArray().Select(n => (string?)n));
        var stock = part["stock"]!.AsArray();
        Assert.Equal(2, stock.Count);
        Assert.Equal(Id(Entity.Locations, "852"), (string?)stock[0]!["location_id"]);
        Assert.Equal(10m, (decimal?)stock[0]!["quantity"]);
        Assert.Equal(5m, (decimal?)stock[0]!["minimum_quantity"]);
        Assert.Null(stock[1]!["minimum_quantity"]);
    }

    [Fact]
    public void PurchaseOrder_DetailDocument_MapsLineItemsAndTotals()
    {
        var document = Load("purchaseorder.json")["purchaseOrder"]!.DeepClone().AsObject();

        var po = Map(Entity.PurchaseOrders, new RawRecord("135", document, null, null, null));

        Assert.Equal("987", (string?)po["number"]);
        Assert.Equal("Office Supplies Order", (string?)po["title"]);
        Assert.Equal("partially_received", (string?)po["status"]);
        Assert.Equal("PARTIALLY_FULFILLED", (string?)po["remote_status"]);
        Assert.Equal(Id(Entity.Vendors, "963"), (string?)po["vendor_id"]);
        Assert.Equal(269.99m, (decimal?)po["total_amount"]);
        Assert.Equal("2024-03-01T00:00:00Z", (string?)po["expected_at"]);
        var lines = po["line_items"]!.AsArray();
        Assert.Equal(2, lines.Count);
        Assert.Equal("23", (string?)lines[0]!["remote_id"]);
        Assert.Equal(Id(Entity.Parts, "123456"), (string?)lines[0]!["part_id"]);
        Assert.Equal("Locknut - 1/8", (string?)lines[0]!["description"]);
        Assert.Equal(4m, (decimal?)lines[0]!["quantity"]);
        Assert.Equal(3m, (decimal?)lines[0]!["quantity_received"]);
        Assert.Equal(62.5m, (decimal?)lines[0]!["unit_price"]);
        Assert.Null(lines[1]!["part_id"]);
        Assert.Equal(19.99m, (decimal?)lines[1]!["unit_price"]);
        Assert.Equal("2023-01-01", (string?)po["custom_fields"]!["Ordered Date"]);
    }

    [Theory]
    [InlineData("REQUESTED", "pending_approval")]
    [InlineData("PENDING", "pending_approval")]
    [InlineData("APPROVED", "approved")]
    [InlineData("PARTIALLY_FULFILLED", "partially_received")]
    [InlineData("COMPLETED", "received")]
    [InlineData("DECLINED", "cancelled")]
    [InlineData("CANCELED", "cancelled")]
    public void PurchaseOrder_Status_MapsEverySpecValue(string remote, string unified)
    {
        var po = Map(Entity.PurchaseOrders, new RawRecord("1", new JsonObject { ["status"] = remote }, null, null, null));

        Assert.Equal(unified, (string?)po["status"]);
    }

    [Fact]
    public void Defaults_VendorUsersTeamMeterAndPlans_MapFromSpecDocuments()
    {
        var vendor = Map(Entity.Vendors, new RawRecord("963", Load("vendor.json")["vendor"]!.DeepClone().AsObject(), null, null, null));
        var users = Records("users.json", "users").Select(u => Map(Entity.Users, u)).ToList();
        var team = Records("teams.json", "teams")[0];
        team.Data["members"] = Load("team-members.json")["members"]!.DeepClone();
        var mappedTeam = Map(Entity.Teams, team);
        var meter = Map(Entity.Meters, Records("meters.json", "meters")[0]);
        var plans = Records("maintenanceplans.json", "maintenancePlans").Select(p => Map(Entity.PmSchedules, p)).ToList();

        Assert.Equal("vendor@example.com", (string?)vendor["email"]);
        Assert.Equal("415-555-0100", (string?)vendor["phone"]);
        Assert.Equal("John Doe", (string?)users[0]["name"]);
        Assert.Equal("MEMBER", (string?)users[0]["role"]);
        Assert.Equal("service@example.com", (string?)users[1]["name"]);
        Assert.Equal([Id(Entity.Users, "963"), Id(Entity.Users, "851")], mappedTeam["member_ids"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(87.5m, (decimal?)meter["last_reading_value"]);
        Assert.Equal("2024-03-01T10:00:00Z", (string?)meter["last_reading_at"]);
        Assert.Equal(Id(Entity.Assets, "963"), (string?)meter["asset_id"]);
        Assert.Equal(2, (int?)plans[0]["interval_value"]);
        Assert.Equal("week", (string?)plans[0]["interval_unit"]);
        Assert.Equal(Id(Entity.Assets, "963"), (string?)plans[0]["asset_id"]);
        Assert.True((bool?)plans[0]["is_active"]);
        Assert.Equal(1, (int?)plans[1]["interval_value"]);
        Assert.Equal("day", (string?)plans[1]["interval_unit"]);
        Assert.False((bool?)plans[1]["is_active"]);
    }
}
