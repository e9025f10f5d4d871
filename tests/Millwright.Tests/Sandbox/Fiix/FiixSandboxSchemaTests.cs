using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Sandbox.Fiix;
using Millwright.Tests.Support;

namespace Millwright.Tests.Sandbox.Fiix;

/// <summary>Every emulated class and object against the class list extracted from Fiix's Java SDK (fiix-cmms-classes.json).</summary>
public sealed class FiixSandboxSchemaTests(FiixSandboxFixture fixture) : IClassFixture<FiixSandboxFixture>
{
    private static readonly JsonObject Spec =
        JsonNode.Parse(File.ReadAllText(VendorSpecFiles.Path("fiix", "fiix-cmms-classes.json")))!["classes"]!.AsObject();

    public static TheoryData<string> Classes => new(FxClasses.All.Keys);

    [Theory]
    [MemberData(nameof(Classes))]
    public void EmulatedClass_HasExactlyTheFieldsAndTypesTheSdkDeclares(string className)
    {
        var declared = Spec[className]?["fields"]?.AsObject();
        Assert.NotNull(declared);
        var emulated = FxClasses.All[className];
        Assert.Equal(declared.Select(f => f.Key), emulated.Keys);
        foreach (var (field, type) in declared)
        {
            var text = (string)type!;
            var expected = text.StartsWith("integer", StringComparison.Ordinal) ? FxType.Long
                : text.StartsWith("number", StringComparison.Ordinal) ? FxType.Double
                : text == "string" ? FxType.String
                : text.StartsWith("date", StringComparison.Ordinal) ? FxType.Date
                : throw new InvalidOperationException($"Unknown spec type {text}");
            Assert.True(expected == emulated[field], $"{className}.{field}: spec {text}, sandbox {emulated[field]}");
        }
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public async Task EveryObject_CarriesOnlyDeclaredFieldsWithTheirJsonTypes(string className)
    {
        var declared = Spec[className]!["fields"]!.AsObject();
        var objects = await fixture.Client().AllAsync(className);

        Assert.NotEmpty(objects);
        foreach (var item in objects)
        {
            Assert.Equal(className, (string?)item["className"]);
            foreach (var (field, value) in item)
            {
                if (field == "className")
                {
                    continue;
                }

                Assert.True(declared.ContainsKey(field), $"{className} object {item["id"]} has the undeclared field {field}");
                if (value is null)
                {
                    continue;
                }

                var type = (string)declared[field]!;
                var kind = value.GetValueKind();
                var ok = type switch
                {
                    "string" => kind == JsonValueKind.String,
                    _ when type.StartsWith("number", StringComparison.Ordinal) => kind == JsonValueKind.Number,
                    _ when type.StartsWith("integer", StringComparison.Ordinal) => kind == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out _),
                    _ => kind == JsonValueKind.Number && value.AsValue().TryGetValue<long>(out var ms) && ms > 0,
                };
                Assert.True(ok, $"{className}.{field} is declared {type} but the sandbox sent {value.ToJsonString()}");
                if (field.StartsWith("bol", StringComparison.Ordinal))
                {
                    Assert.Contains((long)value, new long[] { 0, 1 });
                }
            }

            Assert.Equal(declared.Count + 1, item.Count);
        }
    }

    [Fact]
    public async Task DisplayValues_ComeInExtraFieldsUnderDvNames()
    {
        var response = await fixture.Client().SendAsync(FiixTestClient.Find("WorkOrder", "id, strCode, intWorkOrderStatusID, dv_intWorkOrderStatusID, dv_intSiteID", maxObjects: 3));

        var first = response["objects"]!.AsArray()[0]!.AsObject();
        Assert.Equal(["className", "id", "strCode", "intWorkOrderStatusID", "extraFields"], first.Select(p => p.Key));
        var status = FiixSandboxSeed.WorkOrderStatuses.Single(s => s.Id == (long)first["intWorkOrderStatusID"]!);
        Assert.Equal(status.Name, (string?)first["extraFields"]!["dv_intWorkOrderStatusID"]);
        Assert.EndsWith("Plant", (string?)first["extraFields"]!["dv_intSiteID"] ?? "Center", StringComparison.Ordinal);
    }
}
