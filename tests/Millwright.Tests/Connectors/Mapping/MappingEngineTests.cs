using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using static Millwright.Tests.Connectors.Mapping.MappingTestKit;

namespace Millwright.Tests.Connectors.Mapping;

public sealed class MappingEngineTests
{
    private const string Document = """
        {
          "title": "  Pump seal leak  ",
          "status": "IN_PROGRESS",
          "count": 3,
          "price": "12.50",
          "flag": "yes",
          "asset": { "id": 963, "name": "Forklift", "meta": { "deep": { "deeper": "bottom" } } },
          "extraFields": { "Criticality Level": "A", "2023": "year" },
          "assignees": [ { "type": "USER", "id": 1 }, { "type": "TEAM", "id": 2 }, { "type": "USER", "id": "3" }, { "type": "USER" } ],
          "tags": [ "a", null, "b" ],
          "nested": [ { "items": [ { "v": 1 }, { "v": 2 } ] }, { "items": [ { "v": 3 } ] } ],
          "empty": "",
          "nothing": null
        }
        """;

    [Theory]
    [InlineData("title", "\"  Pump seal leak  \"")]
    [InlineData("asset.name", "\"Forklift\"")]
    [InlineData("asset.meta.deep.deeper", "\"bottom\"")]
    [InlineData("asset.meta.missing.deeper", null)]
    [InlineData("title.length", null)]
    [InlineData("nothing", null)]
    [InlineData("extraFields[\"Criticality Level\"]", "\"A\"")]
    [InlineData("extraFields.'Criticality Level'", "\"A\"")]
    [InlineData("extraFields.2023", "\"year\"")]
    [InlineData("assignees[].id", "[1,2,\"3\"]")]
    [InlineData("assignees[?type == 'USER'].id", "[1,\"3\"]")]
    [InlineData("assignees[?type != USER].id", "[2]")]
    [InlineData("assignees[0].id", "1")]
    [InlineData("assignees[-1].type", "\"USER\"")]
    [InlineData("assignees[9].id", null)]
    [InlineData("nested[].items[].v", "[1,2,3]")]
    [InlineData("tags[]", "[\"a\",\"b\"]")]
    [InlineData("$.asset.id", "963")]
    [InlineData("@.asset.id", "963")]
    [InlineData("asset", "{\"id\":963,\"name\":\"Forklift\",\"meta\":{\"deep\":{\"deeper\":\"bottom\"}}}")]
    public void Apply_Path_ReadsTheDocument(string expression, string? expected)
    {
        Assert.Equal(expected, EvalJson(expression, Document));
    }

    [Theory]
    [InlineData("title | trim", "\"Pump seal leak\"")]
    [InlineData("title | trim | upper", "\"PUMP SEAL LEAK\"")]
    [InlineData("status | lower", "\"in_progress\"")]
    [InlineData("count | string", "\"3\"")]
    [InlineData("price | number", "12.50")]
    [InlineData("price | number | mul(2)", "25.00")]
    [InlineData("count | div(4)", "0.75")]
    [InlineData("title | number", null)]
    [InlineData("flag | bool", "true")]
    [InlineData("count | bool", "true")]
    [InlineData("title | bool", null)]
    [InlineData("nothing | exists", "false")]
    [InlineData("title | exists | not", "false")]
    [InlineData("empty | exists", "false")]
    [InlineData("assignees[].id | count", "3")]
    [InlineData("nested[].items[].v | sum", "6")]
    [InlineData("tags | first", "\"a\"")]
    [InlineData("tags | last", "\"b\"")]
    [InlineData("tags | join('/')", "\"a/b\"")]
    [InlineData("tags | join", "\"a, b\"")]
    [InlineData("tags[] | upper", "[\"A\",\"B\"]")]
    [InlineData("nothing | default('n/a')", "\"n/a\"")]
    [InlineData("nothing | default(7)", "7")]
    [InlineData("coalesce(nothing, empty, asset.name)", "\"Forklift\"")]
    [InlineData("coalesce(nothing, empty)", null)]
    [InlineData("nothing | coalesce(asset.id)", "963")]
    [InlineData("concat(asset.name, ' #', asset.id)", "\"Forklift #963\"")]
    [InlineData("asset.name | concat('-', nothing, 'x')", "\"Forklift-x\"")]
    [InlineData("concat(nothing, nothing)", null)]
    [InlineData("status | map(OPEN: open, IN_PROGRESS: in_progress, *: other)", "\"in_progress\"")]
    [InlineData("title | map(OPEN: open, *: other)", "\"other\"")]
    [InlineData("title | map(OPEN: open)", null)]
    [InlineData("nothing | map(OPEN: open, *: other)", null)]
    [InlineData("count | map(3: three, 4: four)", "\"three\"")]
    [InlineData("count | map(3: 30, *: false)", "30")]
    [InlineData("assignees[].type | map(USER: u, TEAM: t)", "[\"u\",\"t\",\"u\",\"u\"]")]
    [InlineData("'literal'", "\"literal\"")]
    [InlineData("-1.5", "-1.5")]
    [InlineData("true", "true")]
    public void Apply_Transform_ProducesExpectedValue(string expression, string? expected)
    {
        Assert.Equal(expected, EvalJson(expression, Document));
    }

