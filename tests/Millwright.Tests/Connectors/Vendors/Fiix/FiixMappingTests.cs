using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Connectors.Vendors.Fiix;

namespace Millwright.Tests.Connectors.Vendors.Fiix;

/// <summary>The default Fiix mappings: valid, covering what the descriptor offers, and right on Fiix-shaped documents.</summary>
public sealed class FiixMappingTests
{
    private const string Connection = "conn_fiix";

    private static JsonObject Map(Entity entity, string json) =>
        MappingEngine.Apply(FiixMapping.Defaults[entity], new RawRecord("1", JsonNode.Parse(json)!.AsObject(), null, null, null), Connection);

    [Fact]
    public void Defaults_EveryMappingValidates_AndCoversTheDescriptor()
    {
        foreach (var (entity, mapping) in FiixMapping.Defaults)
        {
            Assert.Equal(entity, mapping.Entity);
            Assert.Empty(MappingEngine.Validate(mapping));
        }

        Assert.Equal(FiixSettings.Descriptor.Capabilities.Keys.Order(), FiixMapping.Defaults.Keys.Order());
        Assert.Equal(FiixSettings.Descriptor.Capabilities.Keys.Order(), FiixEndpoint.All.Keys.Order());
    }

    [Theory]
    [InlineData(1, "open")]
    [InlineData(2, "open")]
    [InlineData(3, "in_progress")]
    [InlineData(4, "on_hold")]
    [InlineData(5, "completed")]
    [InlineData(6, "cancelled")]
    [InlineData(9, "other")]
    public void WorkOrder_StatusFollowsTheControlId_NotTheName(long control, string status)
    {
        var mapped = Map(Entity.WorkOrders, $$$"""
            {"className":"WorkOrder","id":1,"strCode":"10001","strDescription":"Leak","intSiteID":3,"dtmDateCompleted":1764547200000,
             "extraFields":{"dv_intWorkOrderStatusID":"Tenant Name","dv_intPriorityID":"1 - Highest"},
             "_millwright":{"statusControl":{{{control}}},"priorityOrder":1,"assigneeIds":[7,8]}}
            """);

        Assert.Equal(status, (string?)mapped["status"]);
        Assert.Equal("Tenant Name", (string?)mapped["remote_status"]);
        Assert.Equal("critical", (string?)mapped["priority"]);
        Assert.Equal("2025-12-01T00:00:00Z", (string?)mapped["completed_at"]);
        Assert.Equal([StableIds.For(Connection, Entity.Users, "7"), StableIds.For(Connection, Entity.Users, "8")], mapped["assignee_ids"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(StableIds.For(Connection, Entity.Sites, "3"), (string?)mapped["site_id"]);
    }

    [Fact]
    public void Asset_BooleansAreZeroOrOne()
    {
        Assert.Equal("operational", (string?)Map(Entity.Assets, """{"id":1,"bolIsOnline":1}""")["status"]);
        Assert.Equal("down", (string?)Map(Entity.Assets, """{"id":1,"bolIsOnline":0}""")["status"]);
        Assert.Equal("offline", (string?)Map(Entity.Assets, """{"id":1,"bolIsOnline":0}""")["remote_status"]);
    }
}
