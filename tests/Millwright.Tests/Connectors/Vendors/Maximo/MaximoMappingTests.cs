using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Connectors.Vendors.Maximo;
using Millwright.Tests.Support;

namespace Millwright.Tests.Connectors.Vendors.Maximo;

/// <summary>The default Maximo mappings: valid, complete, and right on the published MXWO record.</summary>
public sealed class MaximoMappingTests
{
    private const string Connection = "conn_mxm";

    private static string Id(Entity entity, string remoteId) => StableIds.For(Connection, entity, remoteId);

    private static JsonObject MapWorkOrder(JsonObject document)
    {
        MaximoEndpoint.All[Entity.WorkOrders].Compute!(document);
        return MappingEngine.Apply(MaximoMapping.Defaults[Entity.WorkOrders], new RawRecord("x", document, null, null, null), Connection);
    }

    [Fact]
    public void Defaults_EveryMappingValidates_AndCoversTheDescriptor()
    {
        foreach (var (entity, mapping) in MaximoMapping.Defaults)
        {
            Assert.Equal(entity, mapping.Entity);
            Assert.Empty(MappingEngine.Validate(mapping));
        }

        Assert.Equal(MaximoSettings.Descriptor.Capabilities.Keys.Order(), MaximoMapping.Defaults.Keys.Order());
        Assert.Equal(MaximoSettings.Descriptor.Capabilities.Keys.Order(), MaximoEndpoint.All.Keys.Order());
    }

    [Fact]
    public void WorkOrder_PublishedRecord_MapsStatusPriorityAndSiteScopedReferences()
    {
        var sample = JsonNode.Parse(File.ReadAllText(VendorSpecFiles.Path("ibm-maximo", "sample-mxwo-record-lean.json")))!.AsObject();

        var mapped = MapWorkOrder(sample);

        Assert.Equal("2006", (string?)mapped["number"]);
        Assert.Equal("Check-out Alignment of Steel Support Bracket", (string?)mapped["title"]);
        Assert.Equal("open", (string?)mapped["status"]);
        Assert.Equal("WAPPR", (string?)mapped["remote_status"]);
        Assert.Equal("high", (string?)mapped["priority"]);
        Assert.Equal("2", (string?)mapped["remote_priority"]);
        Assert.Equal("CM", (string?)mapped["type"]);
        Assert.Equal(Id(Entity.Sites, "BEDFORD"), (string?)mapped["site_id"]);
        Assert.Equal(Id(Entity.Locations, "BEDFORD/BPM3100"), (string?)mapped["location_id"]);
        Assert.Equal(Id(Entity.Assets, "BEDFORD/13143"), (string?)mapped["asset_id"]);
        Assert.Equal(Id(Entity.Users, "WINSTON"), (string?)mapped["requested_by_id"]);
    }

    [Theory]
    [InlineData("WAPPR", "open")]
    [InlineData("APPR", "open")]
    [InlineData("WSCH", "open")]
    [InlineData("WMATL", "on_hold")]
    [InlineData("WPCOND", "on_hold")]
    [InlineData("INPRG", "in_progress")]
    [InlineData("COMP", "completed")]
    [InlineData("CLOSE", "completed")]
    [InlineData("CAN", "cancelled")]
    [InlineData("MYSTATUS", "other")]
    public void WorkOrder_EveryWoStatus_MapsToAUnifiedStatusAndKeepsTheRemoteOne(string status, string unified)
    {
        var mapped = MapWorkOrder(new JsonObject { ["wonum"] = "1", ["siteid"] = "S", ["status"] = status, ["wopriority"] = 1 });

        Assert.Equal(unified, (string?)mapped["status"]);
        Assert.Equal(status, (string?)mapped["remote_status"]);
        Assert.Equal("critical", (string?)mapped["priority"]);
    }

    [Fact]
    public void WorkOrder_WithoutLocationOrAsset_HasNullReferencesNotDanglingOnes()
    {
        var mapped = MapWorkOrder(new JsonObject { ["wonum"] = "1", ["siteid"] = "S", ["status"] = "APPR" });

        Assert.Null(mapped["location_id"]);
        Assert.Null(mapped["asset_id"]);
        Assert.Null(mapped["priority"]);
        Assert.Equal(Id(Entity.Sites, "S"), (string?)mapped["site_id"]);
    }

    /// <summary>The Maximo-specific part of the unified-model doc check (the rest runs over every module in UnifiedModelDocTests).</summary>
    [Fact]
    public void UnifiedModelPage_NamesTheObjectStructureOfEveryOfferedEntity()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Millwright.slnx")))
        {
            root = root.Parent!;
        }

        var page = File.ReadAllText(Path.Combine(root.FullName, "docs", "unified-model.md"));
        foreach (var (entity, endpoint) in MaximoEndpoint.All)
        {
            var heading = page.IndexOf($"— `/v1/{EntityInfo.Of(entity).Path}`", StringComparison.Ordinal);
            var next = page.IndexOf("\n## ", heading, StringComparison.Ordinal);
            var section = next < 0 ? page[heading..] : page[heading..next];
            Assert.Contains(endpoint.ObjectStructure, section, StringComparison.Ordinal);
        }
    }
}
