using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Mappings;

using Change = Dictionary<string, IReadOnlyDictionary<string, string?>?>;

/// <summary>GET field-mappings and GET /v1/{entity}/schema.</summary>
public sealed class FieldMappingsViewTests(MappingsFixture fixture) : IClassFixture<MappingsFixture>
{
    [Fact]
    public async Task GetFieldMappings_AfterChange_ShowsSourcesAndDiscoveredFields()
    {
        var connectionId = await fixture.SyncedConnectionAsync();
        await fixture.Client.UpdateFieldMappingsAsync(connectionId, new Change
        {
            ["work-orders"] = new Dictionary<string, string?> { ["title"] = "title | trim", ["custom_fields.seq"] = "sequentialId" },
        });

        var view = await fixture.Client.GetFieldMappingsAsync(connectionId);

        Assert.Equal(("maintainx", 1), (view.System, view.Version));
        var workOrders = view.Entities.Single(e => e.Entity == "work-orders");
        Assert.Equal(workOrders.RecordsStored, workOrders.RecordsSampled);
        Assert.True(workOrders.RecordsStored > 0);
        var title = workOrders.Fields.Single(f => f.Target == "title");
        Assert.Equal(("connection", "title | trim", "title"), (title.Source, title.Expression, title.DefaultExpression));
        var status = workOrders.Fields.Single(f => f.Target == "status");
        Assert.Equal(("default", "enum"), (status.Source, status.Type));
        Assert.Contains("in_progress", status.EnumValues!);
        Assert.Equal("connection", workOrders.Fields.Single(f => f.Target == "custom_fields.seq").Source);

        var sequential = workOrders.SourceFields.Single(f => f.Path == "sequentialId");
        Assert.Equal((1.0, true, "number"), (sequential.FillRate, sequential.Mapped, sequential.Types.Single()));
        Assert.NotEmpty(sequential.Examples);
        var costCenter = workOrders.SourceFields.Single(f => f.Path == "extraFields[\"Cost Center\"]");
        Assert.True(costCenter is { FillRate: > 0 and < 1, Mapped: true }, "covered by the custom_fields spread of extraFields");
        Assert.Contains(workOrders.SourceFields, f => !f.Mapped);
        Assert.Equal(workOrders.SourceFields.Select(f => f.FillRate).OrderDescending(), workOrders.SourceFields.Select(f => f.FillRate));
    }

    [Fact]
    public async Task GetSchema_WithCustomFields_DescribesAndValidatesTheRecords()
    {
        var connectionId = await fixture.SyncedConnectionAsync();
        await fixture.Client.UpdateFieldMappingsAsync(connectionId, new Change
        {
            ["work-orders"] = new Dictionary<string, string?>
            {
                ["custom_fields.seq"] = "sequentialId | number",
                ["custom_fields.due"] = "dueDate | date",
            },
        });

        var schema = JsonNode.Parse((await fixture.Client.ForConnection(connectionId).GetSchemaAsync(Entity.WorkOrders)).GetRawText())!;

        var custom = schema["properties"]!["custom_fields"]!;
        var seqTypes = custom["properties"]!["seq"]!["type"]!.AsArray().Select(t => (string?)t).ToList();
        Assert.Contains("number", seqTypes);
        Assert.DoesNotContain("string", seqTypes);
        Assert.Equal("date-time", (string?)custom["properties"]!["due"]!["format"]);
        Assert.Equal("Mapped from: sequentialId | number", (string?)custom["properties"]!["seq"]!["description"]);
        Assert.Equal(true, (bool?)custom["additionalProperties"]);
        Assert.Contains("Cost Center", custom["properties"]!.AsObject().Select(p => p.Key));
        foreach (var record in await fixture.WorkOrdersAsync(connectionId))
        {
            Assert.Empty(OpenApiSchemas.Validate(schema, record));
        }

        var broken = (await fixture.WorkOrdersAsync(connectionId))[0];
        broken["custom_fields"]!["seq"] = "not a number";
        Assert.NotEmpty(OpenApiSchemas.Validate(schema, broken));
    }

    [Fact]
    public async Task GetSchema_ConnectionToken_SeesItsOwnConnection()
    {
        var connectionId = await fixture.ConnectionAsync();
        using var http = fixture.Host.Http(fixture.Account.TestSecretKey);

        var withoutHeader = await http.GetAsync("/v1/assets/schema");
        http.DefaultRequestHeaders.Add("Millwright-Connection", connectionId);
        var withHeader = await http.GetAsync("/v1/assets/schema");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, withoutHeader.StatusCode);
        Assert.Equal("application/schema+json", withHeader.Content.Headers.ContentType!.MediaType);
        var schema = JsonNode.Parse(await withHeader.Content.ReadAsStringAsync())!;
        Assert.Equal("Asset", (string?)schema["title"]);
        Assert.Contains("operational", schema["properties"]!["status"]!["enum"]!.AsArray().Select(v => (string?)v));
    }
}
