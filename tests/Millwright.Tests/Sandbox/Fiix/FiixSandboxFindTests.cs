using System.Text.Json.Nodes;
using Millwright.Sandbox.Fiix;
using Millwright.Tests.Support;

namespace Millwright.Tests.Sandbox.Fiix;

/// <summary>FindRequest semantics: ql with parameters, orderBy, the startIndex/maxObjects window, fields, errors.</summary>
public sealed class FiixSandboxFindTests(FiixSandboxFixture fixture) : IClassFixture<FiixSandboxFixture>
{
    private static List<JsonObject> Objects(JsonObject response)
    {
        Assert.True(response["error"] is null, response["error"]?.ToJsonString());
        return [.. response["objects"]!.AsArray().Select(o => o!.AsObject())];
    }

    [Fact]
    public async Task Ql_WithParameters_FiltersLikeSql()
    {
        var client = fixture.Client();
        var all = await client.AllAsync("WorkOrder");
        var site = (long)all[0]["intSiteID"]!;
        var since = all.Select(w => (long)w["dtmDateLastModified"]!).Order().ElementAt(all.Count / 2);

        var found = Objects(await client.SendAsync(FiixTestClient.Find("WorkOrder", "id, intSiteID, dtmDateLastModified",
            "intSiteID = ? AND dtmDateLastModified >= ?", [site, since], maxObjects: 1000)));
        var either = Objects(await client.SendAsync(FiixTestClient.Find("WorkOrder", "id", "(intWorkOrderStatusID IN (1, 2) OR intPriorityID = ?) AND NOT dtmDateCompleted IS NOT NULL", [1], maxObjects: 1000)));
        var like = Objects(await client.SendAsync(FiixTestClient.Find("Asset", "id, strCode", "strCode LIKE ?", ["eq-1000%"], maxObjects: 1000)));

        Assert.Equal(all.Where(w => (long)w["intSiteID"]! == site && (long)w["dtmDateLastModified"]! >= since).Select(w => (long)w["id"]!), found.Select(w => (long)w["id"]!));
        Assert.Equal(
            all.Where(w => ((long)w["intWorkOrderStatusID"]! is 1 or 2 || (long)w["intPriorityID"]! == 1) && w["dtmDateCompleted"] is null).Select(w => (long)w["id"]!),
            either.Select(w => (long)w["id"]!));
        Assert.NotEmpty(like);
        Assert.All(like, a => Assert.StartsWith("EQ-1000", (string)a["strCode"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Window_StartIndexAndMaxObjects_WithTotalObjectsOfAllMatches()
    {
        var client = fixture.Client();
        var ordered = Objects(await client.SendAsync(FiixTestClient.Find("WorkOrder", "id, dtmDateCreated", orderBy: "dtmDateCreated DESC, id", maxObjects: 1000)));
        var page = await client.SendAsync(FiixTestClient.Find("WorkOrder", "id", orderBy: "dtmDateCreated DESC, id", startIndex: 10, maxObjects: 5));

        Assert.Equal(ordered.OrderByDescending(w => (long)w["dtmDateCreated"]!).ThenBy(w => (long)w["id"]!).Select(w => (long)w["id"]!), ordered.Select(w => (long)w["id"]!));
        Assert.Equal(ordered.Skip(10).Take(5).Select(w => (long)w["id"]!), Objects(page).Select(w => (long)w["id"]!));
        Assert.Equal(ordered.Count, (int)page["totalObjects"]!);
    }

    [Fact]
    public async Task MaxObjects_IsCappedAtTheServerMaximum()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await FiixSandboxHost.StartAsync(new FiixSandboxSettings { WorkOrderCount = 30, AssetCount = 10, MaxObjects = 7 }, time);

        var response = await new FiixTestClient(host.ApiUrl, time).SendAsync(FiixTestClient.Find("WorkOrder", "id", maxObjects: 100));

        Assert.Equal(7, Objects(response).Count);
        Assert.Equal(30, (int)response["totalObjects"]!);
    }

    [Theory]
    [InlineData("strNoSuchField = ?", 1202)]
    [InlineData("intSiteID = ? AND", 1203)]
    [InlineData("intSiteID = ? AND intPriorityID = ?", 1203)]
    [InlineData("intSiteID ~ ?", 1203)]
    public async Task BadQl_IsAFiixError(string ql, int code)
    {
        var response = await fixture.Client().SendAsync(FiixTestClient.Find("WorkOrder", "id", ql, [1]));

        Assert.Equal("FindResponse", (string?)response["_maCn"]);
        Assert.Equal(code, (int)response["error"]!["code"]!);
        Assert.Null(response["objects"]);
    }

    [Fact]
    public async Task UnknownClassOrField_IsAFiixError()
    {
        var client = fixture.Client();
        var unknownClass = await client.SendAsync(FiixTestClient.Find("WorkRequest"));
        var unknownField = await client.SendAsync(FiixTestClient.Find("WorkOrder", "id, strTitle"));
        var unknownOrder = await client.SendAsync(FiixTestClient.Find("WorkOrder", "id", orderBy: "dtmNothing DESC"));

        Assert.Equal(1201, (int)unknownClass["error"]!["code"]!);
        Assert.Equal(1202, (int)unknownField["error"]!["code"]!);
        Assert.Equal(1202, (int)unknownOrder["error"]!["code"]!);
    }

    [Fact]
    public async Task Responses_UseOnlyTheMessageFieldsOfTheOfficialModel()
    {
        var messages = JsonNode.Parse(File.ReadAllText(VendorSpecFiles.Path("fiix", "fiix-api-messages.json")))!["wire_messages"]!.AsObject();
        var client = fixture.Client();
        var responses = new[]
        {
            await client.SendAsync(FiixTestClient.Find("Priority")),
            await client.SendAsync(new JsonObject { ["_maCn"] = "FindByIdRequest", ["className"] = "Priority", ["id"] = 1 }),
            await client.SendAsync(new JsonObject { ["_maCn"] = "RpcRequest", ["name"] = "GetPermissions", ["action"] = "get" }),
            await client.SendAsync(FiixTestClient.Find("Nothing")),
        };

        foreach (var response in responses)
        {
            var declared = messages[(string)response["_maCn"]!]!.AsObject();
            Assert.All(response.Select(p => p.Key).Where(k => k != "_maCn"), k => Assert.True(declared.ContainsKey(k), $"{response["_maCn"]}.{k}"));
        }

        Assert.True((bool)responses[2]["object"]!["isAdministrator"]!);
        Assert.Equal(3, responses[2]["object"]!["groupIdsBySiteId"]!.AsObject().Count);
    }
}
