namespace Millwright.Server.Persistence;

// Storage rows. They are persistence shapes only: the wire contract lives in Millwright.Client and
// endpoints map to it explicitly, so a column can change without changing the API.

/// <summary>A tenant. Its data is split by environment (<c>test</c> / <c>live</c>) on every row below.</summary>
public sealed class AccountRow
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>An account-level secret key; only the SHA-256 of the key is kept.</summary>
public sealed class ApiKeyRow
{
    public required string Id { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public required string KeyHash { get; set; }
    /// <summary>First characters of the key, to recognise it in lists (<c>mw_test_sk_ab12…</c>).</summary>
    public required string Hint { get; set; }
    public string? Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>End of a rotation's grace period: the key stops working then (the store decides, on every node).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>The key that replaced this one when it was rotated; a key is rotated once.</summary>
    public string? ReplacedById { get; set; }
}

public sealed class ConnectionRow
{
    public required string Id { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public required string System { get; set; }
    public required string Status { get; set; }
    public string? DisplayName { get; set; }
    /// <summary>JSON object of non-secret settings.</summary>
    public required string SettingsJson { get; set; }
    /// <summary>AES-GCM sealed JSON object of credentials (see Features/Secrets).</summary>
    public required byte[] CredentialsCipher { get; set; }
    /// <summary>JSON object of the account's own metadata for this customer.</summary>
    public required string MetadataJson { get; set; }
    public int SyncIntervalMinutes { get; set; } = 15;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public DateTimeOffset? LastSyncedAt { get; set; }
    public DateTimeOffset? NextSyncAt { get; set; }
    public DateTimeOffset? LastFullSyncAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>Inbound requests per minute allowed on this connection; null means the installation's default.</summary>
    public int? RateLimitPerMinute { get; set; }
    /// <summary>Error code of the most recent failed sync (kept after recovery; see <see cref="ConsecutiveFailures"/>).</summary>
    public string? LastErrorCode { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    /// <summary>Failed sync runs in a row; 0 after a successful one.</summary>
    public int ConsecutiveFailures { get; set; }
}

public sealed class ConnectionTokenRow
{
    public required string Id { get; set; }
    public required string ConnectionId { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public required string TokenHash { get; set; }
    public required string Hint { get; set; }
    /// <summary>Space-separated scopes: <c>read</c>, <c>write</c>.</summary>
    public required string Scopes { get; set; }
    public string? Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    /// <summary>The token that replaced this one when it was rotated; a token is rotated once.</summary>
    public string? ReplacedById { get; set; }
}

/// <summary>One unified record of one connection: the mapped document plus its raw source.</summary>
public sealed class RecordRow
{
    /// <summary>Stable id (see Millwright.Connectors.Core.StableIds).</summary>
    public required string Id { get; set; }
    public required string ConnectionId { get; set; }
    /// <summary>Entity path, e.g. <c>work-orders</c>.</summary>
    public required string Entity { get; set; }
    public required string RemoteId { get; set; }
    /// <summary>Unified typed fields + custom_fields as a JSON object (without the envelope fields below).</summary>
    public required string Data { get; set; }
    /// <summary>Source document as the system returned it.</summary>
    public required string Raw { get; set; }
    /// <summary>Hash of <see cref="Raw"/>: a re-read of an unchanged record is not an update.</summary>
    public required string RawHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public DateTimeOffset? RemoteCreatedAt { get; set; }
    public DateTimeOffset? RemoteUpdatedAt { get; set; }
    /// <summary>Sync run that last saw the record; a full run deletes what it did not see.</summary>
    public string? LastSeenRunId { get; set; }
}

public sealed class SyncRunRow
{
    public required string Id { get; set; }
    public required string ConnectionId { get; set; }
    /// <summary><c>full</c> or <c>incremental</c>.</summary>
    public required string Kind { get; set; }
    /// <summary><c>queued</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c>, <c>cancelled</c>.</summary>
    public required string Status { get; set; }
    /// <summary><c>schedule</c>, <c>manual</c>, <c>initial</c>.</summary>
    public required string Trigger { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Entity currently being read (progress).</summary>
    public string? CurrentEntity { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Deleted { get; set; }
    /// <summary>JSON array of <c>{entity, code, message}</c>.</summary>
    public string ErrorsJson { get; set; } = "[]";
    public string? ErrorCode { get; set; }
    /// <summary>Worker that executes the run right now (see Features/Sync/README.md, "leases").</summary>
    public string? LeaseOwner { get; set; }
    /// <summary>Until when <see cref="LeaseOwner"/> holds the run; the worker renews it while it runs.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }
}

/// <summary>Where the sync of one entity of one connection stands.</summary>
public sealed class SyncCheckpointRow
{
    public required string ConnectionId { get; set; }
    public required string Entity { get; set; }
    /// <summary>High-water mark of remote change times fully synced: the next incremental run reads from here.</summary>
    public DateTimeOffset? Watermark { get; set; }
    /// <summary>Run that is paging this entity right now, with the connector's cursor of the next page.
    /// A run killed mid-entity resumes from here.</summary>
    public string? RunId { get; set; }
    public string? PageCursor { get; set; }
    /// <summary>Largest remote change time seen by the in-flight run; becomes the watermark when the entity finishes.</summary>
    public DateTimeOffset? PendingWatermark { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Settings of one account in one environment (they never share budgets); a missing row means defaults.</summary>
public sealed class AccountSettingsRow
{
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    /// <summary>Inbound requests per minute of the account in this environment; null means the installation's default.</summary>
    public int? RateLimitPerMinute { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
