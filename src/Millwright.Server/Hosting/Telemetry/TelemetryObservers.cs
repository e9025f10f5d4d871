using System.Diagnostics;
using Millwright.Connectors.Http;
using Millwright.Server.Features.Sync;
using Millwright.Server.Persistence;

namespace Millwright.Server.Hosting.Telemetry;

/// <summary>Feeds ended sync runs into <see cref="MillwrightMetrics"/> and tags the run's span with its outcome.</summary>
internal sealed class SyncTelemetryObserver(MillwrightMetrics metrics) : ISyncObserver
{
    public Task OnPageWritingAsync(MillwrightDb db, SyncPageChanges page, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OnRunFinishedAsync(SyncRunFinished finished, CancellationToken cancellationToken)
    {
        var run = finished.Run;
        var system = finished.System ?? "unknown";
        metrics.SyncRunEnded(system, run.Status, run.Added, run.Updated, run.Deleted, run.FinishedAt - (run.StartedAt ?? run.CreatedAt));
        if (Activity.Current is { } activity && activity.Source == MillwrightTelemetry.Source)
        {
            activity.SetTag("millwright.sync_run.status", run.Status);
            activity.SetTag("millwright.sync_run.added", run.Added);
            activity.SetTag("millwright.sync_run.updated", run.Updated);
            activity.SetTag("millwright.sync_run.deleted", run.Deleted);
            if (run.ErrorCode is { } code)
            {
                activity.SetTag("error.type", code);
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>Counts every upstream attempt (sync, passthrough, writes, credential checks) by system and outcome.</summary>
internal sealed class UpstreamTelemetryObserver(MillwrightMetrics metrics) : IUpstreamCallObserver
{
    public void OnUpstreamCall(UpstreamCall call, UpstreamCallScope? scope) => metrics.UpstreamCall(call);
}
