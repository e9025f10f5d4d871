using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Vendors.Fiix;

/// <summary>The Fiix connector as a module: descriptor, default mappings and registration (see README.md beside this file).</summary>
public sealed class FiixModule : IConnectorModule
{
    public SystemDescriptor Descriptor => FiixSettings.Descriptor;

    public IReadOnlyDictionary<Entity, EntityMapping> DefaultMappings => FiixMapping.Defaults;

    public void AddConnector(IServiceCollection services) => services.AddConnector<FiixConnector, FiixApi>(FiixApi.ClientName);
}
