using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Sandbox.Fiix;
using Millwright.Tests.Sandbox.Fiix;

namespace Millwright.Tests.Connectors.Vendors.Fiix;

/// <summary>Paging while data changes, incremental windows, deletions, throttling and failure classes; each test on its own tenant.</summary>
public sealed class FiixSyncBehaviourTests : IAsyncLifetime, IDisposable
{
    private readonly FakeTimeProvider time = new(TimeProvider.System.GetUtcNow());
    private readonly FiixHarness harness = new();
    private FiixSandboxHost? host;

    private FiixSandboxHost Host => host!;

    private ConnectionContext Connection() => FiixHarness.Connection(Host.TenantUrl);

    private FiixTestClient Client => new(Host.ApiUrl, time);

    public async Task InitializeAsync() => host = await FiixSandboxHost.StartAsync(FiixSandboxFixture.Small(), time);

    public async Task DisposeAsync() => await host!.DisposeAsync();

    public void Dispose() => harness.Dispose();

    private Task<JsonObject> ChangeAsync(long id, string field, JsonNode value) => Client.SendAsync(new JsonObject
    {
        ["_maCn"] = "ChangeRequest",
        ["className"] = "WorkOrder",
        ["changeFields"] = field,
        ["object"] = new JsonObject { ["className"] = "WorkOrder", ["id"] = id, [field] = value },
    });

    private Task<JsonObject> RemoveAsync(string className, long id) =>
        Client.SendAsync(new JsonObject { ["_maCn"] = "RemoveRequest", ["className"] = className, ["id"] = id });

