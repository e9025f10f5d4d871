using System.Text.Json;
using Millwright.Client.Models;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Records;

[Collection(RecordsCollection.Name)]
public sealed class RecordApiDocsTests(SharedHost host)
{
    [Fact]
    public async Task OpenApi_EveryEntity_HasListAndGetOperationsWithParametersAndExamples()
    {
        using var http = host.Server.Http();
        var text = await http.GetStringAsync("/openapi/v1.json");
        using var doc = JsonDocument.Parse(text);
        var paths = doc.RootElement.GetProperty("paths");
        foreach (var entity in EntityInfo.All)
        {
            var list = paths.GetProperty($"/v1/{entity.Path}").GetProperty("get");
            Assert.Equal($"List{entity.Entity}", list.GetProperty("operationId").GetString());
            var parameters = list.GetProperty("parameters").EnumerateArray().Select(Name).ToList();
            Assert.Subset(parameters.ToHashSet(), new HashSet<string?> { "limit", "cursor", "updated_after", "include_deleted", "include_raw", "sort", "filter", "#/components/parameters/MillwrightConnection" });
            var example = list.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example");
            Assert.StartsWith(entity.IdPrefix + "_", example.GetProperty("data")[0].GetProperty("id").GetString());

            var get = paths.GetProperty($"/v1/{entity.Path}/{{id}}").GetProperty("get");
            Assert.Equal($"Get{entity.RecordType.Name}", get.GetProperty("operationId").GetString());
            Assert.True(get.GetProperty("responses").TryGetProperty("404", out _));
        }

        var workOrders = paths.GetProperty("/v1/work-orders").GetProperty("get");
        var expand = workOrders.GetProperty("parameters").EnumerateArray().Single(p => Name(p) == "expand");
        Assert.All(["asset", "location", "site", "assignees"], name => Assert.Contains(name, expand.GetProperty("description").GetString(), StringComparison.Ordinal));
        Assert.Contains("\"next_cursor\"", text, StringComparison.Ordinal);
    }

    /// <summary>A parameter's name, or the reference of a shared one (the Millwright-Connection header).</summary>
    private static string? Name(JsonElement parameter) =>
        parameter.TryGetProperty("name", out var name) ? name.GetString() : parameter.GetProperty("$ref").GetString();
}
