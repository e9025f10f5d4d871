using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Millwright.Sandbox.Fiix;

namespace Millwright.Tests.Sandbox.Fiix;

/// <summary>Add, Change (only changeFields), Remove and transactional batches; each test on its own tenant.</summary>
public sealed class FiixSandboxWriteTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(TimeProvider.System.GetUtcNow());
    private FiixSandboxHost? host;

    private FiixTestClient Client => new(host!.ApiUrl, time);

    public async Task InitializeAsync() => host = await FiixSandboxHost.StartAsync(FiixSandboxFixture.Small(), time);

    public async Task DisposeAsync() => await host!.DisposeAsync();

    private static JsonObject Add(string className, JsonObject values, string? fields = null)
    {
        values["className"] = className;
        var message = new JsonObject { ["_maCn"] = "AddRequest", ["className"] = className, ["object"] = values };
        if (fields is not null)
        {
            message["fields"] = fields;
        }

        return message;
    }

    [Fact]
    public async Task Add_StampsWhatTheServerOwns_AndAnswersTheNamedFields()
    {
        var response = await Client.SendAsync(Add("WorkOrder", new JsonObject { ["strDescription"] = "Replace pump seal", ["intSiteID"] = 1, ["intPriorityID"] = 2 },
            "id, strCode, strDescription, intWorkOrderStatusID, dtmDateCreated, dtmDateLastModified, dv_intWorkOrderStatusID"));

        Assert.Null(response["error"]);
        Assert.Equal(1, (int)response["count"]!);
        var created = response["object"]!.AsObject();
        Assert.Equal("Replace pump seal", (string?)created["strDescription"]);
        Assert.Equal("Open", (string?)created["extraFields"]!["dv_intWorkOrderStatusID"]);
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds() * 1000, (long)created["dtmDateLastModified"]!);
        Assert.NotNull((string?)created["strCode"]);
    }

    [Fact]
    public async Task Change_WritesOnlyTheChangeFields()
    {
        var before = (await Client.SendAsync(new JsonObject { ["_maCn"] = "FindByIdRequest", ["className"] = "WorkOrder", ["id"] = 5 }))["object"]!.AsObject();
        time.Advance(TimeSpan.FromMinutes(3));

        var response = await Client.SendAsync(new JsonObject
        {
            ["_maCn"] = "ChangeRequest",
            ["className"] = "WorkOrder",
            ["changeFields"] = "intWorkOrderStatusID",
            ["fields"] = "id, strDescription, intWorkOrderStatusID, dtmDateCompleted, dtmDateLastModified",
            ["object"] = new JsonObject { ["className"] = "WorkOrder", ["id"] = 5, ["intWorkOrderStatusID"] = 5, ["strDescription"] = "ignored, not in changeFields" },
        });

        var changed = response["object"]!.AsObject();
        Assert.Equal(5, (long)changed["intWorkOrderStatusID"]!);
        Assert.Equal((string?)before["strDescription"], (string?)changed["strDescription"]);
        Assert.True((long)changed["dtmDateLastModified"]! > (long)before["dtmDateLastModified"]!);
        Assert.NotNull(changed["dtmDateCompleted"]);
    }

    [Fact]
    public async Task Writes_WithWrongTypesOrUnknownIds_AreFiixErrors()
    {
        var wrongType = await Client.SendAsync(Add("WorkOrder", new JsonObject { ["intPriorityID"] = "high" }));
        var wrongBoolean = await Client.SendAsync(Add("Asset", new JsonObject { ["strName"] = "X", ["bolIsOnline"] = 2 }));
        var missing = await Client.SendAsync(new JsonObject
        {
            ["_maCn"] = "ChangeRequest",
            ["className"] = "WorkOrder",
            ["changeFields"] = "strDescription",
            ["object"] = new JsonObject { ["className"] = "WorkOrder", ["id"] = 999_999, ["strDescription"] = "x" },
        });
        var removedMissing = await Client.SendAsync(new JsonObject { ["_maCn"] = "RemoveRequest", ["className"] = "WorkOrder", ["id"] = 999_999 });

        Assert.Equal(1205, (int)wrongType["error"]!["code"]!);
        Assert.Equal(1205, (int)wrongBoolean["error"]!["code"]!);
        Assert.Equal(1204, (int)missing["error"]!["code"]!);
        Assert.Equal(0, (int)removedMissing["count"]!);
    }

    [Fact]
    public async Task LinkRows_KeepTheWorkOrderListsTrue_AndTouchIt()
    {
        time.Advance(TimeSpan.FromMinutes(1));
        var added = await Client.SendAsync(Add("WorkOrderUser", new JsonObject { ["intWorkOrderID"] = 7, ["intUserID"] = 3 }));
        var workOrder = (await Client.SendAsync(new JsonObject { ["_maCn"] = "FindByIdRequest", ["className"] = "WorkOrder", ["id"] = 7, ["fields"] = "strAssignedUserIds, dtmDateLastModified" }))["object"]!;
        var removed = await Client.SendAsync(new JsonObject { ["_maCn"] = "RemoveRequest", ["className"] = "WorkOrder", ["id"] = 7 });
        var links = await Client.SendAsync(FiixTestClient.Find("WorkOrderUser", "id", "intWorkOrderID = ?", [7]));

        Assert.Null(added["error"]);
        Assert.Contains("3", ((string)workOrder["strAssignedUserIds"]!).Split(','));
        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds() * 1000, (long)workOrder["dtmDateLastModified"]!);
        Assert.Equal(1, (int)removed["count"]!);
        Assert.Equal(0, (int)links["totalObjects"]!);
    }

    [Fact]
    public async Task Batch_SingleTransaction_RollsBackEverythingWhenOneFails()
    {
        var batch = new JsonObject
        {
            ["_maCn"] = "BatchRequest",
            ["singleTransaction"] = true,
            ["requests"] = new JsonArray(
                Add("Business", new JsonObject { ["strName"] = "Batch Vendor" }),
                Add("Business", new JsonObject { ["strName"] = 42 })),
        };
        var separate = new JsonObject
        {
            ["_maCn"] = "BatchRequest",
            ["singleTransaction"] = false,
            ["requests"] = new JsonArray(
                Add("Business", new JsonObject { ["strName"] = "Kept Vendor" }),
                new JsonObject { ["_maCn"] = "FindRequest", ["className"] = "Business", ["fields"] = "id", ["filters"] = new JsonArray(new JsonObject { ["ql"] = "strName = ?", ["parameters"] = new JsonArray("Kept Vendor") }) }),
        };

        var failed = await Client.SendAsync(batch);
        var ok = await Client.SendAsync(separate);
        var rolledBack = await Client.SendAsync(FiixTestClient.Find("Business", "id", "strName = ?", ["Batch Vendor"]));

        Assert.Equal("BatchResponse", (string?)failed["_maCn"]);
        Assert.Equal(1205, (int)failed["error"]!["code"]!);
        Assert.Equal(2, failed["responses"]!.AsArray().Count);
        Assert.Equal(0, (int)rolledBack["totalObjects"]!);
        Assert.Equal(["AddResponse", "FindResponse"], ok["responses"]!.AsArray().Select(r => (string)r!["_maCn"]!));
        Assert.Equal(1, (int)ok["responses"]![1]!["totalObjects"]!);
    }
}
