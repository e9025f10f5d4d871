using Millwright.Client.Models;

namespace Millwright.Connectors.Core;

/// <summary>What Millwright knows about a supported system: shown on the Connect page and in /v1/systems.</summary>
/// <param name="Id">Stable id used in the API, e.g. <c>maintainx</c>.</param>
/// <param name="Name">Product name.</param>
/// <param name="Category">cmms, eam or erp.</param>
/// <param name="Fields">Settings and credentials a connection needs, in form order.</param>
/// <param name="Capabilities">What the connector can do per entity; entities absent here are not offered by the system.</param>
/// <param name="UpstreamRequestsPerMinute">The vendor's documented request budget per connection.</param>
public sealed record SystemDescriptor(
    string Id,
    string Name,
    string Category,
    IReadOnlyList<ConnectionField> Fields,
    IReadOnlyDictionary<Entity, EntityCapabilities> Capabilities,
    int UpstreamRequestsPerMinute);

/// <summary>Where a connection field is stored: settings are readable back, credentials are encrypted and never returned.</summary>
public enum ConnectionFieldKind
{
    Setting,
    Credential,
}

/// <summary>One input of the connection form.</summary>
public sealed record ConnectionField(
    string Name,
    string Label,
    ConnectionFieldKind Kind,
    bool Required,
    bool Secret,
    string Help,
    string? Default = null);

/// <summary>
/// What a connector can do with one entity. Writes are declared here and nowhere else: the server offers
/// <c>POST</c>/<c>PATCH</c>/<c>DELETE /v1/{entity}</c> only for the flags that are set, and <c>GET /v1/systems</c>
/// and the Connect page show them. A connector that sets <see cref="Create"/>, <see cref="Update"/> or
/// <see cref="Delete"/> anywhere implements <see cref="IWritableConnector"/> (checked at start-up).
/// </summary>
/// <param name="Read">Records can be listed (synced). False for write-only entities such as MaintainX meter readings.</param>
/// <param name="Incremental">The list can be filtered by change time.</param>
/// <param name="Create">Records can be created (<see cref="IWritableConnector.CreateAsync"/>).</param>
/// <param name="Update">Records can be changed (<see cref="IWritableConnector.UpdateAsync"/>).</param>
/// <param name="Delete">The system really deletes records (<see cref="IWritableConnector.DeleteAsync"/>); a system that only
/// closes or archives them leaves this false, and the API answers <c>405 OPERATION_NOT_SUPPORTED</c>.</param>
public sealed record EntityCapabilities(bool Read, bool Incremental, bool Create = false, bool Update = false, bool Delete = false)
{
    public static EntityCapabilities ReadOnlyIncremental { get; } = new(true, true);

    public static EntityCapabilities ReadOnlyFull { get; } = new(true, false);

    /// <summary>True when the entity can be created or updated.</summary>
    public bool Write => Create || Update;

    /// <summary>
    /// Unified fields (snake_case targets, e.g. <c>title</c>, <c>meter_id</c>) that a create must carry because the
    /// system refuses a record without them. The API reports a missing one as <c>422 VALIDATION_FAILED</c> before any call.
    /// </summary>
    public IReadOnlyList<string> RequiredOnCreate { get; init; } = [];

    /// <summary>
    /// Unified <c>status</c> values a <c>PATCH</c> may move a record to through the system's own transition
    /// (<see cref="UpdateRequest.Status"/>); empty when the status cannot be changed. Whether the system allows a
    /// transition from the record's current status is the system's decision: a refusal is
    /// <c>STATUS_TRANSITION_NOT_ALLOWED</c>.
    /// </summary>
    public IReadOnlyList<string> StatusTransitions { get; init; } = [];

    /// <summary>Unified <c>status</c> values a create may start a record in; empty when the system sets the first status itself.</summary>
    public IReadOnlyList<string> InitialStatuses { get; init; } = [];
}