    [Theory]
    [InlineData("\"2024-03-05T10:00:00.000Z\"", "date", "2024-03-05T10:00:00Z")]
    [InlineData("\"2024-03-05T12:00:00+02:00\"", "date", "2024-03-05T10:00:00Z")]
    [InlineData("\"2024-03-05\"", "date", "2024-03-05T00:00:00Z")]
    [InlineData("1709632800", "date", "2024-03-05T10:00:00Z")]
    [InlineData("1709632800123", "date", "2024-03-05T10:00:00.123Z")]
    [InlineData("\"1709632800\"", "date", "2024-03-05T10:00:00Z")]
    [InlineData("1709632800", "date(unix_s)", "2024-03-05T10:00:00Z")]
    [InlineData("1709632800000", "date(unix_ms)", "2024-03-05T10:00:00Z")]
    [InlineData("\"/Date(1709632800000)/\"", "date", "2024-03-05T10:00:00Z")]
    [InlineData("\"/Date(1709632800000+0100)/\"", "date", "2024-03-05T10:00:00Z")]
    [InlineData("\"20240305\"", "date('yyyyMMdd')", "2024-03-05T00:00:00Z")]
    [InlineData("\"not a date\"", "date", null)]
    [InlineData("\"20240305\"", "date", null)]
    [InlineData("99999999999999999", "date(unix_s)", null)]
    [InlineData("null", "date", null)]
    public void Apply_Date_ParsesEverySupportedForm(string value, string transform, string? expected)
    {
        var result = Eval($"v | {transform}", $$"""{ "v": {{value}} }""");

        Assert.Equal(expected, result?.GetValue<string>());
    }

