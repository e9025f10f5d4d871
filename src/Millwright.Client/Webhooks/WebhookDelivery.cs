namespace Millwright.Client.Webhooks;

/// <summary>One event sent (or being sent) to one endpoint, with every attempt.</summary>
public sealed record WebhookDelivery
{
    /// <summary>Delivery id (<c>whd_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The event; also the <c>webhook-id</c> header of every attempt.</summary>
    public required string EventId { get; init; }

    /// <summary>The event's type, e.g. <c>work_order.updated</c>.</summary>
    public required string EventType { get; init; }

    /// <summary>The receiving endpoint.</summary>
    public required string EndpointId { get; init; }

    /// <summary>Where it stands.</summary>
    public WebhookDeliveryStatus Status { get; init; }

    /// <summary>When the next attempt is due; null once succeeded or failed.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>When it was created (the event's fan-out, a replay or a test).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it succeeded or was given up.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Every attempt, oldest first.</summary>
    public required IReadOnlyList<WebhookAttempt> Attempts { get; init; }
}

/// <summary>One HTTP attempt.</summary>
/// <param name="AttemptedAt">When it was sent.</param>
/// <param name="StatusCode">HTTP status of the answer; null when none came.</param>
/// <param name="LatencyMs">Milliseconds until the answer (or the failure).</param>
/// <param name="ResponseSnippet">First characters of the answer's body.</param>
/// <param name="Error">Why no answer came: <c>timeout</c>, <c>connection_failed</c>, <c>address_blocked</c>.</param>
public sealed record WebhookAttempt(DateTimeOffset AttemptedAt, int? StatusCode, int LatencyMs, string? ResponseSnippet, string? Error);

/// <summary>Lifecycle of a delivery.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its first attempt or a retry.</summary>
    Pending,
    /// <summary>The receiver answered 2xx.</summary>
    Succeeded,
    /// <summary>Every attempt within 24 hours failed (or the endpoint was disabled).</summary>
    Failed,
}

/// <summary>Body of <c>POST /v1/events/replay</c>.</summary>
/// <param name="EndpointId">Endpoint that receives the events again.</param>
/// <param name="Since">Events created at or after this time.</param>
/// <param name="Until">Events created before this time; now when null.</param>
public sealed record ReplayEventsRequest(string EndpointId, DateTimeOffset Since, DateTimeOffset? Until = null);

/// <summary>Answer of <c>POST /v1/events/replay</c>.</summary>
/// <param name="Queued">Deliveries created (events of the range that match the endpoint's filter).</param>
public sealed record ReplayEventsResult(int Queued);
