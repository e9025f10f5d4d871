using System.Text.Json.Serialization;

namespace Millwright.Client.Webhooks;

/// <summary>
/// A receiver of the account's events in one environment. The signing secret is only part of the
/// answers to <c>POST /v1/webhook-endpoints</c> and <c>…/rotate-secret</c>.
/// </summary>
public sealed record WebhookEndpoint
{
    /// <summary>Endpoint id (<c>we_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Where events are POSTed.</summary>
    public required string Url { get; init; }

    /// <summary>The account's own note.</summary>
    public string? Description { get; init; }

    /// <summary>Event types (or <c>prefix.*</c> patterns) it receives; empty means every event.</summary>
    public required IReadOnlyList<string> Events { get; init; }

    /// <summary>When set, only events of this connection (and account-wide events) are sent.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>False when disabled by the account or by Millwright after days of failures.</summary>
    public bool Enabled { get; init; }

    /// <summary><c>failing</c> when Millwright disabled it; null otherwise.</summary>
    public string? DisabledReason { get; init; }

    /// <summary>Until when the secret before the last rotation still signs deliveries.</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    /// <summary>Start of the current run of failed attempts; null while deliveries succeed.</summary>
    public DateTimeOffset? FailingSince { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The signing secret (<c>whsec_…</c>); present only right after creation or rotation.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }
}

/// <summary>Body of <c>POST /v1/webhook-endpoints</c>.</summary>
/// <param name="Url">https URL (plain http only to loopback with a test key).</param>
/// <param name="Events">Event types or <c>prefix.*</c> patterns; null or empty for every event.</param>
/// <param name="ConnectionId">Only events of this connection.</param>
/// <param name="Description">A note to recognise it by.</param>
public sealed record CreateWebhookEndpointRequest(string Url, IReadOnlyList<string>? Events = null, string? ConnectionId = null, string? Description = null);

/// <summary>Body of <c>PATCH /v1/webhook-endpoints/{id}</c>; null members stay unchanged.</summary>
/// <param name="Url">New receiver URL.</param>
/// <param name="Events">New event filter (empty list: every event).</param>
/// <param name="Enabled">Disable, or enable again (which also resets the failure count).</param>
/// <param name="Description">New note.</param>
public sealed record UpdateWebhookEndpointRequest(string? Url = null, IReadOnlyList<string>? Events = null, bool? Enabled = null, string? Description = null);

/// <summary>Body of <c>POST /v1/webhook-endpoints/{id}/rotate-secret</c>.</summary>
/// <param name="GracePeriodSeconds">How long the old secret keeps signing (0–604800); 86400 when null.</param>
public sealed record RotateWebhookSecretRequest(int? GracePeriodSeconds = null);
