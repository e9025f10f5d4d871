using Microsoft.EntityFrameworkCore;
using Millwright.Client;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Millwright.Connectors.Core;
using Millwright.Sandbox.MaintainX;

namespace Millwright.Tests.Server.Sync;

/// <summary>The sync engine end to end: the real server, the MaintainX connector and its sandbox over loopback.</summary>
public sealed class SyncEngineTests
{
    /// <summary>What the MaintainX connector offers (meter readings cannot be listed in MaintainX).</summary>
    private static readonly string[] OfferedEntities =
        ["sites", "locations", "users", "teams", "vendors", "assets", "parts", "meters", "pm-schedules", "purchase-orders", "maintenance-requests", "work-orders"];

    [Fact]
    public async Task Sync_FirstRun_IsFullAndStoresEveryOfferedEntity()
    {
        await using var scenario = await SandboxScenario.StartAsync();

        var run = await scenario.SyncAsync();

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(SyncKind.Full, run.Kind);
        Assert.Empty(run.Errors);
        var records = await scenario.RecordsAsync();
        Assert.Equal(OfferedEntities.Order(), records.Select(r => r.Entity).Distinct().Order());
        Assert.Equal(new SyncCounts(records.Count, 0, 0), run.Counts);
        Assert.All(records, r => Assert.Equal(StableIds.For(scenario.ConnectionId, EntityInfo.FromPath(r.Entity)!.Entity, r.RemoteId), r.Id));
        Assert.All(records, r => Assert.Null(r.DeletedAt));

        // The oracle: the sandbox's own lists. Work orders the system had already deleted are not stored.
        var workOrders = (await scenario.SandboxListAsync("workorders", "workOrders")).Where(w => w["deletedAt"] is null).Select(w => w["id"]!.ToString()).Order().ToList();
        Assert.Equal(450, (await scenario.SandboxListAsync("workorders", "workOrders")).Count);
        Assert.Equal(workOrders, records.Where(r => r.Entity == "work-orders").Select(r => r.RemoteId).Order());
        var assets = (await scenario.SandboxListAsync("assets", "assets")).Select(a => a["id"]!.ToString()).Order().ToList();
        Assert.Equal(assets, records.Where(r => r.Entity == "assets").Select(r => r.RemoteId).Order());

        var connection = await SyncTestData.ConnectionAsync(scenario.Host, scenario.ConnectionId);
        Assert.Equal("active", connection.Status);
        Assert.Equal(run.FinishedAt, connection.LastSyncedAt);
        Assert.Equal(run.FinishedAt, connection.LastFullSyncAt);
        Assert.Null(connection.LastError);
    }

    [Fact]
    public async Task Sync_ChangeAndDeletionInSandbox_IncrementalRunUpdatesOneAndMarksOneDeleted()
    {
        await using var scenario = await SandboxScenario.StartAsync();
        await scenario.SyncAsync();
        var before = (await scenario.RecordsAsync()).ToDictionary(r => (r.Entity, r.RemoteId));
        var live = before.Values.Where(r => r.Entity == "work-orders").Select(r => r.RemoteId).Order(StringComparer.Ordinal).ToList();
        var (changed, removed) = (live[3], live[7]);

        var firstRunEnd = before.Values.Max(r => r.UpdatedAt);
        await scenario.SandboxCallAsync(HttpMethod.Patch, $"workorders/{changed}", new { title = "Replace the conveyor drive belt" });
        await scenario.SandboxCallAsync(HttpMethod.Delete, $"workorders/{removed}");
        var run = await scenario.SyncAsync();

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(SyncKind.Incremental, run.Kind);
        Assert.Equal(new SyncCounts(0, 1, 1), run.Counts);
        var after = (await scenario.RecordsAsync()).ToDictionary(r => (r.Entity, r.RemoteId));
        var updated = after[("work-orders", changed)];
        Assert.Contains("Replace the conveyor drive belt", updated.Data, StringComparison.Ordinal);
        Assert.True(updated.UpdatedAt > before[("work-orders", changed)].UpdatedAt);
        Assert.NotNull(after[("work-orders", removed)].DeletedAt);
        // An integrator polling the unified API with updated_after sees exactly these two changes.
        var polled = await scenario.Client.ForConnection(scenario.ConnectionId)
            .ListAsync<WorkOrder>(new ListQuery { UpdatedAfter = firstRunEnd, IncludeDeleted = true });
        Assert.Equal([changed, removed], polled.Data.Select(w => w.RemoteId).Order(StringComparer.Ordinal));
        Assert.Equal("Replace the conveyor drive belt", polled.Data.Single(w => w.RemoteId == changed).Title);
        Assert.NotNull(polled.Data.Single(w => w.RemoteId == removed).DeletedAt);
        // Everything else is untouched: same document, same updated_at.
        Assert.All(after.Values.Where(r => r.RemoteId != changed && r.RemoteId != removed),
            r => Assert.Equal(before[(r.Entity, r.RemoteId)].UpdatedAt, r.UpdatedAt));
    }

