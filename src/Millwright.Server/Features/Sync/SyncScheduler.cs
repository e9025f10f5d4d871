using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Millwright.Client.Sync;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Sync;

/// <summary>
/// Queues runs and keeps schedules. A run is a row in <c>sync_runs</c> first and a Hangfire job second:
/// the row (guarded by a unique index on the connection's active run) decides whether a run may start, and
/// survives when the job does not (see <see cref="SyncRecovery"/>).
/// </summary>
internal sealed partial class SyncScheduler(
    MillwrightDb db,
    IBackgroundJobClient jobs,
    IRecurringJobManager recurring,
    IOptions<SyncOptions> options,
    TimeProvider time,
    ILogger<SyncScheduler> logger) : ISyncScheduler
{
    public Task<string?> StartAsync(string connectionId, SyncTrigger trigger, CancellationToken cancellationToken) =>
        StartAsync(connectionId, trigger, null, cancellationToken);

    /// <summary>Queues a run; null when the connection is unknown or deleted, or already has a queued or running run.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="trigger">Why.</param>
    /// <param name="kind">Forced kind; null chooses (full for the first run and every <see cref="SyncOptions.FullSyncInterval"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<string?> StartAsync(string connectionId, SyncTrigger trigger, SyncKind? kind, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == connectionId && c.DeletedAt == null, cancellationToken);
        if (connection is null)
        {
            return null;
        }

        // The unique index decides; this look first only spares the store a refused insert in the common case.
        if (await db.SyncRuns.AnyAsync(r => r.ConnectionId == connectionId && (r.Status == SyncValues.Queued || r.Status == SyncValues.Running), cancellationToken))
        {
            LogAlreadyActive(connectionId);
            return null;
        }

        var now = SyncClock.Now(time);
        var run = new SyncRunRow
        {
            Id = Ids.New("sync"),
            ConnectionId = connectionId,
            Kind = SyncValues.Of(kind ?? ChooseKind(connection, trigger, now)),
            Status = SyncValues.Queued,
            Trigger = SyncValues.Of(trigger),
            CreatedAt = now,
        };
        db.SyncRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (StoreErrors.IsUniqueViolation(ex))
        {
            db.Entry(run).State = EntityState.Detached;
            LogAlreadyActive(connectionId);
            return null;
        }

        jobs.Enqueue<SyncJobs>(j => j.RunAsync(run.Id, CancellationToken.None));
        LogQueued(run.Id, connectionId, run.Kind, run.Trigger);
        return run.Id;
    }

    public async Task ScheduleAsync(string connectionId, int intervalMinutes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMinutes, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(intervalMinutes, SyncSchedule.MaxIntervalMinutes);
        // FindAsync returns the caller's tracked row when it has one, so the caller sees next_sync_at too.
        var connection = await db.Connections.FindAsync([connectionId], cancellationToken);
        if (connection is null || connection.DeletedAt is not null)
        {
            return;
        }

        connection.SyncIntervalMinutes = intervalMinutes;
        connection.NextSyncAt = SyncSchedule.NextDue(connectionId, intervalMinutes, SyncClock.Now(time));
        await db.SaveChangesAsync(cancellationToken);
        Register(connectionId, intervalMinutes);
    }

    public async Task StopAsync(string connectionId, CancellationToken cancellationToken)
    {
        recurring.RemoveIfExists(SyncSchedule.RecurringJobId(connectionId));
        var now = SyncClock.Now(time);
        // Waits for a page being written right now (it holds the run row), then takes the run away from its
        // worker: the worker's next lease check or page guard fails and it writes nothing more.
        var cancelled = await db.SyncRuns
            .Where(r => r.ConnectionId == connectionId && (r.Status == SyncValues.Queued || r.Status == SyncValues.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, SyncValues.Cancelled)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.CurrentEntity, (string?)null)
                .SetProperty(r => r.LeaseOwner, (string?)null)
                .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        var connection = await db.Connections.FindAsync([connectionId], cancellationToken);
        if (connection is not null)
        {
            connection.NextSyncAt = null;
            await db.SaveChangesAsync(cancellationToken);
        }

        LogStopped(connectionId, cancelled);
    }

    /// <summary>A tick of the connection's recurring job: starts a run when the schedule says it is due.</summary>
    public async Task TriggerScheduledAsync(string connectionId, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.FindAsync([connectionId], cancellationToken);
        if (connection is null || connection.DeletedAt is not null)
        {
            recurring.RemoveIfExists(SyncSchedule.RecurringJobId(connectionId));
            return;
        }

        var now = SyncClock.Now(time);
        // Credentials the system rejected stay rejected until someone supplies new ones (issue 6); a
        // disabled connection is off on purpose.
        if (connection.Status is ConnectionStatus.ReauthRequired or ConnectionStatus.Disabled || !SyncSchedule.IsDue(connection.NextSyncAt, now))
        {
            return;
        }

        var interval = SyncSchedule.IsValidInterval(connection.SyncIntervalMinutes) ? connection.SyncIntervalMinutes : options.Value.DefaultIntervalMinutes;
        connection.NextSyncAt = SyncSchedule.NextDue(connectionId, interval, now);
        await db.SaveChangesAsync(cancellationToken);
        await StartAsync(connectionId, SyncTrigger.Schedule, null, cancellationToken);
    }

    /// <summary>(Re-)registers the recurring job; idempotent.</summary>
    public void Register(string connectionId, int intervalMinutes)
    {
        var interval = SyncSchedule.IsValidInterval(intervalMinutes) ? intervalMinutes : options.Value.DefaultIntervalMinutes;
        recurring.AddOrUpdate<SyncJobs>(
            SyncSchedule.RecurringJobId(connectionId),
            j => j.ScheduledAsync(connectionId, CancellationToken.None),
            SyncSchedule.Cron(connectionId, interval),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }

    private SyncKind ChooseKind(ConnectionRow connection, SyncTrigger trigger, DateTimeOffset now) =>
        trigger == SyncTrigger.Initial
        || connection.LastFullSyncAt is not { } lastFull
        || now - lastFull >= options.Value.FullSyncInterval
            ? SyncKind.Full
            : SyncKind.Incremental;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} of {ConnectionId} queued ({Kind}, {Trigger})")]
    private partial void LogQueued(string runId, string connectionId, string kind, string trigger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sync of {ConnectionId} not queued: a run is already queued or running")]
    private partial void LogAlreadyActive(string connectionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Syncs of {ConnectionId} stopped ({Cancelled} runs cancelled)")]
    private partial void LogStopped(string connectionId, int cancelled);
}
