namespace Millwright.Client.Connections;

/// <summary>Body of <c>POST /v1/connections</c>.</summary>
public sealed record CreateConnectionRequest
{
    /// <summary>System id, e.g. <c>maintainx</c>.</summary>
    public required string System { get; init; }

    /// <summary>Values of the system's <c>setting</c> fields, by field name.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Values of the system's <c>credential</c> fields, by field name. Stored encrypted, never returned.</summary>
    public IReadOnlyDictionary<string, string> Credentials { get; init; } = new Dictionary<string, string>();

    /// <summary>The account's own key-value data about this customer (at most 50 keys).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Minutes between scheduled syncs (5–10080); 15 when omitted.</summary>
    public int? SyncIntervalMinutes { get; init; }
}

/// <summary>Answer of <c>POST /v1/connections</c>: the connection and its first token, shown this once.</summary>
/// <param name="Connection">The new connection, in status <c>syncing</c>.</param>
/// <param name="Token">A connection token with scopes <c>read</c> and <c>write</c>.</param>
public sealed record ConnectionCreated(Connection Connection, CreatedConnectionToken Token);

/// <summary>Body of <c>PATCH /v1/connections/{id}</c>; null members are left unchanged.</summary>
public sealed record UpdateConnectionRequest
{
    /// <summary>Merged into the metadata (JSON merge patch): a key with a null value is removed.</summary>
    public IReadOnlyDictionary<string, string?>? Metadata { get; init; }

    /// <summary>New minutes between scheduled syncs (5–10080); the schedule is updated at once.</summary>
    public int? SyncIntervalMinutes { get; init; }

    /// <summary>Inbound requests per minute on this connection (1 to 1,000,000); 0 returns to the account's default.</summary>
    public int? RateLimitPerMinute { get; init; }
}

/// <summary>New credentials for a connection (<c>PUT /v1/connections/{id}/credentials</c>), checked against the system before they are stored.</summary>
public sealed record UpdateCredentialsRequest
{
    /// <summary>Values of the system's credential fields, by field name (all required fields).</summary>
    public required IReadOnlyDictionary<string, string> Credentials { get; init; }

    /// <summary>New setting values, when they change too (e.g. another base URL); omitted settings stay.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }
}

/// <summary>Filters of <c>GET /v1/connections</c>.</summary>
public sealed record ListConnectionsOptions
{
    /// <summary>Page size, 1–500 (default 50).</summary>
    public int? Limit { get; init; }

    /// <summary><c>next_cursor</c> of the previous page.</summary>
    public string? Cursor { get; init; }

    /// <summary>Only connections in this status (see <see cref="ConnectionStatuses"/>).</summary>
    public string? Status { get; init; }

    /// <summary>Only connections of this system.</summary>
    public string? System { get; init; }

    /// <summary>Only connections whose metadata has all of these key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
