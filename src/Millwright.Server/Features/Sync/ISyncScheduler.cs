namespace Millwright.Server.Features.Sync;

/// <summary>Why a sync run was started.</summary>
public enum SyncTrigger
{
    /// <summary>The first sync right after a connection is created (always full).</summary>
    Initial,
    /// <summary>The connection's recurring schedule.</summary>
    Schedule,
    /// <summary><c>POST /v1/connections/{id}/sync</c>.</summary>
    Manual,
}

/// <summary>What other features need from the sync engine; implemented in Features/Sync.</summary>
public interface ISyncScheduler
{
    /// <summary>Queues a run for the connection. Returns the run id, or null when a run is already queued or running.</summary>
    Task<string?> StartAsync(string connectionId, SyncTrigger trigger, CancellationToken cancellationToken);

    /// <summary>Registers (or updates) the connection's recurring schedule.</summary>
    Task ScheduleAsync(string connectionId, int intervalMinutes, CancellationToken cancellationToken);

    /// <summary>Removes the schedule and cancels queued or running runs (connection deleted).</summary>
    Task StopAsync(string connectionId, CancellationToken cancellationToken);
}
