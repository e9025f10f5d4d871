using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Connections;
using Millwright.Client.Sync;
using Millwright.Server.Features.Sync;

namespace Millwright.Tests.Server.Sync;

/// <summary>A degraded connection's schedule backs off while its system fails and returns to normal after a success.</summary>
public sealed class SyncBackoffTests
{
    [Fact]
    public async Task ScheduledConnection_SystemFailsTwiceThenRecovers_NextSyncBacksOffThenReturnsToTheInterval()
    {
        await using var scenario = await SandboxScenario.StartAsync(SandboxScenario.SmallPlant(workOrders: 5), new Dictionary<string, string?>
        {
            ["Millwright:Upstream:MaxRetries"] = "1",
            ["Millwright:Upstream:RetryBaseDelay"] = "00:00:00.010",
            ["Millwright:Upstream:CircuitBreakDuration"] = "00:00:00.500",
            ["Millwright:Sync:TransientRetries"] = "1",
        });
        var initial = await scenario.SyncAsync();
        Assert.True(initial.Status == SyncRunStatus.Succeeded, initial.ErrorCode + " " + string.Join("; ", initial.Errors.Select(e => $"{e.Entity} {e.Code} {e.Message}")));
        await using (var scope = scenario.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISyncScheduler>().ScheduleAsync(scenario.ConnectionId, 15, CancellationToken.None);
        }

        var faults = scenario.Sandbox.Sandbox.Faults;
        faults.ErrorRate = 1.0;
        var first = await FailedRunAsync(scenario);
        var afterFirst = await SyncTestData.ConnectionAsync(scenario.Host, scenario.ConnectionId);
        var second = await FailedRunAsync(scenario);
        var afterSecond = await SyncTestData.ConnectionAsync(scenario.Host, scenario.ConnectionId);
        faults.Reset();
        await Task.Delay(600); // the connection's circuit (500 ms here) lets a trial call through again
        var recovered = await RunRowAsync(scenario, await scenario.SyncAsync());
        var afterRecovery = await SyncTestData.ConnectionAsync(scenario.Host, scenario.ConnectionId);

        Assert.Equal(ConnectionStatuses.Degraded, afterFirst.Status);
        Assert.Equal(SyncSchedule.NextTick(scenario.ConnectionId, 15, first.FinishedAt!.Value.AddMinutes(30) - SyncSchedule.Slack), afterFirst.NextSyncAt);
        Assert.Equal(SyncSchedule.NextTick(scenario.ConnectionId, 15, second.FinishedAt!.Value.AddMinutes(60) - SyncSchedule.Slack), afterSecond.NextSyncAt);
        Assert.Equal(SyncRunStatus.Succeeded.ToString(), recovered.Status, ignoreCase: true);
        Assert.Equal(ConnectionStatuses.Active, afterRecovery.Status);
        Assert.Equal(SyncSchedule.NextDue(scenario.ConnectionId, 15, recovered.FinishedAt!.Value), afterRecovery.NextSyncAt);
    }

    private static async Task<SyncRunRow> FailedRunAsync(SandboxScenario scenario)
    {
        var run = await scenario.SyncAsync();
        Assert.Equal(SyncRunStatus.Failed, run.Status);
        return await RunRowAsync(scenario, run);
    }

    private static Task<SyncRunRow> RunRowAsync(SandboxScenario scenario, SyncRun run) =>
        SyncTestData.WithDbAsync(scenario.Host, db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id));
}
