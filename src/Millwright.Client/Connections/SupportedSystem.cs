namespace Millwright.Client.Connections;

/// <summary>A system Millwright can connect to, as <c>GET /v1/systems</c> describes it.</summary>
public sealed record SupportedSystem
{
    /// <summary>Stable id used in the API, e.g. <c>maintainx</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Product name.</summary>
    public required string Name { get; init; }

    /// <summary><c>cmms</c>, <c>eam</c> or <c>erp</c>.</summary>
    public required string Category { get; init; }

    /// <summary>What a connection needs, in form order.</summary>
    public IReadOnlyList<SystemField> Fields { get; init; } = [];

    /// <summary>What Millwright can do per entity, keyed by entity path (<c>work-orders</c>…); absent entities are not offered.</summary>
    public IReadOnlyDictionary<string, EntityCapability> Capabilities { get; init; } = new Dictionary<string, EntityCapability>();

    /// <summary>The vendor's documented request budget per connection.</summary>
    public required SystemRateLimit RateLimit { get; init; }
}

/// <summary>One input of the connection form.</summary>
public sealed record SystemField
{
    /// <summary>Key in <c>settings</c> or <c>credentials</c>, e.g. <c>api_key</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Label to show.</summary>
    public required string Label { get; init; }

    /// <summary>Where the value goes: <c>setting</c> (returned) or <c>credential</c> (encrypted, write-only).</summary>
    public required string Kind { get; init; }

    /// <summary>Whether a connection needs it.</summary>
    public bool Required { get; init; }

    /// <summary>Whether a form should mask it.</summary>
    public bool Secret { get; init; }

    /// <summary>Where to find the value.</summary>
    public string Help { get; init; } = "";

    /// <summary>Value used when none is given.</summary>
    public string? Default { get; init; }
}

/// <summary>Values of <see cref="SystemField.Kind"/>.</summary>
public static class SystemFieldKinds
{
    /// <summary>Sent in <c>settings</c>; readable back.</summary>
    public const string Setting = "setting";
    /// <summary>Sent in <c>credentials</c>; encrypted, never returned.</summary>
    public const string Credential = "credential";
}

/// <summary>What Millwright can do with one entity of a system.</summary>
/// <param name="Read">Records are synced and listed.</param>
/// <param name="Incremental">Syncs read only changes.</param>
/// <param name="Write">Records can be created or changed (<paramref name="Create"/> or <paramref name="Update"/>).</param>
/// <param name="Delete">Records can be deleted in the system (<c>DELETE /v1/{entity}/{id}</c>).</param>
/// <param name="Create">Records can be created (<c>POST /v1/{entity}</c>).</param>
/// <param name="Update">Records can be changed (<c>PATCH /v1/{entity}/{id}</c>).</param>
public sealed record EntityCapability(bool Read, bool Incremental, bool Write, bool Delete, bool Create = false, bool Update = false)
{
    /// <summary>Unified <c>status</c> values a <c>PATCH</c> can move a record to (the system's own transitions).</summary>
    public IReadOnlyList<string> StatusTransitions { get; init; } = [];
}

/// <summary>A vendor's request budget.</summary>
/// <param name="RequestsPerMinute">Requests per minute per connection.</param>
public sealed record SystemRateLimit(int RequestsPerMinute);
