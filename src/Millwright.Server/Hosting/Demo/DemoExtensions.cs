namespace Millwright.Server.Hosting.Demo;

internal static class DemoExtensions
{
    /// <summary>Demo mode: quiet console logs (the progress display and the credentials are the output) and the runner.</summary>
    public static WebApplicationBuilder AddDemo(this WebApplicationBuilder builder)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHostedService<DemoRunner>();
        return builder;
    }
}
