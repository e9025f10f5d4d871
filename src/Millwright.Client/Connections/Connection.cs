namespace Millwright.Client.Connections;

/// <summary>
/// One customer's instance of a system. Credentials are never part of it: they are write-only and
/// stored encrypted. Settings are returned because a system's descriptor only puts non-secret values there.
/// </summary>
public sealed record Connection
{
    /// <summary>Connection id (<c>conn_…</c>); also the value of the <c>Millwright-Connection</c> header.</summary>
    public required string Id { get; init; }

    /// <summary>System id, e.g. <c>maintainx</c> (see <c>GET /v1/systems</c>).</summary>
    public required string System { get; init; }

    /// <summary><c>test</c> or <c>live</c>: the environment of the key that created it.</summary>
    public required string Environment { get; init; }

    /// <summary>One of <see cref="ConnectionStatuses"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Name of the instance or organisation as the system reports it, when it does.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Non-secret settings, e.g. <c>base_url</c>, <c>organization_id</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The account's own key-value data about this customer (its ids, names…).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Minutes between scheduled incremental syncs.</summary>
    public int SyncIntervalMinutes { get; init; }

    /// <summary>When the connection was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the connection itself (not its data) last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>End of the last successful sync; null until the first one finishes.</summary>
    public DateTimeOffset? LastSyncedAt { get; init; }

    /// <summary>When the next scheduled sync is due, when known.</summary>
    public DateTimeOffset? NextSyncAt { get; init; }

    /// <summary>Why the connection is unhealthy (last sync or check failure); null when healthy.</summary>
    public string? LastError { get; init; }

    /// <summary>Inbound requests per minute allowed on this connection; null means the account's default per connection.</summary>
    public int? RateLimitPerMinute { get; init; }

    /// <summary>Recent outcomes of the syncs against the system.</summary>
    public ConnectionHealth? Health { get; init; }
}

/// <summary>Values of <see cref="Connection.Status"/>.</summary>
public static class ConnectionStatuses
{
    /// <summary>A link session started but did not finish.</summary>
    public const string Pending = "pending";
    /// <summary>The first sync is running; data is incomplete.</summary>
    public const string Syncing = "syncing";
    /// <summary>Synced and healthy.</summary>
    public const string Active = "active";
    /// <summary>The system rejected the credentials; the customer must enter new ones.</summary>
    public const string ReauthRequired = "reauth_required";
    /// <summary>The system is failing or throttling; syncs are retried.</summary>
    public const string Degraded = "degraded";
    /// <summary>Syncs are switched off.</summary>
    public const string Disabled = "disabled";

    /// <summary>All statuses, in lifecycle order.</summary>
    public static IReadOnlyList<string> All { get; } = [Pending, Syncing, Active, ReauthRequired, Degraded, Disabled];
}
