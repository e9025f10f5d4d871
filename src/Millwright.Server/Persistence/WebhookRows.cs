namespace Millwright.Server.Persistence;

// Rows of Features/Webhooks (see its README): endpoints, the event outbox, deliveries and their attempts.

/// <summary>A receiver URL of one account and environment.</summary>
public sealed class WebhookEndpointRow
{
    public required string Id { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public required string Url { get; set; }
    public string? Description { get; set; }
    /// <summary>Space-separated event types or <c>prefix.*</c> patterns; empty means every event.</summary>
    public string Events { get; set; } = "";
    /// <summary>Only events of this connection (and account-wide events) when set.</summary>
    public string? ConnectionId { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>Why Millwright disabled it (<c>failing</c>); null when enabled or disabled by the account.</summary>
    public string? DisabledReason { get; set; }
    /// <summary>AES-GCM sealed signing secret (<c>whsec_…</c>, Features/Secrets).</summary>
    public required byte[] SecretCipher { get; set; }
    /// <summary>The secret before the last rotation, still signed with until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public byte[]? PreviousSecretCipher { get; set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    /// <summary>Start of the current unbroken run of failed attempts; null after a success.</summary>
    public DateTimeOffset? FailingSince { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>One event (the outbox): written in the transaction of the change it reports, never changed.</summary>
public sealed class WebhookEventRow
{
    public required string Id { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public string? ConnectionId { get; set; }
    public required string Type { get; set; }
    /// <summary>The exact body every delivery of the event sends.</summary>
    public required string Payload { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One event to one endpoint, with its retry state and lease.</summary>
public sealed class WebhookDeliveryRow
{
    public required string Id { get; set; }
    public required string EventId { get; set; }
    public required string EndpointId { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public required string EventType { get; set; }
    /// <summary><c>pending</c>, <c>succeeded</c>, <c>failed</c>.</summary>
    public required string Status { get; set; }
    public int AttemptCount { get; set; }
    /// <summary>When the next attempt is due; null once the delivery is final.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>No retry is scheduled after this (creation + 24 h, or the moment of a manual retry).</summary>
    public DateTimeOffset GiveUpAt { get; set; }
    /// <summary>Dispatcher batch that holds the delivery while it is being sent.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>One HTTP attempt of a delivery.</summary>
public sealed class WebhookAttemptRow
{
    public required string Id { get; set; }
    public required string DeliveryId { get; set; }
    public DateTimeOffset AttemptedAt { get; set; }
    /// <summary>HTTP status of the answer; null when there was none (timeout, refused connection).</summary>
    public int? StatusCode { get; set; }
    public int LatencyMs { get; set; }
    /// <summary>First characters of the response body, or what went wrong.</summary>
    public string? ResponseSnippet { get; set; }
    /// <summary>Error code when no answer came: <c>timeout</c>, <c>connection_failed</c>, <c>address_blocked</c>.</summary>
    public string? Error { get; set; }
}
