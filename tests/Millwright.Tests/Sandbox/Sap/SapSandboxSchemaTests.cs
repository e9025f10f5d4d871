using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Millwright.Tests.Support;

namespace Millwright.Tests.Sandbox.Sap;

/// <summary>
/// The sandbox against SAP's published metadata (read here straight from <c>vendor-specs/sap-s4hana</c>,
/// not through the sandbox's own model): every entity it returns has exactly the type's properties, its
/// keys, and the V2 JSON form of each Edm type.
/// </summary>
public sealed partial class SapSandboxSchemaTests(SapSandboxFixture fixture) : IClassFixture<SapSandboxFixture>
{
    private static readonly XNamespace Edm = "http://schemas.microsoft.com/ado/2008/09/edm";
    private static readonly string[] Plants = ["1010", "1020"];
    private static readonly string[] NullableTypes = ["Edm.DateTime", "Edm.DateTimeOffset", "Edm.Binary"];

    public static TheoryData<string> Services => new("API_MAINTENANCEORDER", "API_EQUIPMENT", "API_FUNCTIONALLOCATION", "API_MAINTNOTIFICATION", "API_PURCHASEORDER_PROCESS_SRV",
        "API_PRODUCT_SRV", "API_MATERIAL_STOCK_SRV", "API_MAINTENANCEPLAN", "API_WORK_CENTERS", "API_BUSINESS_PARTNER");

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Metadata_EveryService_IsThePublishedDocumentByteForByte(string service)
    {
        using var client = fixture.Client(service);

        var served = await client.GetByteArrayAsync("$metadata");

        Assert.Equal(await File.ReadAllBytesAsync(VendorSpecFiles.Path("sap-s4hana", $"{service}.edmx")), served);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Entities_EveryEntitySet_MatchTheMetadata(string service)
    {
        var schema = XDocument.Load(VendorSpecFiles.Path("sap-s4hana", $"{service}.edmx")).Descendants(Edm + "Schema").First();
        var ns = (string)schema.Attribute("Namespace")!;
        var types = schema.Elements(Edm + "EntityType").ToDictionary(t => $"{ns}.{(string)t.Attribute("Name")!}");
        using var client = fixture.Client(service);
        var seen = 0;
        foreach (var set in schema.Element(Edm + "EntityContainer")!.Elements(Edm + "EntitySet"))
        {
            var type = types[(string)set.Attribute("EntityType")!];
            var entities = await client.WalkAsync($"{(string)set.Attribute("Name")!}?$format=json");
            foreach (var entity in entities)
            {
                AssertMatches(type, (string)set.Attribute("EntityType")!, entity);
                seen++;
            }
        }

        Assert.True(seen > 0, $"{service} returned no entity at all");
    }

    [Fact]
    public async Task Entities_SeededPlantMaintenanceSets_AreFilledInSapStyle()
    {
        using var orders = fixture.Client("API_MAINTENANCEORDER");
        var all = await orders.WalkAsync("MaintenanceOrder?$format=json");

        Assert.Equal(70, all.Count);
        Assert.All(all, o => Assert.Matches("^4[0-9]{6}$", (string)o["MaintenanceOrder"]!));
        Assert.Equal(["PM01", "PM02", "PM03"], all.Select(o => (string)o["MaintenanceOrderType"]!).Distinct().Order());
        Assert.Contains(all, o => ((string)o["SystemStatusText"]!).StartsWith("REL  ", StringComparison.Ordinal));
        Assert.All(all, o => Assert.Matches("^(CRTD|REL |TECO|CLSD)", (string)o["SystemStatusText"]!));
        Assert.All(all, o => Assert.Contains((string)o["MaintenancePlanningPlant"]!, Plants));
        using var locations = fixture.Client("API_FUNCTIONALLOCATION");
        var roots = await locations.WalkAsync("FunctionalLocation?$format=json&$filter=SuperiorFunctionalLocation eq ''");
        Assert.Equal(["1010-HH", "1020-B"], roots.Select(r => (string)r["FunctionalLocation"]!).Order());
    }

    [Fact]
    public async Task Expand_OrdersThroughOperationsToComponents_NestsEntitiesOfTheMetadataUnderTheirParents()
    {
        var schema = XDocument.Load(VendorSpecFiles.Path("sap-s4hana", "API_MAINTENANCEORDER.edmx")).Descendants(Edm + "Schema").First();
        var types = schema.Elements(Edm + "EntityType").ToDictionary(t => (string)t.Attribute("Name")!);
        using var client = fixture.Client("API_MAINTENANCEORDER");

        var orders = await client.WalkAsync("MaintenanceOrder?$format=json&$expand=to_MaintenanceOrderOperation/to_MaintOrderOpComponent_2");
        var components = await client.WalkAsync("MaintOrderOpComponent?$format=json");
        var expanded = new List<JsonObject>();
        foreach (var order in orders)
        {
            AssertMatches(types["MaintenanceOrderType"], "cds_api_maintenanceorder_2.MaintenanceOrderType", order, "to_MaintenanceOrderOperation");
            foreach (var operation in order["to_MaintenanceOrderOperation"]!["results"]!.AsArray().Select(o => o!.AsObject()))
            {
                AssertMatches(types["MaintenanceOrderOperationType"], "cds_api_maintenanceorder_2.MaintenanceOrderOperationType", operation, "to_MaintOrderOpComponent_2");
                Assert.Equal((string?)order["MaintenanceOrder"], (string?)operation["MaintenanceOrder"]);
                foreach (var component in operation["to_MaintOrderOpComponent_2"]!["results"]!.AsArray().Select(c => c!.AsObject()))
                {
                    AssertMatches(types["MaintOrderOpComponent_Type"], "cds_api_maintenanceorder_2.MaintOrderOpComponent_Type", component);
                    Assert.Equal((string?)operation["MaintenanceOrderOperation"], (string?)component["MaintenanceOrderOperation"]);
                    Assert.Equal((string?)order["MaintenanceOrder"], (string?)component["MaintenanceOrder"]);
                    expanded.Add(component);
                }
            }
        }

        Assert.Equal(70, orders.Count);
        Assert.NotEmpty(components);
        Assert.Equal(components.Select(c => (string)c["__metadata"]!["uri"]!).Order(), expanded.Select(c => (string)c["__metadata"]!["uri"]!).Order());
    }

    [Theory]
    [InlineData("to_MaintenanceOrderOperation/to_NoSuchNavigation")]
    [InlineData("to_MaintenanceOrderOperation/")]
    [InlineData("to_MaintOrderOpComponent_2")]
    public async Task Expand_PathWithAStepTheMetadataLacks_IsABadRequest(string expand)
    {
        using var client = fixture.Client("API_MAINTENANCEORDER");

        using var response = await client.GetAsync($"MaintenanceOrder?$format=json&$expand={expand}");
        var error = await SapHttp.ErrorAsync(response);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/IWCOR/CX_DS_EXPR_SYNTAX_ERROR", (string?)error["code"]);
    }

    private static void AssertMatches(XElement type, string qualifiedName, JsonObject entity, params string[] expanded)
    {
        Assert.Equal(qualifiedName, (string?)entity["__metadata"]!["type"]);
        var properties = type.Elements(Edm + "Property").ToDictionary(p => (string)p.Attribute("Name")!);
        var navigations = type.Elements(Edm + "NavigationProperty").Select(n => (string)n.Attribute("Name")!).ToHashSet();
        var names = entity.Select(p => p.Key).Where(k => k != "__metadata").ToHashSet();
        Assert.True(names.SetEquals(properties.Keys.Concat(navigations)),
            $"{qualifiedName}: extra {string.Join(",", names.Except(properties.Keys).Except(navigations))}; missing {string.Join(",", properties.Keys.Concat(navigations).Except(names))}");
        foreach (var key in type.Element(Edm + "Key")!.Elements(Edm + "PropertyRef").Select(k => (string)k.Attribute("Name")!))
        {
            Assert.NotNull(entity[key]);
        }

        foreach (var (name, property) in properties)
        {
            AssertWireValue(qualifiedName, property, entity[name]);
        }

        foreach (var navigation in navigations.Except(expanded))
        {
            Assert.StartsWith((string)entity["__metadata"]!["uri"]!, (string?)entity[navigation]!["__deferred"]!["uri"], StringComparison.Ordinal);
        }
    }

    private static void AssertWireValue(string type, XElement property, JsonNode? value)
    {
        var name = $"{type}.{(string)property.Attribute("Name")!}";
        var edm = (string)property.Attribute("Type")!;
        if (value is null)
        {
            Assert.True((string?)property.Attribute("Nullable") != "false", $"{name} is not nullable but null");
            Assert.Contains(edm, NullableTypes);
            return;
        }

        var kind = value.GetValueKind();
        switch (edm)
        {
            case "Edm.String":
                Assert.Equal(JsonValueKind.String, kind);
                if ((string?)property.Attribute("MaxLength") is { } max)
                {
                    Assert.True(((string)value!).Length <= int.Parse(max, CultureInfo.InvariantCulture), $"{name} is longer than {max}");
                }

                break;
            case "Edm.Boolean":
                Assert.True(kind is JsonValueKind.True or JsonValueKind.False, $"{name} is {kind}");
                break;
            case "Edm.DateTime":
                Assert.Matches(DateTimeWire(), (string)value!);
                break;
            case "Edm.DateTimeOffset":
                Assert.Matches(DateTimeOffsetWire(), (string)value!);
                break;
            case "Edm.Time":
                Assert.Matches(TimeWire(), (string)value!);
                break;
            case "Edm.Decimal":
                var scale = int.Parse((string?)property.Attribute("Scale") ?? "0", CultureInfo.InvariantCulture);
                Assert.Matches(scale == 0 ? "^-?[0-9]+$" : $"^-?[0-9]+\\.[0-9]{{{scale}}}$", (string)value!);
                break;
            case "Edm.Int64":
                Assert.Matches("^-?[0-9]+$", (string)value!);
                break;
            case "Edm.Double" or "Edm.Single":
                Assert.Matches(@"^-?[0-9]\.[0-9]+E[+-][0-9]+$", (string)value!);
                break;
            case "Edm.Int32" or "Edm.Int16" or "Edm.Byte" or "Edm.SByte":
                Assert.Equal(JsonValueKind.Number, kind);
                break;
            case "Edm.Guid":
                Assert.True(Guid.TryParse((string)value!, out _), name);
                break;
            default:
                Assert.Fail($"{name} has the unexpected type {edm}");
                break;
        }
    }

    [GeneratedRegex(@"^/Date\(-?[0-9]+\)/$")]
    private static partial Regex DateTimeWire();

    [GeneratedRegex(@"^/Date\(-?[0-9]+\+0000\)/$")]
    private static partial Regex DateTimeOffsetWire();

    [GeneratedRegex(@"^PT[0-9]{2}H[0-9]{2}M[0-9]{2}S$")]
    private static partial Regex TimeWire();
}
