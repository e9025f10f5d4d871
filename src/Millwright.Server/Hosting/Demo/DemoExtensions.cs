namespace Millwright.Server.Hosting.Demo;

internal static class DemoExtensions
{
    /// <summary>Demo mode: quiet console logs (the progress display and the credentials are the output) and the runner.</summary>
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        // Configuration rules outrank SetMinimumLevel, so quieten through configuration.
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration["Logging:LogLevel:Millwright"] = "Warning";
        // The real MaintainX allows 100 requests a minute, which makes a first sync of the demo plant
        // (~300 calls) take three minutes. The demo's sandbox allows more unless the operator set a limit;
        // the connector follows the limit the sandbox announces in X-Rate-Limit-Limit.
        builder.Configuration["Millwright:Sandbox:MaintainX:RequestsPerMinute"] ??= "1200";
        builder.Services.AddHostedService<DemoRunner>();
        return builder;
    }
}
