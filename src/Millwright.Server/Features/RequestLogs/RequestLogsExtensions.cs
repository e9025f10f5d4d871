using Millwright.Connectors.Http;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>
/// Entry points of request logging (README.md). <see cref="UseRequestLogs"/> goes first in the pipeline,
/// before <c>UseApiErrors</c>, so that it sees the final status and body of every call.
/// </summary>
internal static class RequestLogsExtensions
{
    public static IServiceCollection AddRequestLogs(this IServiceCollection services)
    {
        services.AddOptions<RequestLogOptions>()
            .BindConfiguration(RequestLogOptions.Section)
            .Validate(RequestLogOptions.IsValid, $"{RequestLogOptions.Section} has a value out of range (see RequestLogOptions).")
            .ValidateOnStart();
        services.AddSingleton<LogQueue>();
        services.AddSingleton<IUpstreamCallObserver>(sp => sp.GetRequiredService<LogQueue>());
        services.AddHostedService<LogWriter>();
        services.AddSingleton<RequestLogCleanup>();
        services.AddScoped<RequestLogService>();
        services.AddHostedService(sp => sp.GetRequiredService<RequestLogCleanup>());
        return services;
    }

    public static WebApplication UseRequestLogs(this WebApplication app)
    {
        app.UseMiddleware<RequestLogMiddleware>();
        return app;
    }
}
