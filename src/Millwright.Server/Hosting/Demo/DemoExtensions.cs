using Millwright.Server.Hosting.Modules;

namespace Millwright.Server.Hosting.Demo;

internal static class DemoExtensions
{
    /// <summary>
    /// Demo mode: quiet console logs (the progress display and the credentials are the output), each
    /// sandbox's demo settings unless the operator set them, and the runner.
    /// </summary>
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        // Configuration rules outrank SetMinimumLevel, so quieten through configuration.
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration["Logging:LogLevel:Millwright"] = "Warning";
        foreach (var module in VendorModules.All)
        {
            foreach (var (key, value) in module.Sandbox.DemoConfiguration)
            {
                builder.Configuration[$"{module.Sandbox.ConfigurationSection}:{key}"] ??= value;
            }
        }

        builder.Services.AddHostedService<DemoRunner>();
        return builder;
    }
}
