using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Millwright.Tests.Support;

namespace Millwright.Tests.Sandbox.Odoo;

/// <summary>The emulated maintenance models and every seeded record, against the published models file and data file.</summary>
public sealed partial class OdooSandboxModelTests(OdooSandboxFixture fixture) : IClassFixture<OdooSandboxFixture>
{
    private static readonly string[] MaintenanceModels = ["maintenance.stage", "maintenance.equipment.category", "maintenance.equipment", "maintenance.request", "maintenance.team"];

    private static JsonObject Spec() => JsonNode.Parse(File.ReadAllText(VendorSpecFiles.Path("odoo", "odoo18-maintenance-models.json")))!.AsObject();

    public static TheoryData<string> Models() => [.. MaintenanceModels];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task FieldsGet_MaintenanceModel_MatchesThePublishedModelsFile(string model)
    {
        var spec = Spec();
        var expected = spec["models"]![model]!["fields"]!.AsObject();
        using var client = fixture.Client();
        var fields = (await client.ExecuteAsync(model, "fields_get", [], new { attributes = OdooRpcClient.Fields("type", "relation", "selection", "required", "store", "string", "relation_field") }))!.AsObject();

        var allowed = expected.Select(p => p.Key).Concat(spec["standard_fields"]!.AsObject().Select(p => p.Key)).ToHashSet();
        Assert.DoesNotContain(fields, p => !allowed.Contains(p.Key));
        foreach (var (name, standard) in spec["standard_fields"]!.AsObject())
        {
            Assert.Equal((string?)standard!["type"], (string?)fields[name]?["type"]);
        }

        foreach (var (name, node) in expected)
        {
            var field = fields[name]?.AsObject();
            Assert.True(field is not null, $"{model}.{name} is missing");
            Assert.Equal((string?)node!["type"], (string?)field["type"]);
            Assert.Equal((string?)node["relation"], (string?)field["relation"]);
            Assert.Equal((bool?)node["required"] ?? false, (bool)field["required"]!);
            if (node["string"] is { } label)
            {
                Assert.Equal((string?)label, (string?)field["string"]);
            }

            if (node["inverse"] is { } inverse)
            {
                Assert.Equal((string?)inverse, (string?)field["relation_field"]);
            }

            var stored = (node["compute"] is null && node["related"] is null) || (bool?)node["store"] == true;
            Assert.True(stored == (bool)field["store"]!, $"{model}.{name}: store should be {stored}");
            if (node["selection"] is JsonArray selection)
            {
                Assert.Equal(selection.ToJsonString(), field["selection"]!.ToJsonString());
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task SearchRead_EveryRecord_HasEveryFieldInItsWireFormatWithFalseForEmpties(string model)
    {
        var spec = Spec();
        var types = spec["models"]![model]!["fields"]!.AsObject().Concat(spec["standard_fields"]!.AsObject())
            .ToDictionary(p => p.Key, p => p.Value!.AsObject());
        using var client = fixture.Client();
        var records = await client.AllAsync(model);

        Assert.NotEmpty(records);
        var seenFalse = new HashSet<string>();
        foreach (var record in records.Select(r => r!.AsObject()))
        {
            Assert.Equal(types.Keys.Order(), record.Select(p => p.Key).Order());
            foreach (var (name, value) in record)
            {
                var field = types[name];
                var problem = WireProblem((string)field["type"]!, field["selection"] as JsonArray, value);
                Assert.True(problem is null, $"{model}({record["id"]}).{name} = {value?.ToJsonString() ?? "null"}: {problem}");
                if (value?.GetValueKind() == JsonValueKind.False && (string)field["type"]! != "boolean")
                {
                    seenFalse.Add(name);
                }
            }
        }

        // Seeded data leaves optional fields empty somewhere, and Odoo writes each of those as false.
        if (model == "maintenance.request")
        {
            Assert.Superset(new HashSet<string> { "equipment_id", "close_date", "priority", "description", "schedule_date", "repeat_until", "instruction_pdf" }, seenFalse);
        }
    }

    [Fact]
    public async Task Stages_AreTheDataFilesStages()
    {
        var xml = XDocument.Load(VendorSpecFiles.Path("odoo", "maintenance_data.xml"));
        var expected = xml.Descendants("record").Where(r => (string?)r.Attribute("model") == "maintenance.stage")
            .Select(r => (
                Name: r.Elements("field").Single(f => (string?)f.Attribute("name") == "name").Value,
                Sequence: int.Parse((string)r.Elements("field").Single(f => (string?)f.Attribute("name") == "sequence").Attribute("eval")!, System.Globalization.CultureInfo.InvariantCulture),
                Fold: (string?)r.Elements("field").SingleOrDefault(f => (string?)f.Attribute("name") == "fold")?.Attribute("eval") == "True",
                Done: (string?)r.Elements("field").SingleOrDefault(f => (string?)f.Attribute("name") == "done")?.Attribute("eval") == "True"))
            .ToList();
        using var client = fixture.Client();
        var stages = (await client.ExecuteAsync("maintenance.stage", "search_read", [Array.Empty<object>()], new { fields = OdooRpcClient.Fields("name", "sequence", "fold", "done") }))!.AsArray();
        var team = (await client.ExecuteAsync("maintenance.team", "read", [OdooRpcClient.Ids(1)], new { fields = OdooRpcClient.Fields("name") }))!.AsArray();

        Assert.Equal(expected, stages.Select(s => ((string)s!["name"]!, (int)s["sequence"]!, (bool)s["fold"]!, (bool)s["done"]!)).ToList());
        Assert.Equal(xml.Descendants("record").Single(r => (string?)r.Attribute("model") == "maintenance.team").Element("field")!.Value, (string?)team[0]!["name"]);
    }

    [Fact]
    public async Task Seed_HasSeveralTeamsCategoriesAndRequestsInEveryStage()
    {
        using var client = fixture.Client();
        var teams = await client.AllAsync("maintenance.team");
        var requests = (await client.ExecuteAsync("maintenance.request", "search_read", [Array.Empty<object>()], new { fields = OdooRpcClient.Fields("stage_id", "archive", "maintenance_type", "recurring_maintenance") }))!.AsArray();
        var equipment = await client.AllAsync("maintenance.equipment");

        Assert.True(teams.Count >= 4);
        Assert.Contains(teams, t => !(bool)t!["active"]!);
        Assert.Equal(fixture.Sandbox.Settings.RequestCount, requests.Count);
        Assert.Equal(4, requests.Select(r => (int)r!["stage_id"]![0]!).Distinct().Count());
        Assert.Contains(requests, r => (bool)r!["archive"]!);
        Assert.Contains(requests, r => (bool)r!["recurring_maintenance"]! && (string?)r["maintenance_type"] == "preventive");
        Assert.DoesNotContain(requests, r => (bool)r!["recurring_maintenance"]! && (string?)r["maintenance_type"] != "preventive");
        Assert.Equal(fixture.Sandbox.Settings.EquipmentCount, equipment.Count);
        Assert.All(equipment.Where(e => e!["serial_no"]!.GetValueKind() == JsonValueKind.String),
            e => Assert.Equal($"{e!["name"]}/{e["serial_no"]}", (string?)e["display_name"]));
        Assert.Equal(equipment.Count(e => e!["serial_no"]!.GetValueKind() == JsonValueKind.String),
            equipment.Select(e => e!["serial_no"]!.ToJsonString()).Where(s => s != "false").Distinct().Count());
    }

    /// <summary>Why a value is not what <c>read()</c> returns for a field of <paramref name="type"/>, or null when it is.</summary>
    private static string? WireProblem(string type, JsonArray? selection, JsonNode? value)
    {
        if (value is null)
        {
            return "null never appears on Odoo's wire";
        }

        var kind = value.GetValueKind();
        var isFalse = kind == JsonValueKind.False;
        return type switch
        {
            "integer" => kind == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out _) ? null : "not an integer",
            "float" or "monetary" => kind == JsonValueKind.Number ? null : "not a number",
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False ? null : "not a boolean",
            "many2one" => isFalse || (value is JsonArray { Count: 2 } pair && pair[0]!.GetValueKind() == JsonValueKind.Number && pair[1]!.GetValueKind() == JsonValueKind.String)
                ? null : "not [id, name] or false",
            "one2many" or "many2many" => value is JsonArray ids && ids.All(i => i!.GetValueKind() == JsonValueKind.Number) ? null : "not a list of ids",
            "date" => isFalse || (kind == JsonValueKind.String && DateText().IsMatch((string)value!)) ? null : "not YYYY-MM-DD or false",
            "datetime" => isFalse || (kind == JsonValueKind.String && DatetimeText().IsMatch((string)value!)) ? null : "not YYYY-MM-DD HH:MM:SS or false",
            "selection" => isFalse || (kind == JsonValueKind.String && selection!.Any(s => (string?)s![0] == (string)value!)) ? null : "not a selection value or false",
            "char" or "text" or "html" or "binary" => isFalse || (kind == JsonValueKind.String && ((string)value!).Length > 0) ? null : "not a non-empty string or false",
            "properties" => value is JsonArray ? null : "not a list",
            "properties_definition" => isFalse || value is JsonArray ? null : "not a list or false",
            _ => $"unknown type {type}",
        };
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateText();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")]
    private static partial Regex DatetimeText();
}
