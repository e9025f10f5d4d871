using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Millwright.Sandbox.MaintainX;

namespace Millwright.Tests.Sandbox.MaintainX;

public sealed class MaintainXSandboxListTests(MaintainXSandboxFixture fixture) : IClassFixture<MaintainXSandboxFixture>
{
    [Theory]
    [InlineData("workorders?show_upcoming=true", "workOrders")]
    [InlineData("assets", "assets")]
    [InlineData("parts", "parts")]
    [InlineData("purchaseorders", "purchaseOrders")]
    [InlineData("locations", "locations")]
    [InlineData("users", "users")]
    public async Task List_WalkedWithCursor_ReturnsEveryRecordExactlyOnce(string path, string envelope)
    {
        using var client = fixture.Client();
        var items = await client.WalkAsync(path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "limit=200", envelope);
        var ids = items.Select(i => (long)i["id"]!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.NotEmpty(ids);
    }

    [Fact]
    public async Task WorkOrders_Seeded_HaveRealisticVolumeAndStatuses()
    {
        using var client = fixture.Client();
        var items = await client.WalkAsync("workorders?show_upcoming=true&limit=200", "workOrders");
        Assert.InRange(items.Count, 4990, 5000);
        var statuses = items.GroupBy(i => (string)i["status"]!).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(statuses["DONE"] > items.Count / 2);
        Assert.Contains("OPEN", statuses.Keys);
        Assert.Contains("IN_PROGRESS", statuses.Keys);
        Assert.All(items.Where(i => (string)i["status"]! == "DONE"), i => Assert.NotNull((string?)i["completedAt"]));
    }

    [Fact]
    public async Task WorkOrders_DefaultPage_Has100ItemsAndNextPageUrl()
    {
        using var client = fixture.Client();
        var page = await client.GetObjectAsync("workorders");
        Assert.Equal(100, page["workOrders"]!.AsArray().Count);
        var next = (string)page["nextPageUrl"]!;
        Assert.StartsWith(fixture.Host.ApiBaseUrl + "workorders?", next, StringComparison.Ordinal);
        Assert.Contains("cursor=", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkOrders_UpdatedAtGte_ReturnsOnlyRecordsUpdatedSince()
    {
        using var client = fixture.Client();
        var since = fixture.Sandbox.Settings.SeedEpoch.AddDays(-10);
        var stamp = since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var items = await client.WalkAsync($"workorders?show_upcoming=true&updatedAt[gte]={stamp}", "workOrders");
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.True(DateTimeOffset.Parse((string)i["updatedAt"]!, CultureInfo.InvariantCulture) >= since));
        var all = await client.WalkAsync("workorders?show_upcoming=true&limit=200", "workOrders");
        Assert.Equal(all.Count(i => DateTimeOffset.Parse((string)i["updatedAt"]!, CultureInfo.InvariantCulture) >= since), items.Count);
    }

    [Fact]
    public async Task WorkOrders_StatusesFilterRepeated_ReturnsOnlyThoseStatuses()
    {
        using var client = fixture.Client();
        var items = await client.WalkAsync("workorders?statuses=OPEN&statuses=ON_HOLD&limit=200", "workOrders");
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.True((string)i["status"]! is "OPEN" or "ON_HOLD"));
    }

    [Fact]
    public async Task WorkOrders_SortDescendingUpdatedAt_WalksInOrder()
    {
        using var client = fixture.Client();
        var items = await client.WalkAsync("workorders?show_upcoming=true&sort=-updatedAt&limit=200", "workOrders");
        var stamps = items.Select(i => (string)i["updatedAt"]!).ToList();
        Assert.Equal(stamps.OrderDescending(StringComparer.Ordinal), stamps);
        Assert.Equal(items.Count, items.Select(i => (long)i["id"]!).Distinct().Count());
    }

    [Theory]
    [InlineData("workorders?cursor=not-a-cursor")]
    [InlineData("workorders?limit=0")]
    [InlineData("workorders?limit=201")]
    [InlineData("workorders?updatedAt[gte]=yesterday")]
    [InlineData("workorders?statuses=FINISHED")]
    [InlineData("assets?sort=name")]
    public async Task List_BadQuery_Returns400WithErrorString(string url)
    {
        using var client = fixture.Client();
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.IsType<string>((string?)body["error"]);
    }

    [Fact]
    public async Task List_CursorFromAnotherSort_Returns400()
    {
        using var client = fixture.Client();
        var page = await client.GetObjectAsync("workorders?sort=createdAt");
        using var response = await client.GetAsync($"workorders?sort=updatedAt&cursor={Uri.EscapeDataString((string)page["nextCursor"]!)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Locations_TopLevel_AreTheThreeSites()
    {
        using var client = fixture.Client();
        var items = await client.WalkAsync("locations", "locations");
        var sites = items.Where(l => l["parentId"] is null).Select(l => (string)l["name"]!).ToList();
        Assert.Equal(3, sites.Count);
        Assert.Contains("Springfield Plant", sites);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404WithErrorString()
    {
        using var client = fixture.Client();
        using var response = await client.GetAsync("workorders/1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found.", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task UnknownPath_UnderPrefix_Returns404InVendorShape()
    {
        using var client = fixture.Client();
        using var response = await client.GetAsync("no-such-resource");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not Found.", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public void Seed_SameSettings_IsIdentical()
    {
        var settings = new MaintainXSandboxSettings();
        var now = MaintainXSandboxFixture.Start;
        var first = MaintainXSandboxSeed.Build(settings, MaintainXSandboxSettings.DemoOrganizationId, now);
        var second = MaintainXSandboxSeed.Build(settings, MaintainXSandboxSettings.DemoOrganizationId, now);
        Assert.Equal(first.WorkOrders.Snapshot(), second.WorkOrders.Snapshot(), new RecordEquality<MxWorkOrder>());
        Assert.Equal(first.Assets.Snapshot().Select(a => a.Name), second.Assets.Snapshot().Select(a => a.Name));
        Assert.All(first.WorkOrders.Snapshot(), w => Assert.True(w.UpdatedAt < now));
    }

    private sealed class RecordEquality<T> : IEqualityComparer<T>
        where T : MxRecord
    {
        public bool Equals(T? x, T? y) => x is not null && y is not null && x.Id == y.Id && x.UpdatedAt == y.UpdatedAt
            && System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(T obj) => obj.Id.GetHashCode();
    }
}
