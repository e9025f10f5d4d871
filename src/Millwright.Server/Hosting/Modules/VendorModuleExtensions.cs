using Millwright.Connectors.Core;

namespace Millwright.Server.Hosting.Modules;

/// <summary>Entry points of the vendor modules: connectors into the container, sandboxes onto the routes.</summary>
internal static class VendorModuleExtensions
{
    /// <summary>Every module's connector (<see cref="ConnectorServiceCollectionExtensions.AddMillwrightConnectors"/>) and the module list itself.</summary>
    public static IServiceCollection AddVendorModules(this IServiceCollection services)
    {
        services.AddSingleton(VendorModules.All);
        services.AddSingleton<SandboxTenants>();
        services.AddSingleton<TenantSandboxEndpoints>();
        services.AddSingleton<Millwright.Connectors.Http.ISandboxMounts, OwnSandboxMounts>();
        return services.AddMillwrightConnectors(VendorModules.All.Select(m => m.Connector));
    }

    /// <summary>
    /// Before routing: a request to an account's own sandbox (<c>/sandbox/&lt;tenant&gt;/&lt;vendor&gt;/…</c>) finds its
    /// instance, created on first use (<see cref="TenantSandboxEndpoints"/>). Must come before <c>UseRouting</c>.
    /// </summary>
    public static IApplicationBuilder UseSandboxTenants(this IApplicationBuilder app)
    {
        var tenants = app.ApplicationServices.GetRequiredService<TenantSandboxEndpoints>();
        return app.Use(next => http =>
        {
            tenants.Ensure(http.Request.Path);
            return next(http);
        });
    }

    /// <summary>
    /// Serves the accounts' own sandboxes, and mounts every module's shared sandbox at its prefix
    /// (<c>/sandbox/&lt;vendor&gt;</c>, settings bound from its configuration section) when the operator enabled those.
    /// </summary>
    public static IEndpointRouteBuilder MapSandboxes(this IEndpointRouteBuilder app, MillwrightOptions options)
    {
        app.ServiceProvider.GetRequiredService<TenantSandboxEndpoints>().Attach(app);
        if (options.SandboxSharedMounts)
        {
            foreach (var module in VendorModules.All)
            {
                module.Sandbox.Map(app, module.Sandbox.Prefix);
            }
        }

        return app;
    }
}
