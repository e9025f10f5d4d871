using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Vendors.Maximo;

/// <summary>The Maximo connector as a module: descriptor, default mappings and registration (see README.md beside this file).</summary>
public sealed class MaximoModule : IConnectorModule
{
    public SystemDescriptor Descriptor => MaximoSettings.Descriptor;

    public IReadOnlyDictionary<Entity, EntityMapping> DefaultMappings => MaximoMapping.Defaults;

    public void AddConnector(IServiceCollection services) => services.AddConnector<MaximoConnector, MaximoApi>(MaximoApi.ClientName);
}
