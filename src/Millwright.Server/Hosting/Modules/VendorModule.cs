using Millwright.Client.Connections;
using Millwright.Connectors.Core;
using Millwright.Sandbox.Common;

namespace Millwright.Server.Hosting.Modules;

/// <summary>
/// One supported system: its connector module and its sandbox module, which live in projects that do not
/// know each other (ADR 0016). Whatever the server, the demo or the tests need of a vendor comes from here.
/// </summary>
internal sealed record VendorModule(IConnectorModule Connector, ISandboxModule Sandbox)
{
    /// <summary>The system id of the API, e.g. <c>maintainx</c>.</summary>
    public string SystemId => Connector.Descriptor.Id;

    /// <summary>The product name, e.g. <c>SAP S/4HANA</c>.</summary>
    public string Name => Connector.Descriptor.Name;

    /// <summary>The sandbox's path segment under <c>/sandbox/</c>, e.g. <c>maintainx</c>.</summary>
    public string SandboxSegment => Sandbox.Prefix["/sandbox/".Length..];

    /// <summary>Where this system's shared sandbox is mounted under <paramref name="baseUrl"/> (ending in <c>/</c>).</summary>
    public Uri SandboxUrl(Uri baseUrl) => new(baseUrl, Sandbox.Prefix.TrimStart('/') + "/");

    /// <summary>
    /// The ready <c>POST /v1/connections</c> body of a test connection to this system's shared sandbox under
    /// <paramref name="baseUrl"/>, as the sandbox's demo user, with <paramref name="metadata"/>.
    /// </summary>
    public CreateConnectionRequest DemoConnectionRequest(Uri baseUrl, IReadOnlyDictionary<string, string>? metadata = null) =>
        ConnectionRequest(SandboxUrl(baseUrl), null, metadata);

    /// <summary>
    /// The same for the sandbox mounted at <paramref name="mountUrl"/> that accepts <paramref name="secret"/>
    /// (an account's own tenant, <see cref="SandboxTenants"/>), or the published demo credentials when null.
    /// </summary>
    public CreateConnectionRequest ConnectionRequest(Uri mountUrl, string? secret, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var demo = Sandbox.DemoConnection(mountUrl, secret);
        return new CreateConnectionRequest
        {
            System = SystemId,
            Settings = new Dictionary<string, string>(demo.Settings),
            Credentials = new Dictionary<string, string>(demo.Credentials),
            Metadata = metadata is null ? null : new Dictionary<string, string>(metadata),
        };
    }

    public override string ToString() => SystemId;
}
