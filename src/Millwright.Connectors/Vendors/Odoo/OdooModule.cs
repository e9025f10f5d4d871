using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Vendors.Odoo;

/// <summary>The Odoo connector as a module: descriptor, default mappings and registration (see README.md beside this file).</summary>
public sealed class OdooModule : IConnectorModule
{
    public SystemDescriptor Descriptor => OdooSettings.Descriptor;

    public IReadOnlyDictionary<Entity, EntityMapping> DefaultMappings => OdooMapping.Defaults;

    public void AddConnector(IServiceCollection services) => services.AddConnector<OdooConnector, OdooApi>(OdooApi.ClientName);
}
