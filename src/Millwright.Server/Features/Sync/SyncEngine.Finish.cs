using Microsoft.EntityFrameworkCore;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting.Telemetry;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Sync;

internal sealed partial class SyncEngine
{
    /// <summary>
    /// Records the outcome on the run and the connection in one transaction, unless the run was cancelled
    /// meanwhile. A run succeeds when it read every entity without error; a connection is active after a
    /// run that got to the end (entity-level errors are the run's to report), and otherwise takes the
    /// status the failure calls for.
    /// </summary>
    private async Task FinishAsync(RunState run, RunAbort? abort, CancellationToken cancellationToken)
    {
        var now = SyncClock.Now(time);
        var status = abort is null && run.Errors.Count == 0 ? SyncValues.Succeeded : SyncValues.Failed;
        var firstError = run.Errors.Count > 0 ? run.Errors[0] : null;
        var errorCode = abort?.Code ?? firstError?.Code;
        var errorsJson = run.ErrorsJson();
        SyncRunRow? finished;
        string? statusBefore = null, statusAfter = null, system = null;
        // The store span ends before the observers run: they tag the run's own span (Activity.Current).
        using (MillwrightTelemetry.Store.StartActivity("store finish run"))
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var updated = await db.SyncRuns
                .Where(r => r.Id == run.Id && r.Status == SyncValues.Running && r.LeaseOwner == run.Owner)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, status)
                    .SetProperty(r => r.FinishedAt, now)
                    .SetProperty(r => r.CurrentEntity, (string?)null)
                    .SetProperty(r => r.Added, run.Added)
                    .SetProperty(r => r.Updated, run.Updated)
                    .SetProperty(r => r.Deleted, run.Deleted)
                    .SetProperty(r => r.ErrorsJson, errorsJson)
                    .SetProperty(r => r.ErrorCode, errorCode)
                    .SetProperty(r => r.LeaseOwner, (string?)null)
                    .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
            if (updated == 0)
            {
                LogLeaseLost(run.Id);
                return;
            }

            var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == run.ConnectionId && c.DeletedAt == null, cancellationToken);
            if (connection is not null)
            {
                statusBefore = connection.Status;
                system = connection.System;
                if (abort is null)
                {
                    connection.LastSyncedAt = now;
                    connection.LastFullSyncAt = run.IsFull && run.Errors.Count == 0 ? now : connection.LastFullSyncAt;
                    connection.LastError = firstError?.Message;
                    var wasFailing = connection.ConsecutiveFailures > 0;
                    ConnectionHealthState.RecordSuccess(connection);
                    if (wasFailing && connection.NextSyncAt is not null)
                    {
                        connection.NextSyncAt = SyncSchedule.NextDue(connection.Id, IntervalOf(connection), now);
                    }
                }
                else
                {
                    ConnectionHealthState.RecordFailure(connection, abort.Code, abort.Message, now);
                    // A failing system is asked less often (bounded); connections without a schedule keep none.
                    if (abort.ConnectionStatus == ConnectionStatus.Degraded && connection.NextSyncAt is not null)
                    {
                        connection.NextSyncAt = SyncSchedule.BackoffDue(
                            connection.Id, IntervalOf(connection), connection.ConsecutiveFailures, now, options.Value.DegradedBackoffCap);
                    }
                }

                if (connection.Status != ConnectionStatus.Disabled)
                {
                    connection.Status = abort?.ConnectionStatus ?? ConnectionStatus.Active;
                }

                if (connection.Status != statusBefore)
                {
                    connection.UpdatedAt = now;
                }

                statusAfter = connection.Status;
                var events = scope.ServiceProvider.GetRequiredService<ConnectionEvents>();
                await events.StatusChangedAsync(db, connection, statusBefore, now, abort?.Code ?? errorCode, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            finished = await db.SyncRuns.AsNoTracking().FirstAsync(r => r.Id == run.Id, cancellationToken);
        }

        LogFinished(run.Id, status, errorCode ?? "-", run.Added, run.Updated, run.Deleted);
        foreach (var observer in observers)
        {
            try
            {
                await observer.OnRunFinishedAsync(new SyncRunFinished(finished, statusBefore, statusAfter, system), cancellationToken);
            }
            catch (Exception ex)
            {
                LogObserverFailed(ex, run.Id, observer.GetType().Name);
            }
        }
    }

    private int IntervalOf(ConnectionRow connection) =>
        SyncSchedule.IsValidInterval(connection.SyncIntervalMinutes) ? connection.SyncIntervalMinutes : options.Value.DefaultIntervalMinutes;

    private async Task CancelAsync(RunState run, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = SyncClock.Now(time);
        await scope.ServiceProvider.GetRequiredService<MillwrightDb>().SyncRuns
            .Where(r => r.Id == run.Id && r.Status == SyncValues.Running && r.LeaseOwner == run.Owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, SyncValues.Cancelled)
                .SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.CurrentEntity, (string?)null)
                .SetProperty(r => r.LeaseOwner, (string?)null)
                .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        LogFinished(run.Id, SyncValues.Cancelled, "-", run.Added, run.Updated, run.Deleted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} {Status} ({ErrorCode}; +{Added} ~{Updated} -{Deleted})")]
    private partial void LogFinished(string runId, string status, string errorCode, int added, int updated, int deleted);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync run {RunId}: observer {Observer} failed after the run finished")]
    private partial void LogObserverFailed(Exception ex, string runId, string observer);
}
