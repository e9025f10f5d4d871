using Millwright.Connectors.Core;

namespace Millwright.Server.Hosting.Modules;

/// <summary>Entry points of the vendor modules: connectors into the container, sandboxes onto the routes.</summary>
internal static class VendorModuleExtensions
{
    /// <summary>Every module's connector (<see cref="ConnectorServiceCollectionExtensions.AddMillwrightConnectors"/>) and the module list itself.</summary>
    public static IServiceCollection AddVendorModules(this IServiceCollection services)
    {
        services.AddSingleton(VendorModules.All);
        services.AddSingleton<Millwright.Connectors.Http.ISandboxMounts, OwnSandboxMounts>();
        return services.AddMillwrightConnectors(VendorModules.All.Select(m => m.Connector));
    }

    /// <summary>Mounts every module's sandbox at its prefix (<c>/sandbox/&lt;vendor&gt;</c>), settings bound from its configuration section.</summary>
    public static IEndpointRouteBuilder MapSandboxes(this IEndpointRouteBuilder app)
    {
        foreach (var module in VendorModules.All)
        {
            module.Sandbox.Map(app, module.Sandbox.Prefix);
        }

        return app;
    }
}
