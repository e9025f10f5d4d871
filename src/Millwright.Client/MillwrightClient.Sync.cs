using System.Globalization;
using Millwright.Client.Models;
using Millwright.Client.Sync;

namespace Millwright.Client;

// Sync runs of a connection (secret key).
public sealed partial class MillwrightClient
{
    /// <summary>
    /// Queues a sync of the connection and returns the queued run. Throws with code
    /// <c>SYNC_ALREADY_RUNNING</c> (409) when a run is queued or running. Secret key.
    /// </summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="kind">Force full or incremental; null lets Millwright choose.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<SyncRun> StartSyncAsync(string connectionId, SyncKind? kind = null, CancellationToken cancellationToken = default) =>
        SendAsync<SyncRun>(HttpMethod.Post, SyncPath(connectionId) + "/sync", new StartSyncRequest(kind), cancellationToken);

    /// <summary>Lists the connection's sync runs, newest first. Secret key.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="limit">Page size, 1–500 (default 50).</param>
    /// <param name="cursor"><see cref="Page{T}.NextCursor"/> of the previous page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Page<SyncRun>> ListSyncRunsAsync(string connectionId, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        SendAsync<Page<SyncRun>>(HttpMethod.Get, WithQuery(SyncPath(connectionId) + "/sync-runs",
        [
            new("limit", limit?.ToString(CultureInfo.InvariantCulture)),
            new("cursor", cursor),
        ]), null, cancellationToken);

    /// <summary>Gets one sync run (progress while it runs). Secret key.</summary>
    public Task<SyncRun> GetSyncRunAsync(string connectionId, string runId, CancellationToken cancellationToken = default) =>
        SendAsync<SyncRun>(HttpMethod.Get, $"{SyncPath(connectionId)}/sync-runs/{Uri.EscapeDataString(runId)}", null, cancellationToken);

    /// <summary>Polls a sync run until it has finished and returns it. Secret key.</summary>
    /// <param name="connectionId">The connection.</param>
    /// <param name="runId">The run.</param>
    /// <param name="pollInterval">Time between polls (default 500 ms).</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<SyncRun> WaitForSyncRunAsync(string connectionId, string runId, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var interval = pollInterval ?? TimeSpan.FromMilliseconds(500);
        while (true)
        {
            var run = await GetSyncRunAsync(connectionId, runId, cancellationToken).ConfigureAwait(false);
            if (run.IsFinished)
            {
                return run;
            }

            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string SyncPath(string connectionId) => $"v1/connections/{Uri.EscapeDataString(connectionId)}";
}