    [Fact]
    public async Task Sync_UnchangedData_ReSyncUpdatesNothing()
    {
        await using var scenario = await SandboxScenario.StartAsync();
        await scenario.SyncAsync();
        var before = await scenario.RecordsAsync();

        var incremental = await scenario.SyncAsync();
        var full = await scenario.SyncAsync(SyncKind.Full);

        Assert.Equal((SyncKind.Incremental, new SyncCounts(0, 0, 0)), (incremental.Kind, incremental.Counts));
        Assert.Equal((SyncKind.Full, new SyncCounts(0, 0, 0)), (full.Kind, full.Counts));
        var after = await scenario.RecordsAsync();
        Assert.Equal(before.Select(r => (r.Id, r.RawHash, r.UpdatedAt)), after.Select(r => (r.Id, r.RawHash, r.UpdatedAt)));
    }

    [Fact]
    public async Task Sync_FullRunAfterSilentDeletion_MarksRecordMissingFromFullReadDeleted()
    {
        await using var scenario = await SandboxScenario.StartAsync();
        await scenario.SyncAsync();
        var asset = (await scenario.RecordsAsync()).First(r => r.Entity == "assets");

        // Deleted assets simply leave MaintainX's list: only a full read can notice.
        await scenario.SandboxCallAsync(HttpMethod.Delete, $"assets/{asset.RemoteId}");
        var incremental = await scenario.SyncAsync();
        var full = await scenario.SyncAsync(SyncKind.Full);

        Assert.Equal(0, incremental.Counts.Deleted);
        // (Work orders that embed the asset changed too, without a new updatedAt: the full read updates them.)
        Assert.Equal((0, 1), (full.Counts.Added, full.Counts.Deleted));
        var stored = (await scenario.RecordsAsync()).Single(r => r.Id == asset.Id);
        Assert.NotNull(stored.DeletedAt);
    }

    [Fact]
    public async Task StartSync_WhileRunIsActive_Returns409AndStartsNothing()
    {
        await using var scenario = await SandboxScenario.StartAsync();
        scenario.Sandbox.Sandbox.Faults.LatencyMs = 150;
        var first = await scenario.Client.StartSyncAsync(scenario.ConnectionId);

        var error = await Assert.ThrowsAsync<Millwright.Client.MillwrightApiException>(() => scenario.Client.StartSyncAsync(scenario.ConnectionId));

        Assert.Equal(Millwright.Client.Errors.ErrorCodes.SyncAlreadyRunning, error.Code);
        scenario.Sandbox.Sandbox.Faults.LatencyMs = 0;
        Assert.Equal(SyncRunStatus.Succeeded, (await SyncTestData.WaitAsync(scenario.Client, scenario.ConnectionId, first.Id)).Status);
        Assert.Single((await scenario.Client.ListSyncRunsAsync(scenario.ConnectionId)).Data);
    }

    [Fact]
    public async Task Sync_RevokedKey_RunFailsAndConnectionNeedsReauth()
    {
        await using var scenario = await SandboxScenario.StartAsync();
        scenario.Sandbox.Sandbox.Faults.RevokeKey(MaintainXSandboxSettings.DemoApiKey);

        var run = await scenario.SyncAsync();

        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Equal(Millwright.Client.Errors.ErrorCodes.ConnectionCredentialsInvalid, run.ErrorCode);
        Assert.Equal(run.ErrorCode, Assert.Single(run.Errors).Code);
        var connection = await SyncTestData.ConnectionAsync(scenario.Host, scenario.ConnectionId);
        Assert.Equal("reauth_required", connection.Status);
        Assert.NotNull(connection.LastError);
        Assert.Null(connection.LastSyncedAt);
        Assert.Empty(await scenario.RecordsAsync());
    }
}
