using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Tests.Support;

namespace Millwright.Tests.Sandbox.MaintainX;

public sealed partial class MaintainXSandboxSpecCoverageTests(MaintainXSandboxFixture fixture) : IClassFixture<MaintainXSandboxFixture>
{
    [Fact]
    public void Routes_EveryEmulatedOperation_ExistsInTheSpec()
    {
        var prefix = new Millwright.Sandbox.MaintainX.MaintainXSandboxModule().Prefix + "/v1";
        var operations = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith(prefix + "/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                (Path: Constraint().Replace(e.RoutePattern.RawText![prefix.Length..], "{$1}"), Method: m.ToLowerInvariant())))
            .ToList();
        Assert.True(operations.Count > 25, $"Only {operations.Count} operations found.");
        var missing = operations.Where(o => MaintainXSpec.Paths[o.Path]?[o.Method] is null).ToList();
        Assert.True(missing.Count == 0, "Not in the spec: " + string.Join(", ", missing));
    }

    [Fact]
    public void Validate_UndeclaredField_Fails()
    {
        var page = new JsonObject { ["teams"] = new JsonArray(new JsonObject { ["id"] = 1, ["name"] = "A", ["colour"] = "red" }), ["nextCursor"] = null };
        Assert.NotEmpty(OpenApiSchemas.Validate(MaintainXSpec.ResponseSchema("/teams", "get", 200), page));
    }

    [Fact]
    public void Validate_WrongEnumNullOrType_Fails()
    {
        var schema = MaintainXSpec.ResponseSchema("/workorders", "get", 200);
        JsonObject Order(string status, JsonNode? title) => new()
        {
            ["workOrders"] = new JsonArray(new JsonObject { ["id"] = 1, ["sequentialId"] = 1, ["title"] = title, ["updatedAt"] = "2026-01-01T00:00:00.000Z", ["status"] = status }),
        };
        Assert.Empty(OpenApiSchemas.Validate(schema, Order("OPEN", "ok")));
        Assert.NotEmpty(OpenApiSchemas.Validate(schema, Order("FINISHED", "ok")));
        Assert.NotEmpty(OpenApiSchemas.Validate(schema, Order("OPEN", null)));
        Assert.NotEmpty(OpenApiSchemas.Validate(schema, Order("OPEN", 12)));
    }

    [Fact]
    public void Validate_NullableFieldWithNull_Passes()
    {
        var schema = MaintainXSpec.ResponseSchema("/workorders", "get", 200);
        var page = new JsonObject
        {
            ["workOrders"] = new JsonArray(new JsonObject
            {
                ["id"] = 1,
                ["sequentialId"] = 1,
                ["title"] = "t",
                ["updatedAt"] = "2026-01-01T00:00:00.000Z",
                ["status"] = "OPEN",
                ["recurrenceInfo"] = null,
                ["type"] = null,
                ["dueDate"] = null,
            }),
            ["nextCursor"] = null,
            ["nextPageUrl"] = null,
        };
        Assert.Empty(OpenApiSchemas.Validate(schema, page));
        page["workOrders"]![0]!["updatedAt"] = "yesterday";
        Assert.NotEmpty(OpenApiSchemas.Validate(schema, page));
    }

    [GeneratedRegex(@"\{(\w+):\w+\}")]
    private static partial Regex Constraint();
}
