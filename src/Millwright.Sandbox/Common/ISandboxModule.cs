using Microsoft.AspNetCore.Routing;

namespace Millwright.Sandbox.Common;

/// <summary>
/// The sandbox half of a vendor module: where the emulator mounts, how its routes are mapped, which
/// configuration section it reads, and the connection a demo makes to it. Each
/// <c>&lt;Vendor&gt;/&lt;Vendor&gt;SandboxModule.cs</c> implements it through <see cref="SandboxModule{TSandbox, TSettings}"/>;
/// the server mounts every module of its list at <see cref="Prefix"/>, and <see cref="SandboxHost"/> does the same on its own.
/// </summary>
public interface ISandboxModule
{
    /// <summary>Mount path: <c>/sandbox/&lt;segment&gt;</c>, one leading slash and no trailing one.</summary>
    string Prefix { get; }

    /// <summary>Configuration section bound when no settings are passed, e.g. <c>Millwright:Sandbox:MaintainX</c>.</summary>
    string ConfigurationSection { get; }

    /// <summary>Settings (keys relative to <see cref="ConfigurationSection"/>) the demo uses unless the operator set them.</summary>
    IReadOnlyDictionary<string, string> DemoConfiguration { get; }

    /// <summary>
    /// Mounts the emulator at <paramref name="prefix"/> with settings from the host's configuration; with a
    /// <paramref name="secret"/>, that is the only credential it accepts (<see cref="ISandboxSettings.Secret"/>).
    /// </summary>
    ISandbox Map(IEndpointRouteBuilder app, string prefix, TimeProvider? timeProvider = null, string? secret = null);

    /// <summary>
    /// Settings and credentials (field names of the vendor's connector) of a connection to this emulator,
    /// mounted at <paramref name="mountUrl"/> (ending in <c>/</c>), as the demo user: with the published demo
    /// credentials, or with <paramref name="secret"/> in their place for an instance mapped with that secret.
    /// </summary>
    SandboxConnection DemoConnection(Uri mountUrl, string? secret = null);
}

/// <summary>The settings and credentials of a connection to a sandbox, as <c>POST /v1/connections</c> takes them.</summary>
public sealed record SandboxConnection(IReadOnlyDictionary<string, string> Settings, IReadOnlyDictionary<string, string> Credentials);
