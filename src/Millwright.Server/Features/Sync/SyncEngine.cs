using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Hosting.Telemetry;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Sync;

/// <summary>
/// Executes one run: claim it, read every entity the system offers in dependency order page by page,
/// write each page atomically with its checkpoint, then record the outcome on the run and the connection.
/// A run that is resumed (after a restart or a dead worker) skips the entities it finished and continues
/// the one in flight from its saved cursor. See README.md.
/// </summary>
internal sealed partial class SyncEngine(
    IServiceScopeFactory scopes,
    ConnectorRegistry connectors,
    CredentialProtector protector,
    PageReader reader,
    SyncWorker worker,
    IEnumerable<ISyncObserver> observers,
    ConnectionEvents connectionEvents,
    IOptions<SyncOptions> options,
    TimeProvider time,
    ILogger<SyncEngine> logger)
{
    /// <summary>Claims and executes the run; returns at once when another worker has it or it is over.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="shutdown">Host shutdown: the run stops, gives its lease back, and resumes on the next start.</param>
    public async Task ExecuteAsync(string runId, CancellationToken shutdown)
    {
        var claimed = await ClaimAsync(runId, shutdown);
        if (claimed is null)
        {
            return;
        }

        var (run, connection) = claimed.Value;
        if (connection is null)
        {
            // Deleted without StopAsync (which would have cancelled the run): end the run so it is not re-queued.
            await CancelAsync(run, CancellationToken.None);
            return;
        }

        using var lease = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        using var stopHeartbeat = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(run, lease, stopHeartbeat.Token);
        try
        {
            var abort = await SyncConnectionAsync(run, connection, lease);
            await FinishAsync(run, abort, CancellationToken.None);
        }
        catch (Exception) when (shutdown.IsCancellationRequested)
        {
            // Whatever the store or the connector threw while being cancelled, the run is not over: the
            // next worker resumes it from the last committed checkpoint.
            await using var scope = scopes.CreateAsyncScope();
            await RunLease.ReleaseAsync(scope.ServiceProvider.GetRequiredService<MillwrightDb>(), run, CancellationToken.None);
            LogInterrupted(run.Id);
        }
        catch (OperationCanceledException) when (lease.IsCancellationRequested)
        {
            // Cancelled (connection deleted) or taken over by another worker: nothing more to write.
            LogLeaseLost(run.Id);
        }
        catch (Exception ex) when (StoreOutage.IsOutage(ex))
        {
            // The store went away mid-run (issue 17). Nothing is lost — every committed page has its checkpoint — and
            // the run is not the system's failure: it stays running, its lease expires, and the recovery sweep
            // re-queues it once the store answers again, to resume from that checkpoint.
            LogStoreUnreachable(ex, run.Id);
        }
        catch (Exception ex)
        {
            LogCrashed(ex, run.Id);
            await FinishAsync(run, new RunAbort(ErrorCodes.InternalError, "The sync failed inside Millwright; the run id finds the log entry.", ConnectionStatus.Degraded), CancellationToken.None);
        }
        finally
        {
            await stopHeartbeat.CancelAsync();
            await heartbeat;
        }
    }

    private async Task<(RunState Run, ConnectionRow? Connection)?> ClaimAsync(string runId, CancellationToken cancellationToken)
    {
        using var activity = MillwrightTelemetry.Store.StartActivity("store claim run");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var now = SyncClock.Now(time);
        if (!await RunLease.TryClaimAsync(db, runId, worker.Id, now, options.Value.LeaseDuration, cancellationToken))
        {
            LogNotClaimed(runId);
            return null;
        }

        var row = await db.SyncRuns.AsNoTracking().FirstAsync(r => r.Id == runId, cancellationToken);
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == row.ConnectionId && c.DeletedAt == null, cancellationToken);
        // The first sync shows as "syncing" until it succeeds (also when an earlier first attempt failed).
        if (connection is { LastSyncedAt: null } && connection.Status is not (ConnectionStatus.Disabled or ConnectionStatus.ReauthRequired or ConnectionStatus.Syncing))
        {
            var before = connection.Status;
            connection.Status = ConnectionStatus.Syncing;
            connection.UpdatedAt = now;
            await connectionEvents.StatusChangedAsync(db, connection, before, now, null, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        var run = new RunState(row, worker.Id);
        LogStarted(run.Id, row.ConnectionId, row.Kind, row.StartedAt < now);
        return (run, connection);
    }

    /// <summary>Renews the lease until the run ends; cancels <paramref name="lease"/> when the run is no longer ours.</summary>
    private async Task HeartbeatAsync(RunState run, CancellationTokenSource lease, CancellationToken stop)
    {
        var duration = options.Value.LeaseDuration;
        using var timer = new PeriodicTimer(duration / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
                if (!await RunLease.RenewAsync(db, run, SyncClock.Now(time) + duration, stop))
                {
                    await lease.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
        catch (Exception ex)
        {
            // The store is unreachable: the page writes will fail too and end the run; the lease simply expires.
            LogHeartbeatFailed(ex, run.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} of {ConnectionId} started ({Kind}, resumed: {Resumed})")]
    private partial void LogStarted(string runId, string connectionId, string kind, bool resumed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sync run {RunId} not claimed: finished, cancelled, or running elsewhere")]
    private partial void LogNotClaimed(string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} interrupted by shutdown; it resumes from its checkpoint")]
    private partial void LogInterrupted(string runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} stopped: it was cancelled or taken over")]
    private partial void LogLeaseLost(string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run {RunId} paused: the store cannot be reached; it resumes from its checkpoint once the store is back")]
    private partial void LogStoreUnreachable(Exception ex, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync run {RunId} failed unexpectedly")]
    private partial void LogCrashed(Exception ex, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run {RunId}: lease renewal failed")]
    private partial void LogHeartbeatFailed(Exception ex, string runId);
}

/// <summary>Why a run stopped before its end, and the connection status that follows.</summary>
internal sealed record RunAbort(string Code, string Message, string ConnectionStatus);
