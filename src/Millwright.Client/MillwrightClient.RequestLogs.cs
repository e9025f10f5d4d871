using System.Globalization;
using Millwright.Client.Models;
using Millwright.Client.RequestLogs;

namespace Millwright.Client;

// Request logs of the account's environment (secret key).
public sealed partial class MillwrightClient
{
    /// <summary>Lists logged API calls and sync runs, newest first, without headers, bodies and upstream calls. Secret key.</summary>
    /// <param name="connectionId">Only calls that worked on this connection.</param>
    /// <param name="status">An HTTP status (<c>429</c>) or a class (<c>4xx</c>, <c>5xx</c>).</param>
    /// <param name="since">Only calls at or after this time.</param>
    /// <param name="limit">Page size, 1–500 (default 50).</param>
    /// <param name="cursor"><see cref="Page{T}.NextCursor"/> of the previous page (same filters).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Page<RequestLog>> ListRequestLogsAsync(string? connectionId = null, string? status = null, DateTimeOffset? since = null,
        int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        SendAsync<Page<RequestLog>>(HttpMethod.Get, WithQuery("v1/request-logs",
        [
            new("connection_id", connectionId),
            new("status", status),
            new("since", since?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture)),
            new("limit", limit?.ToString(CultureInfo.InvariantCulture)),
            new("cursor", cursor),
        ]), null, cancellationToken);

    /// <summary>
    /// Gets one log entry with headers, bodies and its upstream calls: by request id (<c>X-Request-Id</c>)
    /// or sync run id. Secret key.
    /// </summary>
    public Task<RequestLog> GetRequestLogAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync<RequestLog>(HttpMethod.Get, $"v1/request-logs/{Uri.EscapeDataString(id)}", null, cancellationToken);
}
