using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Models;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Core;

/// <summary>
/// The connector half of a vendor module: what the system is, how its documents map, and how the
/// connector is registered. Each <c>Vendors/&lt;V&gt;/&lt;V&gt;Module.cs</c> implements it; the server's
/// one module list (<c>Millwright.Server/Hosting/Modules/VendorModules.cs</c>) pairs it with the vendor's sandbox.
/// Descriptor and mappings are readable without a service provider, so docs and tests can walk every module.
/// </summary>
public interface IConnectorModule
{
    SystemDescriptor Descriptor { get; }

    /// <summary>The same default mappings the connector serves (<see cref="IConnector.DefaultMappings"/>).</summary>
    IReadOnlyDictionary<Entity, EntityMapping> DefaultMappings { get; }

    /// <summary>Registers the connector as an <see cref="IConnector"/> with its typed client on the shared upstream pipeline.</summary>
    void AddConnector(IServiceCollection services);
}
