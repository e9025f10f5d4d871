using System.Text.Json.Serialization;

namespace Millwright.Client.Sync;

/// <summary>
/// One pull of changes from a connected system into Millwright's store, entity by entity in
/// dependency order. Poll it (or wait for the <c>sync.completed</c> webhook) to follow progress.
/// </summary>
public sealed record SyncRun
{
    /// <summary>Run id (<c>sync_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The connection that was synced.</summary>
    public required string ConnectionId { get; init; }

    /// <summary>Whether everything was read, or only what changed since the last run.</summary>
    public SyncKind Kind { get; init; }

    /// <summary>Where the run stands.</summary>
    public SyncRunStatus Status { get; init; }

    /// <summary>What started the run.</summary>
    public SyncRunTrigger Trigger { get; init; }

    /// <summary>When the run was queued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a worker first picked the run up; null while queued.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the run succeeded, failed or was cancelled; null while it is queued or running.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Milliseconds from start to finish (to now while running); null while queued.</summary>
    public long? DurationMs { get; init; }

    /// <summary>Entity being read right now (e.g. <c>work-orders</c>); null when not running.</summary>
    public string? CurrentEntity { get; init; }

    /// <summary>Records added, updated and deleted so far.</summary>
    public required SyncCounts Counts { get; init; }

    /// <summary>Problems met, per entity. A run can succeed with entity-level errors listed here.</summary>
    public required IReadOnlyList<SyncRunError> Errors { get; init; }

    /// <summary>Code of the failure that ended the run (see docs/errors.md); null unless the run failed.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>True once the run has succeeded, failed or been cancelled.</summary>
    [JsonIgnore]
    public bool IsFinished => Status is SyncRunStatus.Succeeded or SyncRunStatus.Failed or SyncRunStatus.Cancelled;
}

/// <summary>Changes a run made to the store.</summary>
/// <param name="Added">Records seen for the first time.</param>
/// <param name="Updated">Records whose source document changed (or that came back after a deletion).</param>
/// <param name="Deleted">Records deleted in the system: reported by it, or missing from a full read.</param>
public sealed record SyncCounts(int Added, int Updated, int Deleted);

/// <summary>One problem of a run.</summary>
/// <param name="Entity">Entity path (e.g. <c>work-orders</c>); empty when the problem concerns the whole run.</param>
/// <param name="Code">Error code (see docs/errors.md), e.g. <c>UPSTREAM_UNAVAILABLE</c>.</param>
/// <param name="Message">Plain-words explanation.</param>
public sealed record SyncRunError(string Entity, string Code, string Message);

/// <summary>How much a run reads.</summary>
public enum SyncKind
{
    /// <summary>Every record; records missing from it are marked deleted.</summary>
    Full,
    /// <summary>Only records changed since the previous run.</summary>
    Incremental,
}

/// <summary>Lifecycle of a run.</summary>
public enum SyncRunStatus
{
    /// <summary>Waiting for a worker.</summary>
    Queued,
    /// <summary>Reading and storing pages.</summary>
    Running,
    /// <summary>Every entity was read (entity-level errors, if any, are listed).</summary>
    Succeeded,
    /// <summary>The run stopped early or some entity could not be read; see <see cref="SyncRun.ErrorCode"/>.</summary>
    Failed,
    /// <summary>Stopped because the connection was deleted.</summary>
    Cancelled,
}

/// <summary>What started a run.</summary>
public enum SyncRunTrigger
{
    /// <summary>The first sync after the connection was created.</summary>
    Initial,
    /// <summary>The connection's recurring schedule.</summary>
    Schedule,
    /// <summary>An API call (<c>POST /v1/connections/{id}/sync</c>).</summary>
    Manual,
}

/// <summary>Body of <c>POST /v1/connections/{id}/sync</c>.</summary>
/// <param name="Kind">Force a full or an incremental run; null lets Millwright choose (full for the first run and
/// for the periodic reconciliation, incremental otherwise).</param>
public sealed record StartSyncRequest(SyncKind? Kind = null);

/// <summary>Codes that appear only in <see cref="SyncRun.Errors"/> (the rest are in <c>ErrorCodes</c>).</summary>
public static class SyncErrorCodes
{
    /// <summary>The field mapping of the entity does not validate, so none of its records could be mapped.</summary>
    public const string MappingInvalid = "MAPPING_INVALID";
}
