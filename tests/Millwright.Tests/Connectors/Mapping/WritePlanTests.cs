using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Mapping;

namespace Millwright.Tests.Connectors.Mapping;

public sealed class WritePlanTests
{
    private static readonly EntityMapping WorkOrders = new(Entity.WorkOrders,
    [
        FieldMapping.Writable("title", "title"),
        new FieldMapping("number", "sequentialId | string"),
        FieldMapping.Writable("priority", "priority | map(NONE: none, LOW: low, HIGH: high, URGENT: high)"),
        new FieldMapping("asset_id", "asset.id | ref(assets)", "assetId | ref(assets)"),
        FieldMapping.Writable("assignee_ids", "assignees[?type == 'USER'].id | ref(users)"),
        FieldMapping.Writable("team_ids", "assignees[?type == 'TEAM'].id | ref(teams)"),
        FieldMapping.Writable("due_at", "dueDate | date(unix_ms)"),
        FieldMapping.Writable("description", "coalesce(description, summary)"),
        new FieldMapping("custom_fields.cost_center", "extraFields[\"Cost Center\"]"),
        new FieldMapping("custom_fields.line", "concat(area, line)"),
    ]);

    [Fact]
    public void WritePlan_InvertibleLines_WritableWithPathsAllowedValuesAndReferences()
    {
        var plan = MappingEngine.WritePlan(WorkOrders);

        Assert.Equal(["asset_id", "assignee_ids", "custom_fields.cost_center", "due_at", "priority", "team_ids", "title"], plan.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["none", "low", "high"], plan.Fields["priority"].AllowedValues);
        Assert.Equal((Entity.Assets, "assetId"), (plan.Fields["asset_id"].Reference, plan.Fields["asset_id"].SourcePath));
        Assert.Equal("assignees", plan.Fields["assignee_ids"].Group);
        Assert.Equal("extraFields[\"Cost Center\"]", plan.Fields["custom_fields.cost_center"].SourcePath);
        Assert.False(plan.AnyCustomField);
        Assert.Single(MappingEngine.ValidateWrites(WorkOrders), e => e.Target == "description");
    }

    [Fact]
    public void ToSource_UnifiedValues_SystemShapedDocument()
    {
        var plan = MappingEngine.WritePlan(WorkOrders);

        var document = plan.ToSource(new Dictionary<string, JsonNode?>
        {
            ["title"] = "Replace belt",
            ["priority"] = "high",
            ["asset_id"] = "963",
            ["assignee_ids"] = new JsonArray("5", "6"),
            ["team_ids"] = new JsonArray("9"),
            ["due_at"] = "2026-03-05T10:00:00Z",
            ["custom_fields.cost_center"] = "CC-12",
        });

        var expected = JsonNode.Parse("""
            {"title":"Replace belt","priority":"HIGH","assetId":"963",
             "assignees":[{"type":"USER","id":"5"},{"type":"USER","id":"6"},{"type":"TEAM","id":"9"}],
             "dueDate":1772704800000,"extraFields":{"Cost Center":"CC-12"}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, document), document.ToJsonString());
        Assert.Equal("HIGH", (string?)plan.Invert("priority", "high"));
        Assert.Throws<ArgumentException>(() => plan.ToSource(new Dictionary<string, JsonNode?> { ["number"] = "1" }));
    }

    [Fact]
    public void WritePlan_CustomFieldsSpreadWithWrite_AnyCustomFieldWritable()
    {
        var mapping = new EntityMapping(Entity.Assets, [new FieldMapping("custom_fields", "extraFields", "extraFields"), new FieldMapping("custom_fields.grade", "grade | upper")]);
        var plan = MappingEngine.WritePlan(mapping);

        var document = plan.ToSource(new Dictionary<string, JsonNode?> { ["custom_fields.Criticality"] = "High" });

        Assert.True(plan.AnyCustomField);
        Assert.Null(plan.Fields.GetValueOrDefault("custom_fields.grade"));
        Assert.Equal("{\"extraFields\":{\"Criticality\":\"High\"}}", document.ToJsonString());
    }
}