    private static long Id(RawRecord record) => long.Parse(record.RemoteId, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Paging_RecordsChangedOrRemovedBetweenPages_AreNeitherMissedNorRepeated()
    {
        var connection = Connection();
        var first = await harness.PageAsync(connection, Entity.WorkOrders, pageSize: 50);
        Assert.True(first.IsSuccess, first.Failure?.Message);
        var seen = first.Value!.Records.Select(Id).ToList();

        // Between the pages: a record already read is removed (an offset would now skip one), one already
        // read and one not yet read change (moving in any date order), and a new one is added.
        Assert.Equal(1, (int)(await RemoveAsync("WorkOrder", seen[3]))["count"]!);
        time.Advance(TimeSpan.FromMinutes(1));
        await ChangeAsync(seen[10], "strDescription", "changed after it was read");
        await ChangeAsync(seen[^1] + 20, "strDescription", "changed before it was read");
        var added = await Client.SendAsync(new JsonObject
        {
            ["_maCn"] = "AddRequest",
            ["className"] = "WorkOrder",
            ["object"] = new JsonObject { ["className"] = "WorkOrder", ["strDescription"] = "added while paging", ["intSiteID"] = 1 },
        });

        var rest = new List<RawRecord>();
        var cursor = first.Value.NextCursor;
        while (cursor is not null)
        {
            var page = await harness.PageAsync(connection, Entity.WorkOrders, cursor, pageSize: 50);
            Assert.True(page.IsSuccess, page.Failure?.Message);
            rest.AddRange(page.Value!.Records);
            cursor = page.Value.NextCursor;
        }

        var all = seen.Concat(rest.Select(Id)).ToList();
        var expected = fixture().Where(id => id != seen[3]).Append(seen[3]).Distinct().Order();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(expected, all.Order());
        Assert.Contains((long)added["object"]!["id"]!, all);
        Assert.Equal("changed before it was read", (string?)rest.Single(r => Id(r) == seen[^1] + 20).Data["strDescription"]);

        IEnumerable<long> fixture()
        {
            var data = Host.Sandbox.Data;
            lock (data.Gate)
            {
                return [.. data.All("WorkOrder").Select(w => (long)w["id"]!)];
            }
        }
    }

    [Fact]
    public async Task Incremental_ReadsOnlyWhatChangedSince_AndAFullReadNoLongerListsARemovedRecord()
    {
        var connection = Connection();
        var before = await harness.ReadAllAsync(connection, Entity.WorkOrders, pageSize: 200);
        // Fiix stores dates to the second; the sandbox clock must stay near the real one (signed timestamps).
        time.Advance(TimeSpan.FromSeconds(2));
        var since = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var target = Id(before[5]);
        await ChangeAsync(target, "intPriorityID", 1);
        await Client.SendAsync(new JsonObject
        {
            ["_maCn"] = "AddRequest",
            ["className"] = "WorkOrderAsset",
            ["object"] = new JsonObject { ["className"] = "WorkOrderAsset", ["intWorkOrderID"] = Id(before[6]), ["intAssetID"] = 40 },
        });
        await RemoveAsync("WorkOrder", Id(before[7]));

        var changed = await harness.ReadAllAsync(connection, Entity.WorkOrders, since);
        var full = await harness.ReadAllAsync(connection, Entity.WorkOrders, pageSize: 200);

        Assert.Equal([target, Id(before[6])], changed.Select(Id).Order());
        Assert.Contains(40L, changed.Single(r => Id(r) == Id(before[6])).Data["_millwright"]!["assetIds"]!.AsArray().Select(a => (long)a!));
        Assert.Equal(before.Count - 1, full.Count);
        Assert.DoesNotContain(Id(before[7]), full.Select(Id));
    }

    [Fact]
    public async Task Throttling_ShortAdvisedWaitsAreWaitedOut_LongOnesAreRateLimitedWithTheWait()
    {
        var connection = Connection();
        Host.Sandbox.Throttle(2, advisoryMs: 30);
        var waited = await harness.PageAsync(connection, Entity.Vendors);
        Host.Sandbox.Throttle(1, advisoryMs: 7_000);
        var limited = await harness.PageAsync(connection, Entity.Vendors);
        Host.Sandbox.Reset();

        Assert.True(waited.IsSuccess, waited.Failure?.Message);
        Assert.Equal(25, waited.Value!.Records.Count);
        Assert.Equal(FailureCategory.RateLimited, limited.Failure!.Category);
        Assert.Equal(ErrorCodes.UpstreamRateLimited, limited.Failure.Code);
        Assert.Equal(TimeSpan.FromSeconds(7), limited.Failure.RetryAfter);
    }

    [Fact]
    public async Task Failures_AreClassified()
    {
        var badSignature = await harness.PageAsync(FiixHarness.Connection(Host.TenantUrl, secretKey: "macmmsaskp-wrong"), Entity.Assets);
        Host.Sandbox.Faults.RevokeKey(FiixSandboxSettings.DemoAccessKey);
        var revoked = await harness.PageAsync(Connection(), Entity.Assets);
        Host.Sandbox.Faults.Reset();
        Host.Sandbox.Faults.ForceStatus(503, 10);
        var down = await harness.PageAsync(Connection(), Entity.Assets);
        Host.Sandbox.Faults.Reset();
        Host.Sandbox.Faults.ForceMalformed(1);
        var malformed = await harness.PageAsync(Connection(), Entity.Assets);
        var badCursor = await harness.PageAsync(Connection(), Entity.Assets, cursor: "not-a-cursor");

        Assert.Equal(FailureCategory.AuthFailed, badSignature.Failure!.Category);
        Assert.Equal(FailureCategory.AuthFailed, revoked.Failure!.Category);
        Assert.Equal(FailureCategory.Transient, down.Failure!.Category);
        Assert.Equal(503, down.Failure.UpstreamStatus);
        Assert.Equal(ErrorCodes.UpstreamInvalidResponse, malformed.Failure!.Code);
        Assert.Equal(ErrorCodes.InvalidCursor, badCursor.Failure!.Code);
    }

    [Fact]
    public async Task MaintenanceRequests_AreTheWorkOrdersAtARequestedStatus_AndLeaveWhenApproved()
    {
        var connection = Connection();
        var requests = await harness.ReadAllAsync(connection, Entity.MaintenanceRequests);
        Assert.NotEmpty(requests);
        var approved = Id(requests[0]);
        await ChangeAsync(approved, "intWorkOrderStatusID", 2);

        var after = await harness.ReadAllAsync(connection, Entity.MaintenanceRequests);

        Assert.Equal(requests.Count - 1, after.Count);
        Assert.DoesNotContain(approved, after.Select(Id));
    }
}
