using System.Net;
using System.Text.Json.Nodes;

namespace Millwright.Tests.Sandbox.MaintainX;

/// <summary>
/// Every response the sandbox emulates is checked against the response schema of the same operation in
/// MaintainX's published OpenAPI file, in strict mode (no undeclared fields). Lists are checked on every
/// page of a full walk, with and without every <c>expand</c> value; single records on a sample of ids.
/// </summary>
public sealed class MaintainXSandboxSchemaTests(MaintainXSandboxFixture fixture) : IClassFixture<MaintainXSandboxFixture>
{
    public static TheoryData<string, string, string> Entities => new()
    {
        { "workorders", "workOrders", "workOrder" },
        { "workrequests", "workRequests", "workRequest" },
        { "assets", "assets", "asset" },
        { "locations", "locations", "location" },
        { "parts", "parts", "part" },
        { "purchaseorders", "purchaseOrders", "purchaseOrder" },
        { "vendors", "vendors", "vendor" },
        { "users", "users", "user" },
        { "teams", "teams", "team" },
        { "meters", "meters", "meter" },
        { "maintenanceplans", "maintenancePlans", "maintenancePlan" },
        { "assetcriticalities", "assetCriticalities", "assetCriticality" },
        { "categories", "categories", "category" },
    };

    [Theory]
    [MemberData(nameof(Entities))]
    public async Task ListAndGet_EveryPageAndSampledRecord_MatchSpecSchemas(string resource, string envelope, string single)
    {
        using var client = fixture.Client();
        var listPath = "/" + resource;
        var getPath = listPath + "/{id}";
        var upcoming = resource == "workorders" ? "show_upcoming=true&" : "";
        var ids = new List<long>();
        string? cursor = null;
        do
        {
            var page = await client.GetObjectAsync($"{resource}?{upcoming}limit=200" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            MaintainXSpec.AssertValid(listPath, "get", 200, page);
            ids.AddRange(page[envelope]!.AsArray().Select(i => (long)i!["id"]!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        Assert.NotEmpty(ids);

        var expand = string.Concat(MaintainXSpec.ParameterEnum(listPath, "expand").Select(e => "&expand=" + e));
        MaintainXSpec.AssertValid(listPath, "get", 200, await client.GetObjectAsync($"{resource}?{upcoming}limit=200{expand}"));

        var getExpand = string.Concat(MaintainXSpec.ParameterEnum(getPath, "expand").Select(e => "&expand=" + e));
        foreach (var id in ids.Where((_, i) => i % Math.Max(1, ids.Count / 25) == 0))
        {
            var record = await client.GetObjectAsync($"{resource}/{id}");
            Assert.Equal(id, (long)record[single]!["id"]!);
            MaintainXSpec.AssertValid(getPath, "get", 200, record);
            if (getExpand.Length > 0)
            {
                MaintainXSpec.AssertValid(getPath, "get", 200, await client.GetObjectAsync($"{resource}/{id}?{getExpand[1..]}"));
            }
        }
    }

    [Theory]
    [InlineData("organizations", "/organizations")]
    [InlineData("assetstatuses", "/assetstatuses")]
    [InlineData("teams/{team}/members", "/teams/{id}/members")]
    public async Task List_OtherCollections_MatchSpecSchemas(string url, string path)
    {
        using var client = fixture.Client();
        var team = (long)(await client.GetObjectAsync("teams?limit=1"))["teams"]![0]!["id"]!;
        var page = await client.GetObjectAsync(url.Replace("{team}", team.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        MaintainXSpec.AssertValid(path, "get", 200, page);
    }

    [Fact]
    public async Task Get_DeletedWorkOrder_MatchesSpecSchema()
    {
        using var client = fixture.Client();
        var deleted = fixture.Sandbox.Data(Millwright.Sandbox.MaintainX.MaintainXSandboxSettings.DemoOrganizationId)
            .WorkOrders.Snapshot().First(w => w.DeletedAt is not null);
        var record = await client.GetObjectAsync($"workorders/{deleted.Id}");
        Assert.NotNull((string?)record["workOrder"]!["deletedAt"]);
        MaintainXSpec.AssertValid("/workorders/{id}", "get", 200, record);
    }

    [Theory]
    [InlineData("workorders?limit=500", "/workorders", 400)]
    [InlineData("workorders?cursor=bogus", "/workorders", 400)]
    [InlineData("assets?updatedAt[gte]=soon", "/assets", 400)]
    [InlineData("workorders/1", "/workorders/{id}", 404)]
    [InlineData("assets/1", "/assets/{id}", 404)]
    [InlineData("parts/1", "/parts/{id}", 404)]
    public async Task Get_Refused_ErrorBodyMatchesSpecSchema(string url, string path, int status)
    {
        using var client = fixture.Client();
        using var response = await client.GetAsync(url);
        Assert.Equal(status, (int)response.StatusCode);
        MaintainXSpec.AssertValid(path, "get", status, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task WorkOrderWrites_Responses_MatchSpecSchemas()
    {
        using var client = fixture.Client();
        using var created = await client.SendJsonAsync(HttpMethod.Post, "workorders", new { title = "Schema check", priority = "LOW", dueDate = "2026-12-24T12:00:00.000Z" });
        var createdBody = await Body(created, HttpStatusCode.OK);
        MaintainXSpec.AssertValid("/workorders", "post", 200, createdBody);
        var id = (long)createdBody!["id"]!;

        MaintainXSpec.AssertValid("/workorders/{id}", "patch", 200, await Body(await client.SendJsonAsync(HttpMethod.Patch, $"workorders/{id}", new { description = "x" }), HttpStatusCode.OK));
        MaintainXSpec.AssertValid("/workorders/{id}", "patch", 400, await Body(await client.SendJsonAsync(HttpMethod.Patch, $"workorders/{id}", new { priority = "URGENT" }), HttpStatusCode.BadRequest));
        MaintainXSpec.AssertValid("/workorders/{id}", "patch", 404, await Body(await client.SendJsonAsync(HttpMethod.Patch, "workorders/1", new { description = "x" }), HttpStatusCode.NotFound));
        MaintainXSpec.AssertValid("/workorders/{id}/status", "patch", 200, await Body(await client.SendJsonAsync(HttpMethod.Patch, $"workorders/{id}/status", new { status = "IN_PROGRESS" }), HttpStatusCode.OK));
        MaintainXSpec.AssertValid("/workorders/{id}/status", "patch", 400, await Body(await client.SendJsonAsync(HttpMethod.Patch, $"workorders/{id}/status", new { status = "LATER" }), HttpStatusCode.BadRequest));
        MaintainXSpec.AssertValid("/workorders", "post", 400, await Body(await client.SendJsonAsync(HttpMethod.Post, "workorders", new { description = "no title" }), HttpStatusCode.BadRequest));
        using var deleted = await client.DeleteAsync($"workorders/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        MaintainXSpec.AssertValid("/workorders/{id}", "delete", 404, await Body(await client.DeleteAsync($"workorders/{id}"), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task AssetAndMeterWrites_Responses_MatchSpecSchemas()
    {
        using var client = fixture.Client();
        var createdBody = await Body(await client.SendJsonAsync(HttpMethod.Post, "assets", new { name = "Schema Pump", model = new { name = "NB 65" } }), HttpStatusCode.Created);
        MaintainXSpec.AssertValid("/assets", "post", 201, createdBody);
        var id = (long)createdBody!["id"]!;
        MaintainXSpec.AssertValid("/assets/{id}", "patch", 200, await Body(await client.SendJsonAsync(HttpMethod.Patch, $"assets/{id}", new { barcode = "B-1" }), HttpStatusCode.OK));
        MaintainXSpec.AssertValid("/assets/{id}", "patch", 400, await Body(await client.SendJsonAsync(HttpMethod.Patch, $"assets/{id}", new { parentId = id }), HttpStatusCode.BadRequest));
        MaintainXSpec.AssertValid("/assets/{id}", "patch", 404, await Body(await client.SendJsonAsync(HttpMethod.Patch, "assets/1", new { barcode = "B-1" }), HttpStatusCode.NotFound));
        MaintainXSpec.AssertValid("/assets/{id}", "delete", 404, await Body(await client.DeleteAsync("assets/1"), HttpStatusCode.NotFound));

        var meter = (long)(await client.GetObjectAsync("meters?limit=1"))["meters"]![0]!["id"]!;
        MaintainXSpec.AssertValid("/meterreadings", "post", 201,
            await Body(await client.SendJsonAsync(HttpMethod.Post, "meterreadings", new[] { new { meterId = meter, value = 1.5, readingDate = "2026-11-10T00:00:00.000Z" } }), HttpStatusCode.Created));
        MaintainXSpec.AssertValid("/meterreadings", "post", 404,
            await Body(await client.SendJsonAsync(HttpMethod.Post, "meterreadings", new[] { new { meterId = 1, value = 1.5 } }), HttpStatusCode.NotFound));
        MaintainXSpec.AssertValid("/meters/{meterId}/readings", "post", 201,
            await Body(await client.SendJsonAsync(HttpMethod.Post, $"meters/{meter}/readings", new { readingValue = 2 }), HttpStatusCode.Created));
        MaintainXSpec.AssertValid("/meters/{meterId}/readings", "post", 400,
            await Body(await client.SendJsonAsync(HttpMethod.Post, $"meters/{meter}/readings", new { value = 2 }), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Forced429_Body_MatchesSpecSchema()
    {
        using var client = fixture.Client();
        var meter = (long)(await client.GetObjectAsync("meters?limit=1"))["meters"]![0]!["id"]!;
        fixture.Sandbox.Faults.ForceStatus(429, 1);
        MaintainXSpec.AssertValid("/meters/{meterId}/readings", "post", 429,
            await Body(await client.SendJsonAsync(HttpMethod.Post, $"meters/{meter}/readings", new { readingValue = 2 }), HttpStatusCode.TooManyRequests));
    }

    private static async Task<JsonNode?> Body(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {text}");
            return JsonNode.Parse(text);
        }
    }
}
