using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Vendors.Sap;

/// <summary>The Sap connector as a module: descriptor, default mappings and registration (see README.md beside this file).</summary>
public sealed class SapModule : IConnectorModule
{
    public SystemDescriptor Descriptor => SapSettings.Descriptor;

    public IReadOnlyDictionary<Entity, EntityMapping> DefaultMappings => SapMapping.Defaults;

    public void AddConnector(IServiceCollection services) => services.AddConnector<SapConnector, SapApi>(SapApi.ClientName);
}
