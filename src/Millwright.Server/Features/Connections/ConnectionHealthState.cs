using Millwright.Client.Connections;

namespace Millwright.Server.Features.Connections;

/// <summary>
/// A connection's health as stored on its row: the last failure (code and time, kept after recovery),
/// failed runs in a row, and the last success. The sync engine records each run's outcome here; the API shows it as <c>health</c>.
/// </summary>
internal static class ConnectionHealthState
{
    /// <summary>Failed runs in a row from which the system counts as down rather than degraded.</summary>
    public const int DownAfterFailures = 3;

    public static ConnectionHealth Of(ConnectionRow row) => new()
    {
        Status = row.Status == ConnectionStatuses.ReauthRequired || row.ConsecutiveFailures >= DownAfterFailures
            ? ConnectionHealthStatuses.Down
            : row.ConsecutiveFailures > 0 || row.Status == ConnectionStatuses.Degraded
                ? ConnectionHealthStatuses.Degraded
                : ConnectionHealthStatuses.Operational,
        LastErrorCode = row.LastErrorCode,
        LastErrorAt = row.LastErrorAt,
        ConsecutiveFailures = row.ConsecutiveFailures,
        LastSuccessAt = row.LastSyncedAt,
    };

    /// <summary>A run or check failed with <paramref name="code"/>.</summary>
    public static void RecordFailure(ConnectionRow row, string code, string message, DateTimeOffset at)
    {
        row.LastErrorCode = code;
        row.LastError = message;
        row.LastErrorAt = at;
        row.ConsecutiveFailures++;
    }

    /// <summary>A run got through (entity-level errors may remain in <see cref="ConnectionRow.LastError"/>), or new credentials were accepted.</summary>
    public static void RecordSuccess(ConnectionRow row) => row.ConsecutiveFailures = 0;
}
