using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client.Sync;
using Millwright.Server.Features.Sync;

namespace Millwright.Tests.Server.Sync;

/// <summary>The engine under pressure: restarts mid-sync, throttling, and a connection stopped mid-run.</summary>
public sealed class SyncResilienceTests
{
    [Fact]
    public async Task Sync_HostRestartedMidSync_ResumesFromCheckpointWithNothingLostOrDuplicated()
    {
        // Many pages of work orders (the last entity), so that the run spends a while in them.
        const int pageSize = 100;
        await using var scenario = await SandboxScenario.StartAsync(SandboxScenario.SmallPlant(workOrders: 3000),
            new Dictionary<string, string?> { ["Millwright:Sync:PageSize"] = $"{pageSize}" });

        // The reference: what an uninterrupted full sync of the same data stores (another connection).
        var reference = await ReferenceSetAsync(scenario);

        // Start the first (full) sync on a slowed-down system; once at least one page of work orders (the last
        // entity, 30 pages) is stored, the system stops answering, so the run cannot finish before the host stops,
        // however slow the machine is (issue 17).
        var faults = scenario.Sandbox.Sandbox.Faults;
        faults.LatencyMs = 200;
        var run = await scenario.Client.StartSyncAsync(scenario.ConnectionId);
        var workOrders = reference.Count(r => r.Entity == "work-orders");
        await SyncTestData.WaitForRunAsync(scenario.Host, run.Id, r => r.CurrentEntity == "work-orders" && r.Added >= reference.Count - workOrders + pageSize);
        faults.LatencyMs = 120_000;
        var interrupted = await SyncTestData.WithDbAsync(scenario.Host, db => db.SyncCheckpoints.AsNoTracking()
            .SingleAsync(c => c.ConnectionId == scenario.ConnectionId && c.Entity == "work-orders"));
        await scenario.RestartAsync(async () =>
        {
            // A record created now in an entity the run has finished must not be seen by the resumed run: it
            // continues where its checkpoint says instead of reading finished entities again.
            faults.LatencyMs = 0;
            await scenario.SandboxCallAsync(HttpMethod.Post, "assets", new { name = "Spare compressor C-9" });
        });
        var resumed = await SyncTestData.WaitAsync(scenario.Client, scenario.ConnectionId, run.Id);

        Assert.Equal(run.Id, interrupted.RunId);
        Assert.NotNull(interrupted.PageCursor);
        Assert.Equal(SyncRunStatus.Succeeded, resumed.Status);
        Assert.Equal(new SyncCounts(reference.Count, 0, 0), resumed.Counts);
        var stored = await scenario.RecordsAsync();
        Assert.Equal(stored.Count, stored.Select(r => (r.Entity, r.RemoteId)).Distinct().Count());
        Assert.Equal(reference, stored.Select(r => (r.Entity, r.RemoteId, r.RawHash)).Order().ToList());
        Assert.Single((await scenario.Client.ListSyncRunsAsync(scenario.ConnectionId)).Data);
    }

    [Fact]
    public async Task Sync_SystemThrottles_RunWaitsAndSucceeds()
    {
        // The sandbox's own clock stands 59 s into its rate-limit window, so its 429s say "retry in 1 s".
        var sandboxTime = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var scenario = await SandboxScenario.StartAsync(sandboxTime: sandboxTime);
        await scenario.SandboxCallAsync(HttpMethod.Get, "organizations");
        sandboxTime.Advance(TimeSpan.FromSeconds(59));
        var reference = await ReferenceSetAsync(scenario);

        // More 429s in a row than the connector retries on its own: the engine waits and retries the page.
        scenario.Sandbox.Sandbox.Faults.ForceStatus(429, 6);
        var run = await scenario.SyncAsync();

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Empty(run.Errors);
        Assert.True(run.DurationMs >= 1000, $"took {run.DurationMs} ms");
        Assert.Equal(reference, (await scenario.RecordsAsync()).Select(r => (r.Entity, r.RemoteId, r.RawHash)).Order().ToList());
        Assert.Equal("active", (await SyncTestData.ConnectionAsync(scenario.Host, scenario.ConnectionId)).Status);
    }

    [Fact]
    public async Task StopAsync_DuringRun_CancelsRunAndWritesNothingMore()
    {
        await using var scenario = await SandboxScenario.StartAsync();
        scenario.Sandbox.Sandbox.Faults.LatencyMs = 100;
        var run = await scenario.Client.StartSyncAsync(scenario.ConnectionId);
        await SyncTestData.WaitForRunAsync(scenario.Host, run.Id, r => r.Added > 0);

        await using (var scope = scenario.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISyncScheduler>().StopAsync(scenario.ConnectionId, CancellationToken.None);
        }

        var atStop = (await scenario.RecordsAsync()).Count;
        scenario.Sandbox.Sandbox.Faults.LatencyMs = 0;
        await Task.Delay(800);
        var cancelled = await scenario.Client.GetSyncRunAsync(scenario.ConnectionId, run.Id);

        Assert.Equal(SyncRunStatus.Cancelled, cancelled.Status);
        Assert.Equal(atStop, (await scenario.RecordsAsync()).Count);
        Assert.True(atStop < (await ReferenceSetAsync(scenario)).Count);
    }

    /// <summary>(entity, remote id, raw hash) of everything an uninterrupted full sync of the sandbox stores.</summary>
    private static async Task<List<(string Entity, string RemoteId, string RawHash)>> ReferenceSetAsync(SandboxScenario scenario)
    {
        var connectionId = await SandboxScenario.ConnectAsync(scenario.Host, scenario.Account, scenario.Sandbox);
        var queued = await scenario.Client.StartSyncAsync(connectionId);
        var run = await SyncTestData.WaitAsync(scenario.Client, connectionId, queued.Id);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        var records = await SyncTestData.RecordsAsync(scenario.Host, connectionId);
        return [.. records.Select(r => (r.Entity, r.RemoteId, r.RawHash)).Order()];
    }
}
