using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Server.Features.Retention;
using Millwright.Server.Features.Sync;
using Millwright.Server.Features.Webhooks;
using Millwright.Server.Features.Writes;
using Millwright.Server.Persistence;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Retention;

/// <summary>The retention job against a real store: what is past its age goes, everything else stays.</summary>
public sealed class RetentionJobTests : IClassFixture<SharedHost>
{
    private readonly MillwrightHost host;

    public RetentionJobTests(SharedHost shared) => host = shared.Server;

    [Fact]
    public async Task RunAsync_RowsOfAllAges_DeletesOnlyThosePastTheirAge()
    {
        var now = TimeProvider.System.GetUtcNow();
        var old = now.AddDays(-31);
        var recent = now.AddDays(-29);
        var tag = Guid.NewGuid().ToString("n")[..8];
        string Id(string name) => $"{name}_{tag}";
        await SyncTestData.WithDbAsync(host, async db =>
        {
            db.WebhookEvents.AddRange(Event(Id("evt_old"), old), Event(Id("evt_old_pending"), old), Event(Id("evt_recent"), recent));
            db.WebhookDeliveries.AddRange(
                Delivery(Id("whd_old"), Id("evt_old"), WebhookValues.Succeeded, old),
                Delivery(Id("whd_old_pending"), Id("evt_old_pending"), WebhookValues.Pending, old),
                Delivery(Id("whd_recent"), Id("evt_recent"), WebhookValues.Failed, recent));
            db.WebhookAttempts.AddRange(
                Attempt(Id("wha_old"), Id("whd_old"), old),
                Attempt(Id("wha_old_pending"), Id("whd_old_pending"), old),
                Attempt(Id("wha_recent_pending"), Id("whd_old_pending"), recent),
                Attempt(Id("wha_recent"), Id("whd_recent"), recent));
            var connection = Id("conn");
            db.SyncRuns.AddRange(
                Run(Id("sync_old"), connection, SyncValues.Succeeded, now.AddDays(-120)),
                Run(Id("sync_old_failed"), connection, SyncValues.Failed, now.AddDays(-100)),
                Run(Id("sync_recent"), connection, SyncValues.Succeeded, now.AddDays(-10)),
                Run(Id("sync_only_one"), Id("conn_quiet"), SyncValues.Succeeded, now.AddDays(-200)));
            db.IdempotencyKeys.AddRange(Key(Id("expired"), now.AddHours(-25)), Key(Id("live"), now.AddHours(-2)));
            await db.SaveChangesAsync();
            return 0;
        });

        RetentionResult result;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);
        }

        var left = await SyncTestData.WithDbAsync(host, async db => new
        {
            Events = await db.WebhookEvents.Where(e => e.Id.EndsWith(tag)).Select(e => e.Id).ToListAsync(),
            Deliveries = await db.WebhookDeliveries.Where(e => e.Id.EndsWith(tag)).Select(e => e.Id).ToListAsync(),
            Attempts = await db.WebhookAttempts.Where(e => e.Id.EndsWith(tag)).Select(e => e.Id).ToListAsync(),
            Runs = await db.SyncRuns.Where(e => e.Id.EndsWith(tag)).Select(e => e.Id).ToListAsync(),
            Keys = await db.IdempotencyKeys.Where(e => e.Key.EndsWith(tag)).Select(e => e.Key).ToListAsync(),
        });
        Assert.Equal([Id("evt_old_pending"), Id("evt_recent")], left.Events.Order());
        Assert.Equal([Id("whd_old_pending"), Id("whd_recent")], left.Deliveries.Order());
        Assert.Equal([Id("wha_recent"), Id("wha_recent_pending")], left.Attempts.Order());
        Assert.Equal([Id("sync_only_one"), Id("sync_recent")], left.Runs.Order());
        Assert.Equal([Id("live")], left.Keys);
        Assert.True(result.WebhookEvents >= 1 && result.WebhookDeliveries >= 1 && result.WebhookAttempts >= 2
            && result.SyncRuns >= 2 && result.IdempotencyKeys >= 1);
    }

    [Fact]
    public async Task RunAsync_MoreRowsThanABatch_DeletesThemAll()
    {
        var old = TimeProvider.System.GetUtcNow().AddDays(-40);
        var tag = Guid.NewGuid().ToString("n")[..8];
        await SyncTestData.WithDbAsync(host, async db =>
        {
            db.WebhookAttempts.AddRange(Enumerable.Range(0, 250).Select(i => Attempt($"wha_{i}_{tag}", "whd_gone", old)));
            await db.SaveChangesAsync();
            return 0;
        });

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var job = ActivatorUtilities.CreateInstance<RetentionJob>(scope.ServiceProvider,
                Microsoft.Extensions.Options.Options.Create(new RetentionOptions { BatchSize = 100 }));
            await job.RunAsync(CancellationToken.None);
        }

        Assert.Equal(0, await SyncTestData.WithDbAsync(host, db => db.WebhookAttempts.CountAsync(a => a.Id.EndsWith(tag))));
    }

    [Fact]
    public void Startup_RegistersOneRecurringJobOnTheSharedJobStorage()
    {
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var job = connection.GetRecurringJobs().SingleOrDefault(j => j.Id == RetentionJob.RecurringJobId);

        Assert.NotNull(job);
        Assert.Equal(new RetentionOptions().Cron, job.Cron);
    }

    private static WebhookEventRow Event(string id, DateTimeOffset at) =>
        new() { Id = id, AccountId = "acct_retention", Environment = "test", Type = "work_order.updated", Payload = "{}", CreatedAt = at };

    private static WebhookDeliveryRow Delivery(string id, string eventId, string status, DateTimeOffset at) => new()
    {
        Id = id,
        EventId = eventId,
        EndpointId = "we_retention",
        AccountId = "acct_retention",
        Environment = "test",
        EventType = "work_order.updated",
        Status = status,
        CreatedAt = at,
        GiveUpAt = at.AddDays(1),
        NextAttemptAt = status == WebhookValues.Pending ? at : null,
        CompletedAt = status == WebhookValues.Pending ? null : at,
    };

    private static WebhookAttemptRow Attempt(string id, string deliveryId, DateTimeOffset at) =>
        new() { Id = id, DeliveryId = deliveryId, AttemptedAt = at, StatusCode = 200, LatencyMs = 5 };

    private static SyncRunRow Run(string id, string connectionId, string status, DateTimeOffset at) => new()
    {
        Id = id,
        ConnectionId = connectionId,
        Kind = SyncValues.Full,
        Status = status,
        Trigger = "manual",
        CreatedAt = at,
        StartedAt = at,
        FinishedAt = at.AddMinutes(1),
    };

    private static IdempotencyKeyRow Key(string key, DateTimeOffset createdAt) => new()
    {
        AccountId = "acct_retention",
        Environment = "test",
        Key = key,
        RequestHash = "h",
        State = "done",
        CreatedAt = createdAt,
        ExpiresAt = createdAt.AddHours(24),
        LockedUntil = createdAt,
    };
}
