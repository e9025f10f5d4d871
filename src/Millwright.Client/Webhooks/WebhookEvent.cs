using System.Text.Json;
using Millwright.Client.Connections;
using Millwright.Client.Models;

namespace Millwright.Client.Webhooks;

/// <summary>
/// The body of every webhook delivery (and an item of <c>GET /v1/events</c>). Its <c>id</c> is stable
/// across retries and replays: a receiver drops an id it has already processed.
/// </summary>
public sealed record WebhookEvent
{
    /// <summary>Event id (<c>evt_…</c>), equal to the <c>webhook-id</c> header.</summary>
    public required string Id { get; init; }

    /// <summary>See <see cref="WebhookEventTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>When the change happened (was stored by Millwright).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The connection concerned; null for account-wide events.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>Type-specific content: the changed record for record events, the sync run for <c>sync.*</c>, the connection for <c>connection.*</c> (the SDK reads it with <c>DataAs&lt;T&gt;()</c>).</summary>
    public JsonElement Data { get; init; }

    /// <summary>
    /// <see cref="Data"/> as <typeparamref name="T"/>: <see cref="RecordChangedData"/> for record events,
    /// <see cref="Sync.SyncRun"/> for <c>sync.*</c>, <see cref="ConnectionChangedData"/> for <c>connection.*</c>,
    /// <see cref="WebhookEndpointDisabledData"/>, <see cref="WebhookTestData"/>.
    /// </summary>
    public T DataAs<T>() => Data.Deserialize<T>(MillwrightJson.Options)
        ?? throw new JsonException($"Event {Id} has no data.");
}

/// <summary>Data of <c>&lt;entity&gt;.created|updated|deleted</c>.</summary>
/// <param name="Entity">Entity path, e.g. <c>work-orders</c>.</param>
/// <param name="RecordId">The record's Millwright id.</param>
/// <param name="ConnectionId">Its connection.</param>
/// <param name="ChangedAt">When Millwright stored the change.</param>
/// <param name="Record">The unified record as <c>GET /v1/{entity}/{id}</c> shows it (without <c>raw</c>).</param>
public sealed record RecordChangedData(string Entity, string RecordId, string ConnectionId, DateTimeOffset ChangedAt, JsonElement Record);

/// <summary>Data of <c>connection.created|status_changed|deleted</c>.</summary>
/// <param name="Connection">The connection after the change.</param>
/// <param name="PreviousStatus">For <c>connection.status_changed</c>: the status before.</param>
/// <param name="Reason">Error code behind the change, when there is one (e.g. <c>CONNECTION_CREDENTIALS_INVALID</c>).</param>
public sealed record ConnectionChangedData(Connection Connection, string? PreviousStatus, string? Reason);

/// <summary>Data of <c>webhook_endpoint.disabled</c>.</summary>
/// <param name="EndpointId">The endpoint Millwright disabled.</param>
/// <param name="Url">Its URL.</param>
/// <param name="FailingSince">Since when every attempt failed.</param>
/// <param name="Reason"><c>failing</c>.</param>
public sealed record WebhookEndpointDisabledData(string EndpointId, string Url, DateTimeOffset? FailingSince, string Reason);

/// <summary>Data of <c>webhook_endpoint.test</c> (sent by <c>POST /v1/webhook-endpoints/{id}/test</c>).</summary>
/// <param name="EndpointId">The endpoint tested.</param>
/// <param name="Message">A fixed note.</param>
public sealed record WebhookTestData(string EndpointId, string Message);

/// <summary>Event types. Record events are <c>&lt;singular&gt;.created|updated|deleted</c> for every entity (<see cref="EntityInfo.Singular"/>).</summary>
public static class WebhookEventTypes
{
    /// <summary>A sync run succeeded.</summary>
    public const string SyncCompleted = "sync.completed";
    /// <summary>A sync run failed.</summary>
    public const string SyncFailed = "sync.failed";
    /// <summary>A connection was created.</summary>
    public const string ConnectionCreated = "connection.created";
    /// <summary>A connection's status changed (e.g. to <c>reauth_required</c> or <c>degraded</c>).</summary>
    public const string ConnectionStatusChanged = "connection.status_changed";
    /// <summary>A connection was deleted.</summary>
    public const string ConnectionDeleted = "connection.deleted";
    /// <summary>Millwright disabled an endpoint that kept failing.</summary>
    public const string WebhookEndpointDisabled = "webhook_endpoint.disabled";
    /// <summary>A sample event sent on request to one endpoint.</summary>
    public const string WebhookEndpointTest = "webhook_endpoint.test";

    /// <summary>The event type of a record change, e.g. <c>work_order.updated</c>.</summary>
    public static string ForRecord(Entity entity, string change) => $"{EntityInfo.Of(entity).Singular}.{change}";

    /// <summary>Every type an endpoint may subscribe to.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. EntityInfo.All.SelectMany(e => new[] { $"{e.Singular}.created", $"{e.Singular}.updated", $"{e.Singular}.deleted" }),
        SyncCompleted, SyncFailed, ConnectionCreated, ConnectionStatusChanged, ConnectionDeleted, WebhookEndpointDisabled, WebhookEndpointTest,
    ];
}
