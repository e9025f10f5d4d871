using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Server.Features.Sync;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Sync;

/// <summary>Schedules: the recurring job per connection and the tick that starts a run when it is due.</summary>
public sealed class SyncScheduleHostTests : IClassFixture<SharedHost>
{
    private readonly MillwrightHost host;

    public SyncScheduleHostTests(SharedHost shared) => host = shared.Server;

    [Fact]
    public async Task ScheduleAsync_Connection_SetsNextSyncAtAndRegistersRecurringJob()
    {
        var account = await host.CreateAccountAsync();
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "nope");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ISyncScheduler>().ScheduleAsync(connectionId, 30, CancellationToken.None);
        }

        var connection = await SyncTestData.ConnectionAsync(host, connectionId);
        Assert.Equal(30, connection.SyncIntervalMinutes);
        var now = TimeProvider.System.GetUtcNow();
        Assert.InRange(connection.NextSyncAt!.Value, now.AddMinutes(29), now.AddMinutes(61));
        var job = RecurringJob(connectionId);
        Assert.NotNull(job);
        Assert.Equal(SyncSchedule.Cron(connectionId, 30), job.Cron);
    }

    [Fact]
    public async Task ScheduledTick_Due_StartsScheduleRunAndMovesNextSyncAt()
    {
        var account = await host.CreateAccountAsync();
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        var past = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        await SyncTestData.WithDbAsync(host, db => db.Connections.Where(c => c.Id == connectionId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextSyncAt, past).SetProperty(c => c.SyncIntervalMinutes, 15)));

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SyncJobs>().ScheduledAsync(connectionId, CancellationToken.None);
        }

        var runs = await SyncTestData.WithDbAsync(host, db => db.SyncRuns.AsNoTracking().Where(r => r.ConnectionId == connectionId).ToListAsync());
        var run = Assert.Single(runs);
        Assert.Equal("schedule", run.Trigger);
        Assert.Equal("full", run.Kind);
        Assert.True((await SyncTestData.ConnectionAsync(host, connectionId)).NextSyncAt > TimeProvider.System.GetUtcNow().AddMinutes(14));
    }

    [Fact]
    public async Task ScheduledTick_NotDueOrReauthRequired_StartsNothing()
    {
        var account = await host.CreateAccountAsync();
        var notDue = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        var reauth = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        var future = TimeProvider.System.GetUtcNow().AddMinutes(10);
        var past = TimeProvider.System.GetUtcNow().AddMinutes(-10);
        await SyncTestData.WithDbAsync(host, db => db.Connections.Where(c => c.Id == notDue).ExecuteUpdateAsync(s => s.SetProperty(c => c.NextSyncAt, future)));
        await SyncTestData.WithDbAsync(host, db => db.Connections.Where(c => c.Id == reauth)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextSyncAt, past).SetProperty(c => c.Status, "reauth_required")));

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var jobs = scope.ServiceProvider.GetRequiredService<SyncJobs>();
            await jobs.ScheduledAsync(notDue, CancellationToken.None);
            await jobs.ScheduledAsync(reauth, CancellationToken.None);
        }

        var runs = await SyncTestData.WithDbAsync(host, db => db.SyncRuns.CountAsync(r => r.ConnectionId == notDue || r.ConnectionId == reauth));
        Assert.Equal(0, runs);
    }

    [Fact]
    public async Task StopAsync_ScheduledConnection_RemovesRecurringJobAndCancelsQueuedRun()
    {
        var account = await host.CreateAccountAsync();
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        await using var scope = host.Services.CreateAsyncScope();
        var scheduler = scope.ServiceProvider.GetRequiredService<ISyncScheduler>();
        await scheduler.ScheduleAsync(connectionId, 15, CancellationToken.None);
        // A run queued by another node a moment ago, not yet claimed by any worker.
        await SyncTestData.WithDbAsync(host, async db =>
        {
            db.SyncRuns.Add(new SyncRunRow
            {
                Id = "sync_queued_" + connectionId,
                ConnectionId = connectionId,
                Kind = "full",
                Status = "queued",
                Trigger = "manual",
                CreatedAt = TimeProvider.System.GetUtcNow(),
                LeaseOwner = "another-node",
                LeaseExpiresAt = TimeProvider.System.GetUtcNow().AddHours(1),
            });
            return await db.SaveChangesAsync();
        });

        await scheduler.StopAsync(connectionId, CancellationToken.None);

        Assert.Null(RecurringJob(connectionId));
        Assert.Null((await SyncTestData.ConnectionAsync(host, connectionId)).NextSyncAt);
        var run = await SyncTestData.WithDbAsync(host, db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.ConnectionId == connectionId));
        Assert.Equal("cancelled", run.Status);
        Assert.NotNull(run.FinishedAt);
        // With the connection's slot free again, a new run may start.
        Assert.NotNull(await scheduler.StartAsync(connectionId, SyncTrigger.Manual, CancellationToken.None));
    }

    [Theory]
    [InlineData(25, "full")]
    [InlineData(1, "incremental")]
    public async Task StartSync_SinceLastFullRun_ChoosesFullOncePerFullSyncInterval(int hoursSinceFull, string expected)
    {
        var account = await host.CreateAccountAsync();
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        var lastFull = TimeProvider.System.GetUtcNow().AddHours(-hoursSinceFull);
        await SyncTestData.WithDbAsync(host, db => db.Connections.Where(c => c.Id == connectionId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastFullSyncAt, lastFull).SetProperty(c => c.LastSyncedAt, lastFull)));

        var run = await SyncTestData.Client(host, account.TestSecretKey).StartSyncAsync(connectionId);

        Assert.Equal(expected, run.Kind.ToString().ToLowerInvariant());
    }

    [Fact]
    public async Task RecoverySweep_QueuedRunOfConnectionDeletedWithoutStop_EndsCancelled()
    {
        var account = await host.CreateAccountAsync();
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        var runId = "sync_lost_" + connectionId;
        var longAgo = TimeProvider.System.GetUtcNow().AddHours(-1);
        await SyncTestData.WithDbAsync(host, async db =>
        {
            // Queued an hour ago, its job lost; the connection deleted meanwhile by someone who did not stop it.
            db.SyncRuns.Add(new SyncRunRow
            {
                Id = runId,
                ConnectionId = connectionId,
                Kind = "full",
                Status = "queued",
                Trigger = "schedule",
                CreatedAt = longAgo,
            });
            await db.SaveChangesAsync();
            return await db.Connections.Where(c => c.Id == connectionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.DeletedAt, longAgo));
        });

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SyncJobs>().RecoverAsync(CancellationToken.None);
        }

        var run = await SyncTestData.WaitForRunAsync(host, runId, r => r.Status != "queued" && r.Status != "running", TimeSpan.FromSeconds(20));
        Assert.Equal("cancelled", run.Status);
        Assert.Equal(0, await SyncTestData.WithDbAsync(host, db => db.Records.CountAsync(r => r.ConnectionId == connectionId)));
    }

    private RecurringJobDto? RecurringJob(string connectionId)
    {
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().SingleOrDefault(j => j.Id == SyncSchedule.RecurringJobId(connectionId));
    }
}
