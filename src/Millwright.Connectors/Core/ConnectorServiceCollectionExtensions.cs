using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Millwright.Connectors.Http;

namespace Millwright.Connectors.Core;

/// <summary>The one entry point of the Connectors project: everything that talks to vendor systems.</summary>
public static class ConnectorServiceCollectionExtensions
{
    /// <summary>The shared upstream pipeline, the registry, and one connector per module, in the modules' order.</summary>
    public static IServiceCollection AddMillwrightConnectors(this IServiceCollection services, IEnumerable<IConnectorModule> modules)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(modules);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<UpstreamHttpOptions>();
        services.TryAddSingleton<UpstreamRateGate>();
        services.TryAddTransient<UpstreamLoggingHandler>();
        services.TryAddSingleton<ConnectorRegistry>();

        var systems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var module in modules)
        {
            if (!systems.Add(module.Descriptor.Id))
            {
                throw new InvalidOperationException($"Two connector modules claim the system id '{module.Descriptor.Id}'.");
            }

            module.AddConnector(services);
        }

        return services;
    }

    /// <summary>What every module's <see cref="IConnectorModule.AddConnector"/> does: a typed client named <paramref name="clientName"/> and the connector.</summary>
    internal static IServiceCollection AddConnector<TConnector, TApi>(this IServiceCollection services, string clientName)
        where TConnector : class, IConnector
        where TApi : class
    {
        services.AddHttpClient<TApi>(clientName).AddUpstreamPipeline();
        services.AddSingleton<IConnector, TConnector>();
        return services;
    }
}
