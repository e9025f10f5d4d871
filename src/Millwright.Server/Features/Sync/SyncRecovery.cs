using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Millwright.Server.Hosting;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Sync;

/// <summary>
/// Puts runs back on the queue whose job was lost: on the embedded default every job dies with the
/// process (in-memory storage), and on any storage a node can die mid-run. Runs resume from their
/// checkpoints, so a re-queued run continues where it stopped. Also re-registers every schedule at start-up.
/// </summary>
internal sealed partial class SyncRecovery(
    MillwrightDb db,
    SyncScheduler scheduler,
    IBackgroundJobClient jobs,
    IRecurringJobManager recurring,
    MillwrightOptions millwright,
    IOptions<SyncOptions> options,
    TimeProvider time,
    ILogger<SyncRecovery> logger)
{
    public const string RecurringJobId = "sync-recovery";

    /// <summary>A queued run older than this without a worker has lost its job.</summary>
    internal static readonly TimeSpan QueuedGrace = TimeSpan.FromMinutes(10);

    public async Task StartupAsync(CancellationToken cancellationToken)
    {
        if (!millwright.UsesPostgres)
        {
            // The embedded store belongs to this one process, so whoever held a lease before died with the
            // previous process: free the runs now rather than after their leases expire.
            await db.SyncRuns
                .Where(r => r.Status == SyncValues.Queued || r.Status == SyncValues.Running)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.LeaseOwner, (string?)null)
                    .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        }

        await RecoverAsync(startup: true, cancellationToken);

        var connections = await db.Connections.AsNoTracking()
            .Where(c => c.DeletedAt == null)
            .Select(c => new { c.Id, c.SyncIntervalMinutes })
            .ToListAsync(cancellationToken);
        foreach (var connection in connections)
        {
            scheduler.Register(connection.Id, connection.SyncIntervalMinutes);
        }

        recurring.AddOrUpdate<SyncJobs>(RecurringJobId, j => j.RecoverAsync(CancellationToken.None), options.Value.RecoveryCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        LogSchedules(connections.Count);
    }

    /// <summary>Queues a job for every run that has no live worker. Extra jobs are harmless: only one can claim a run.</summary>
    public async Task<int> RecoverAsync(bool startup, CancellationToken cancellationToken)
    {
        var now = SyncClock.Now(time);
        var orphans = db.SyncRuns.AsNoTracking().Where(r =>
            r.Status == SyncValues.Running && (r.LeaseExpiresAt == null || r.LeaseExpiresAt < now));
        // At start-up every queued run may have lost its job; later, only those waiting suspiciously long.
        var queuedBefore = now - QueuedGrace;
        var lost = startup
            ? db.SyncRuns.AsNoTracking().Where(r => r.Status == SyncValues.Queued)
            : db.SyncRuns.AsNoTracking().Where(r => r.Status == SyncValues.Queued && r.CreatedAt < queuedBefore);
        var ids = await orphans.Select(r => r.Id).Concat(lost.Select(r => r.Id)).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            jobs.Enqueue<SyncJobs>(j => j.RunAsync(id, CancellationToken.None));
        }

        if (ids.Count > 0)
        {
            LogRequeued(ids.Count);
        }

        return ids.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-queued {Count} sync runs that had no live worker")]
    private partial void LogRequeued(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered the sync schedules of {Count} connections")]
    private partial void LogSchedules(int count);
}

/// <summary>Runs <see cref="SyncRecovery.StartupAsync"/> once the store is migrated (hosted services start in order).</summary>
internal sealed class SyncStartup(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SyncRecovery>().StartupAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
