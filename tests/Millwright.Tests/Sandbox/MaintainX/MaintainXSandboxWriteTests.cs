using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Millwright.Tests.Sandbox.MaintainX;

public sealed class MaintainXSandboxWriteTests(MaintainXSandboxFixture fixture) : IClassFixture<MaintainXSandboxFixture>
{
    private static readonly string[] MechanicalOnly = ["Mechanical"];

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task PostWorkOrder_ThenIncrementalList_ReturnsTheNewRecord()
    {
        using var client = fixture.Client();
        fixture.Time.Advance(TimeSpan.FromMinutes(5));
        var checkpoint = fixture.Time.GetUtcNow();
        var asset = (await client.GetObjectAsync("assets?limit=1"))["assets"]![0]!;
        using var response = await client.SendJsonAsync(HttpMethod.Post, "workorders", new
        {
            title = "Replace coupling insert",
            priority = "HIGH",
            assetId = (long)asset["id"]!,
            categories = MechanicalOnly,
            assignees = new[] { new { type = "USER", id = 1001 } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;

        var changed = await client.WalkAsync($"workorders?updatedAt[gte]={Stamp(checkpoint)}&expand=assignees&expand=categories", "workOrders");
        var created = Assert.Single(changed, w => (long)w["id"]! == id);
        Assert.Equal("OPEN", (string?)created["status"]);
        Assert.Equal("HIGH", (string?)created["priority"]);
        Assert.Equal(1001, (long)created["assignees"]![0]!["id"]!);
        Assert.Equal("Mechanical", (string?)created["categories"]![0]);
        Assert.Equal((long)asset["locationId"]!, (long)created["locationId"]!);
    }

    [Fact]
    public async Task PatchStatus_Done_SetsCompletedAtAndBumpsUpdatedAt()
    {
        using var client = fixture.Client();
        var open = (await client.GetObjectAsync("workorders?statuses=OPEN&limit=1"))["workOrders"]![0]!;
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var now = fixture.Time.GetUtcNow();
        using var response = await client.SendJsonAsync(HttpMethod.Patch, $"workorders/{(long)open["id"]!}/status", new { status = "DONE" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["workOrder"]!;
        Assert.Equal("DONE", (string?)order["status"]);
        Assert.Equal(Stamp(now), (string?)order["completedAt"]);
        Assert.Equal(Stamp(now), (string?)order["updatedAt"]);
    }

    [Fact]
    public async Task PatchStatus_Skipped_Returns400ValidationErrors()
    {
        using var client = fixture.Client();
        var any = (await client.GetObjectAsync("workorders?limit=1"))["workOrders"]![0]!;
        using var response = await client.SendJsonAsync(HttpMethod.Patch, $"workorders/{(long)any["id"]!}/status", new { status = "SKIPPED" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal("status", (string?)error["fieldPath"]);
        Assert.Equal("SKIPPED", (string?)error["fieldValue"]);
    }

    [Fact]
    public async Task PatchWorkOrder_InvalidPriority_Returns400LikeTheSpecExample()
    {
        using var client = fixture.Client();
        var any = (await client.GetObjectAsync("workorders?limit=1"))["workOrders"]![0]!;
        using var response = await client.SendJsonAsync(HttpMethod.Patch, $"workorders/{(long)any["id"]!}", new { priority = "Happy Birthday" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!;
        Assert.Equal("Invalid priority", (string?)error["error"]);
        Assert.Equal("priority", (string?)error["fieldPath"]);
    }

    [Fact]
    public async Task PatchWorkOrder_Title_IsReturnedAndListed()
    {
        using var client = fixture.Client();
        var any = (await client.GetObjectAsync("workorders?limit=1&sort=-createdAt"))["workOrders"]![0]!;
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var checkpoint = fixture.Time.GetUtcNow();
        using var response = await client.SendJsonAsync(HttpMethod.Patch, $"workorders/{(long)any["id"]!}", new { title = "Renamed by test", dueDate = "2026-12-01T08:00:00.000Z" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = await client.WalkAsync($"workorders?show_upcoming=true&updatedAt[gte]={Stamp(checkpoint)}", "workOrders");
        var row = Assert.Single(changed, w => (long)w["id"]! == (long)any["id"]!);
        Assert.Equal("Renamed by test", (string?)row["title"]);
        Assert.Equal("2026-12-01T08:00:00.000Z", (string?)row["dueDate"]);
    }

    [Fact]
    public async Task DeleteWorkOrder_ThenIncrementalList_ShowsDeletedAt()
    {
        using var client = fixture.Client();
        using var created = await client.SendJsonAsync(HttpMethod.Post, "workorders", new { title = "Temporary" });
        var id = (long)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var checkpoint = fixture.Time.GetUtcNow();

        using var deleted = await client.DeleteAsync($"workorders/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var changed = await client.WalkAsync($"workorders?updatedAt[gte]={Stamp(checkpoint)}", "workOrders");
        var row = Assert.Single(changed, w => (long)w["id"]! == id);
        Assert.Equal(Stamp(checkpoint), (string?)row["deletedAt"]);
        using var again = await client.DeleteAsync($"workorders/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        using var patch = await client.SendJsonAsync(HttpMethod.Patch, $"workorders/{id}", new { title = "x" });
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
    }

    [Fact]
    public async Task PostAsset_ThenPatchAndDelete_FollowsTheSpec()
    {
        using var client = fixture.Client();
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        var checkpoint = fixture.Time.GetUtcNow();
        using var created = await client.SendJsonAsync(HttpMethod.Post, "assets", new { name = "Spare Pump P-999", serialNumber = "GR-1", manufacturer = new { name = "Grundfos" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (long)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;

        using var patched = await client.SendJsonAsync(HttpMethod.Patch, $"assets/{id}", new { description = "Kept in the tool crib" });
        var asset = JsonNode.Parse(await patched.Content.ReadAsStringAsync())!["asset"]!;
        Assert.Equal("Kept in the tool crib", (string?)asset["description"]);
        Assert.Equal("Grundfos", (string?)asset["manufacturer"]);
        var listed = await client.WalkAsync($"assets?updatedAt[gte]={Stamp(checkpoint)}", "assets");
        Assert.Contains(listed, a => (long)a["id"]! == id);

        using var deleted = await client.DeleteAsync($"assets/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var after = await client.WalkAsync($"assets?updatedAt[gte]={Stamp(checkpoint)}", "assets");
        Assert.DoesNotContain(after, a => (long)a["id"]! == id);
        var gone = (await client.GetObjectAsync($"assets/{id}"))["asset"]!;
        Assert.NotNull((string?)gone["deletedAt"]);
    }

    [Fact]
    public async Task PostAsset_UnknownParent_Returns400()
    {
        using var client = fixture.Client();
        using var response = await client.SendJsonAsync(HttpMethod.Post, "assets", new { name = "Orphan", parentId = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("parentId is not valid", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["error"]);
    }

    [Fact]
    public async Task PostWorkOrder_MalformedJson_Returns400Errors()
    {
        using var client = fixture.Client();
        using var content = new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("workorders", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]);
    }

    [Fact]
    public async Task PostMeterReadings_UpdatesLastReadingAndMeterUpdatedAt()
    {
        using var client = fixture.Client();
        var meter = (await client.GetObjectAsync("meters?limit=1"))["meters"]![0]!;
        var meterId = (long)meter["id"]!;
        fixture.Time.Advance(TimeSpan.FromMinutes(1));
        using var response = await client.SendJsonAsync(HttpMethod.Post, "meterreadings", new[] { new { meterId, value = 123456.5 } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var read = (await client.GetObjectAsync($"meters/{meterId}?expand=last_reading"))["meter"]!;
        Assert.Equal(123456.5, (double)read["lastReading"]!["value"]!);
        Assert.Equal(Stamp(fixture.Time.GetUtcNow()), (string?)read["updatedAt"]);
    }

    [Fact]
    public async Task PostWorkOrder_Concurrent_GetsDistinctIdsAndSequentialIds()
    {
        using var client = fixture.Client();
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            using var response = await client.SendJsonAsync(HttpMethod.Post, "workorders", new { title = $"Parallel {i}" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var id = (long)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!;
            return (long)(await client.GetObjectAsync($"workorders/{id}"))["workOrder"]!["sequentialId"]!;
        }));
        Assert.Equal(24, responses.Distinct().Count());
    }
}
