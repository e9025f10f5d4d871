using Millwright.Client.Connections;

namespace Millwright.Client.Sandboxes;

/// <summary>
/// The calling account's own sandbox tenant (<c>GET /v1/sandbox</c>): one emulator per system with the account's
/// own data, fault knobs and credentials, which no other account can reach.
/// </summary>
public sealed record AccountSandbox
{
    /// <summary>The tenant id, the path segment of every mount: <c>/sandbox/&lt;tenant&gt;/&lt;system&gt;/</c>.</summary>
    public required string Tenant { get; init; }

    /// <summary>Bearer key of the tenant's fault knobs (<c>…/_sandbox/faults</c>): <c>Authorization: Bearer sbx_…</c>.</summary>
    public required string ControlKey { get; init; }

    /// <summary>One entry per system that has a sandbox.</summary>
    public required IReadOnlyList<SandboxSystem> Systems { get; init; }
}

/// <summary>One system's sandbox in the account's tenant.</summary>
public sealed record SandboxSystem
{
    /// <summary>System id, e.g. <c>maintainx</c>.</summary>
    public required string System { get; init; }

    /// <summary>Product name, e.g. <c>MaintainX</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Where the emulator is mounted, ending in <c>/</c>.</summary>
    public required string MountUrl { get; init; }

    /// <summary>The fault knobs: <c>GET</c> shows them, <c>POST</c> sets error rate, latency, forced statuses, revoked keys; <c>DELETE</c> resets.</summary>
    public required string FaultsUrl { get; init; }

    /// <summary>A ready <c>POST /v1/connections</c> body for a test connection to this sandbox, with the tenant's credentials.</summary>
    public required CreateConnectionRequest Connection { get; init; }
}
