using Millwright.Client.Sync;

namespace Millwright.Server.Features.Sync;

/// <summary>The strings stored in <c>sync_runs</c> and how they map to the wire enums.</summary>
internal static class SyncValues
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public const string Full = "full";
    public const string Incremental = "incremental";

    /// <summary>Statuses of a run that still holds the connection's one active slot.</summary>
    public static readonly string[] Active = [Queued, Running];

    public static string Of(SyncTrigger trigger) => trigger switch
    {
        SyncTrigger.Initial => "initial",
        SyncTrigger.Schedule => "schedule",
        _ => "manual",
    };

    public static string Of(SyncKind kind) => kind == SyncKind.Full ? Full : Incremental;

    public static SyncKind KindOf(string kind) => kind == Full ? SyncKind.Full : SyncKind.Incremental;

    public static SyncRunTrigger TriggerOf(string trigger) => trigger switch
    {
        "initial" => SyncRunTrigger.Initial,
        "schedule" => SyncRunTrigger.Schedule,
        _ => SyncRunTrigger.Manual,
    };

    public static SyncRunStatus StatusOf(string status) => status switch
    {
        Queued => SyncRunStatus.Queued,
        Running => SyncRunStatus.Running,
        Succeeded => SyncRunStatus.Succeeded,
        Cancelled => SyncRunStatus.Cancelled,
        _ => SyncRunStatus.Failed,
    };
}

/// <summary>Connection statuses the engine moves between (see DESIGN.md).</summary>
internal static class ConnectionStatus
{
    public const string Syncing = "syncing";
    public const string Active = "active";
    public const string ReauthRequired = "reauth_required";
    public const string Degraded = "degraded";
    public const string Disabled = "disabled";
}

/// <summary>Times as the store keeps them (microseconds), so that what is written equals what is read back.</summary>
internal static class SyncClock
{
    public static DateTimeOffset Now(TimeProvider time) => Truncate(time.GetUtcNow());

    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
