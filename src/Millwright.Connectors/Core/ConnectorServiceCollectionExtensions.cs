using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Millwright.Connectors.Http;
using Millwright.Connectors.Vendors.MaintainX;
using Millwright.Connectors.Vendors.Maximo;
using Millwright.Connectors.Vendors.Sap;

namespace Millwright.Connectors.Core;

/// <summary>The one entry point of the Connectors project: everything that talks to vendor systems.</summary>
public static class ConnectorServiceCollectionExtensions
{
    public static IServiceCollection AddMillwrightConnectors(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<UpstreamHttpOptions>();
        services.TryAddSingleton<UpstreamRateGate>();
        services.TryAddTransient<UpstreamLoggingHandler>();
        services.TryAddSingleton<ConnectorRegistry>();

        // One line per vendor.
        services.AddMaintainX();
        services.AddSap();
        services.AddMaximo();
        return services;
    }
}
