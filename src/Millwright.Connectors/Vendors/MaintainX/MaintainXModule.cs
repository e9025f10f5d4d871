using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Vendors.MaintainX;

/// <summary>The MaintainX connector as a module: descriptor, default mappings and registration (see README.md beside this file).</summary>
public sealed class MaintainXModule : IConnectorModule
{
    public SystemDescriptor Descriptor => MaintainXSettings.Descriptor;

    public IReadOnlyDictionary<Entity, EntityMapping> DefaultMappings => MaintainXMapping.Defaults;

    public void AddConnector(IServiceCollection services) => services.AddConnector<MaintainXConnector, MaintainXApi>(MaintainXApi.ClientName);
}
