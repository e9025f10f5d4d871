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

/// <summary>What a connector can do with one entity.</summary>
public sealed record EntityCapabilities(bool Read, bool Incremental, bool Write, bool Delete)
{
    public static EntityCapabilities ReadOnlyIncremental { get; } = new(true, true, false, false);

    public static EntityCapabilities ReadOnlyFull { get; } = new(true, false, false, false);
}
