using Millwright.Connectors.Vendors.Fiix;
using Millwright.Connectors.Vendors.MaintainX;
using Millwright.Connectors.Vendors.Maximo;
using Millwright.Connectors.Vendors.Odoo;
using Millwright.Connectors.Vendors.Sap;
using Millwright.Sandbox.Fiix;
using Millwright.Sandbox.MaintainX;
using Millwright.Sandbox.Maximo;
using Millwright.Sandbox.Odoo;
using Millwright.Sandbox.Sap;

namespace Millwright.Server.Hosting.Modules;

/// <summary>
/// Every supported system, one line each: its connector (<c>Millwright.Connectors/Vendors/&lt;V&gt;</c>)
/// paired with its sandbox (<c>Millwright.Sandbox/&lt;V&gt;</c>). The server registers the connectors and
/// mounts the sandboxes from this list, the demo connects each of them, and the tests that every
/// connector must pass run over it. The order is the order of <c>/v1/systems</c> and of the demo's output.
/// Adding a vendor: docs/architecture.md, "Adding a vendor".
/// </summary>
internal static class VendorModules
{
    public static IReadOnlyList<VendorModule> All { get; } =
    [
        new(new MaintainXModule(), new MaintainXSandboxModule()),
        new(new SapModule(), new SapSandboxModule()),
        new(new MaximoModule(), new MaximoSandboxModule()),
        new(new FiixModule(), new FiixSandboxModule()),
        new(new OdooModule(), new OdooSandboxModule()),
    ];
}
