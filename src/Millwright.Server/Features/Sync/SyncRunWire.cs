using Millwright.Client.Sync;

namespace Millwright.Server.Features.Sync;

/// <summary>Sync run rows to their wire shape.</summary>
internal static class SyncRunWire
{
    public static SyncRun ToWire(this SyncRunRow row, DateTimeOffset now) => new()
    {
        Id = row.Id,
        ConnectionId = row.ConnectionId,
        Kind = SyncValues.KindOf(row.Kind),
        Status = SyncValues.StatusOf(row.Status),
        Trigger = SyncValues.TriggerOf(row.Trigger),
        CreatedAt = row.CreatedAt,
        StartedAt = row.StartedAt,
        FinishedAt = row.FinishedAt,
        DurationMs = row.StartedAt is { } started ? (long)((row.FinishedAt ?? now) - started).TotalMilliseconds : null,
        CurrentEntity = row.Status == SyncValues.Running ? row.CurrentEntity : null,
        Counts = new SyncCounts(row.Added, row.Updated, row.Deleted),
        Errors = RunState.ParseErrors(row.ErrorsJson),
        ErrorCode = row.ErrorCode,
    };
}
