using Millwright.Connectors.Http;
using Millwright.Server.Hosting.Telemetry;

namespace Millwright.Server.Features.Sync;

/// <summary>
/// The Hangfire entry points of the sync feature; each call runs in its own DI scope of the host that
/// executes it. Hangfire passes its shutdown token as the <see cref="CancellationToken"/>. Only ids cross
/// the queue: the state lives in our tables.
/// </summary>
internal sealed class SyncJobs(SyncEngine engine, SyncScheduler scheduler, SyncRecovery recovery)
{
    /// <summary>Executes (or resumes) a run; its upstream calls are logged under the run id (Features/RequestLogs).</summary>
    public async Task RunAsync(string runId, CancellationToken cancellationToken)
    {
        // A trace of its own per execution (a resumption is another): its children are the upstream calls and page writes.
        using var activity = MillwrightTelemetry.Source.StartActivity("sync run");
        activity?.SetTag(MillwrightTelemetry.RunIdTag, runId);
        using var upstreamCalls = UpstreamCallRecorder.Begin(runId, collect: false);
        await engine.ExecuteAsync(runId, cancellationToken);
    }

    /// <summary>A tick of a connection's schedule.</summary>
    public Task ScheduledAsync(string connectionId, CancellationToken cancellationToken) =>
        scheduler.TriggerScheduledAsync(connectionId, cancellationToken);

    /// <summary>Re-queues runs whose worker died (see <see cref="SyncRecovery"/>).</summary>
    public Task RecoverAsync(CancellationToken cancellationToken) => recovery.RecoverAsync(startup: false, cancellationToken);
}