    [Fact]
    public void Apply_Ref_DerivesTheStableIdOfTheReferencedRecord()
    {
        var result = Apply(Entity.WorkOrders, Document,
            ("asset_id", "asset.id | ref(assets)"),
            ("assignee_ids", "assignees[?type == 'USER'].id | ref(users)"),
            ("team_ids", "assignees[?type == 'TEAM'].id | ref(team)"),
            ("location_id", "nothing | ref(locations)"));

        Assert.Equal(StableIds.For(ConnectionId, Entity.Assets, "963"), (string?)result["asset_id"]);
        Assert.Equal(
            [StableIds.For(ConnectionId, Entity.Users, "1"), StableIds.For(ConnectionId, Entity.Users, "3")],
            result["assignee_ids"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(StableIds.For(ConnectionId, Entity.Teams, "2"), (string?)result["team_ids"]![0]);
        Assert.Null(result["location_id"]);
    }

    [Fact]
    public void Apply_RefOnNumberAndOnEqualText_GivesTheSameId()
    {
        var fromNumber = Eval("v | ref(work_orders)", """{ "v": 42.0 }""");
        var fromText = Eval("v | ref(work-orders)", """{ "v": " 42 " }""");

        Assert.Equal(StableIds.For(ConnectionId, Entity.WorkOrders, "42"), (string?)fromNumber);
        Assert.Equal((string?)fromNumber, (string?)fromText);
    }

    [Fact]
    public void Apply_EveryTypedFieldIsPresent_UnmappedAsNullOrEmptyList()
    {
        var result = Apply(Entity.WorkOrders, Document, ("title", "title | trim"));

        var expected = UnifiedFields.For(Entity.WorkOrders).Select(f => f.Name).Append("custom_fields").Order(StringComparer.Ordinal);
        Assert.Equal(expected, result.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Null(result["status"]);
        Assert.Equal("[]", result["assignee_ids"]!.ToJsonString());
        Assert.Equal("{}", result["custom_fields"]!.ToJsonString());
    }

    [Theory]
    [InlineData("number", "count", "\"3\"")]
    [InlineData("number", "nothing", null)]
    [InlineData("title", "asset", null)]
    [InlineData("title", "count", "\"3\"")]
    [InlineData("status", "status", "\"in_progress\"")]
    [InlineData("status", "title", null)]
    [InlineData("due_at", "'2024-03-05T10:00:00Z'", "\"2024-03-05T10:00:00Z\"")]
    [InlineData("due_at", "title", null)]
    [InlineData("assignee_ids", "count", "[\"3\"]")]
    [InlineData("assignee_ids", "tags", "[\"a\",\"b\"]")]
    [InlineData("assignee_ids", "nothing", "[]")]
    public void Apply_ValueThatDoesNotFitItsTarget_IsCoercedOrDropped(string target, string expression, string? expected)
    {
        var result = Apply(Entity.WorkOrders, Document, (target, expression));

        Assert.Equal(expected, result[target]?.ToJsonString());
    }

    [Theory]
    [InlineData("interval_value", "'12'", "12")]
    [InlineData("interval_value", "'12.5'", null)]
    [InlineData("interval_value", "99999999999", null)]
    [InlineData("is_active", "'no'", "false")]
    [InlineData("is_active", "'maybe'", null)]
    public void Apply_IntegerAndBooleanTargets_AcceptOnlyWhatFits(string target, string expression, string? expected)
    {
        var result = Apply(Entity.PmSchedules, "{}", (target, expression));

        Assert.Equal(expected, result[target]?.ToJsonString());
    }

    [Fact]
    public void Apply_Each_BuildsTypedNestedObjects()
    {
        const string Po = """
            { "items": [
                { "id": 23, "partId": 7, "qty": "4", "received": null, "price": "62.500000" },
                null,
                { "id": 24, "qty": 1, "price": "abc" } ] }
            """;

        var result = Apply(Entity.PurchaseOrders, Po,
            ("line_items", "each(items) { remote_id: id, part_id: partId | ref(parts), quantity: qty, quantity_received: received, unit_price: price }"));

        var lines = result["line_items"]!.AsArray();
        Assert.Equal(2, lines.Count);
        Assert.Equal("23", (string?)lines[0]!["remote_id"]);
        Assert.Equal(StableIds.For(ConnectionId, Entity.Parts, "7"), (string?)lines[0]!["part_id"]);
        Assert.Equal(4m, (decimal?)lines[0]!["quantity"]);
        Assert.Null(lines[0]!["quantity_received"]);
        Assert.Equal(62.5m, (decimal?)lines[0]!["unit_price"]);
        Assert.True(lines[0]!.AsObject().ContainsKey("description"));
        Assert.Null(lines[1]!["unit_price"]);
    }

    [Fact]
    public void Apply_EachOverMissingList_GivesEmptyList()
    {
        var result = Apply(Entity.Parts, "{}", ("stock", "each(locations) { quantity: availableQuantity }"));

        Assert.Equal("[]", result["stock"]!.ToJsonString());
    }

    [Fact]
    public void Apply_EachIntoCustomField_KeepsRawValues()
    {
        var result = Eval("each(assignees[?type == 'USER']) { who: id, kind: type | lower }", Document);

        Assert.Equal("""[{"who":1,"kind":"user"},{"who":"3","kind":"user"},{"who":null,"kind":"user"}]""", result!.ToJsonString());
    }

    [Fact]
    public void Apply_EachBodyCanReachTheDocumentRoot()
    {
        var result = Eval("each(tags[]) { tag: @ | upper, title: $.title | trim }", """{ "title": " T ", "tags": ["x", null, "y"] }""");

        Assert.Equal("""[{"tag":"X","title":"T"},{"tag":"Y","title":"T"}]""", result!.ToJsonString());
    }

    [Fact]
    public void Apply_CustomFieldsSpread_CopiesVendorFieldsAndNamedFieldsWin()
    {
        var result = Apply(Entity.Assets, Document,
            ("custom_fields", "extraFields"),
            ("custom_fields.2023", "'overridden'"),
            ("custom_fields.asset_name", "asset.name"));

        var custom = result["custom_fields"]!.AsObject();
        Assert.Equal("A", (string?)custom["Criticality Level"]);
        Assert.Equal("overridden", (string?)custom["2023"]);
        Assert.Equal("Forklift", (string?)custom["asset_name"]);
    }

    [Fact]
    public void Apply_NamedCustomFieldOfASpreadName_TakesTheSpreadFieldsPlace()
    {
        var result = Apply(Entity.Assets, """{ "extraFields": { "a": 1, "b": 2, "c": 3 }, "x": "named" }""",
            ("custom_fields.first", "'1st'"),
            ("custom_fields", "extraFields"),
            ("custom_fields.b", "x"),
            ("custom_fields.last", "x | upper"));

        Assert.Equal("""{"a":1,"b":"named","c":3,"first":"1st","last":"NAMED"}""", result["custom_fields"]!.ToJsonString());
    }

    [Fact]
    public void Apply_DocumentBuiltInCode_MapsLikeTheSameDocumentParsed()
    {
        // Connectors and tests build documents with CLR values (int, long, double), which JSON text never gives.
        var built = new JsonObject
        {
            ["sequentialId"] = 7,
            ["big"] = 9_007_199_254_740_993L,
            ["ratio"] = 0.1 + 0.2,
            ["asset"] = new JsonObject { ["id"] = 963 },
            ["assignees"] = new JsonArray(new JsonObject { ["type"] = "USER", ["id"] = 5L }, new JsonObject { ["type"] = "USER", ["id"] = "6" }),
        };
        var parsed = JsonNode.Parse(built.ToJsonString())!.AsObject();
        var mapping = MappingOf(Entity.WorkOrders,
            ("number", "sequentialId | string"),
            ("asset_id", "asset.id | ref(assets)"),
            ("assignee_ids", "assignees[?type == 'USER'].id | ref(users)"),
            ("custom_fields.big", "big"),
            ("custom_fields.ratio", "ratio | mul(10)"),
            ("custom_fields.sum", "assignees[].id | sum"));

        var fromBuilt = MappingEngine.Apply(mapping, new RawRecord("1", built, null, null, null), ConnectionId).ToJsonString();
        var fromParsed = MappingEngine.Apply(mapping, new RawRecord("1", parsed, null, null, null), ConnectionId).ToJsonString();

        Assert.Equal(fromParsed, fromBuilt);
        Assert.Contains("\"big\":9007199254740993", fromBuilt, StringComparison.Ordinal);
        Assert.Contains("\"sum\":11", fromBuilt, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RefOfTheSameNumber_DependsOnConnectionAndEntity()
    {
        var mapping = MappingOf(Entity.WorkOrders, ("asset_id", "v | ref(assets)"), ("location_id", "v | ref(locations)"));
        var raw = Raw("""{ "v": 963 }""");

        var first = MappingEngine.Apply(mapping, raw, "conn_a");
        var second = MappingEngine.Apply(mapping, raw, "conn_b");

        Assert.Equal(StableIds.For("conn_a", Entity.Assets, "963"), (string?)first["asset_id"]);
        Assert.Equal(StableIds.For("conn_a", Entity.Locations, "963"), (string?)first["location_id"]);
        Assert.Equal(StableIds.For("conn_b", Entity.Assets, "963"), (string?)second["asset_id"]);
    }

    [Fact]
    public void Apply_NeverMutatesOrReparentsTheRawDocument()
    {
        var raw = Raw(Document);
        var before = raw.Data.ToJsonString();
        var mapping = MappingOf(Entity.Assets, ("custom_fields", "extraFields"), ("custom_fields.asset", "asset"), ("custom_fields.all", "$"));

        var first = MappingEngine.Apply(mapping, raw, ConnectionId);
        var second = MappingEngine.Apply(mapping, raw, ConnectionId);

        Assert.Equal(before, raw.Data.ToJsonString());
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        first["custom_fields"]!["asset"]!["name"] = "changed";
        Assert.Equal("Forklift", (string?)raw.Data["asset"]!["name"]);
    }

    [Fact]
    public void Apply_SameMappingContentInNewInstances_GivesSameResult()
    {
        var a = Apply(Entity.Sites, Document, ("name", "asset.name"));
        var b = Apply(Entity.Sites, Document, ("name", "asset.name"));

        Assert.Equal(a.ToJsonString(), b.ToJsonString());
    }

    [Fact]
    public void Apply_EnumFromRemoteCodes_IsCaseInsensitive()
    {
        var result = Apply(Entity.WorkOrders, """{ "s": "ON_HOLD" }""", ("status", "s"));

        Assert.Equal("on_hold", (string?)result["status"]);
    }

    [Fact]
    public void Apply_LargeArrays_AreProcessedLinearly()
    {
        var items = new JsonArray();
        for (var i = 0; i < 20_000; i++)
        {
            items.Add(new JsonObject { ["id"] = i, ["type"] = i % 2 == 0 ? "USER" : "TEAM" });
        }

        var raw = new RawRecord("1", new JsonObject { ["assignees"] = items }, null, null, null);
        var result = MappingEngine.Apply(MappingOf(Entity.WorkOrders, ("assignee_ids", "assignees[?type == 'USER'].id | ref(users)")), raw, ConnectionId);

        Assert.Equal(10_000, result["assignee_ids"]!.AsArray().Count);
    }
}
