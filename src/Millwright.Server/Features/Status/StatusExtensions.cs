using Microsoft.AspNetCore.Http.HttpResults;

namespace Millwright.Server.Features.Status;

/// <summary>
/// Entry points of the status page (README.md): <c>/status</c> (HTML) and <c>/status.json</c>, both public.
/// Registers the <c>api</c>, <c>database</c> and <c>job_workers</c> components; other features add theirs
/// as health checks tagged <c>status</c>.
/// </summary>
internal static class StatusExtensions
{
    public static IServiceCollection AddStatusPage(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ApiHealthCheck>("api", tags: [StatusReporter.Tag])
            .AddCheck<DatabaseHealthCheck>("database", tags: [StatusReporter.Tag])
            .AddCheck<JobWorkersHealthCheck>("job_workers", tags: [StatusReporter.Tag]);
        services.AddScoped<StatusReporter>();
        return services;
    }

    public static IEndpointRouteBuilder MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/status.json", async Task<Ok<StatusReport>> (StatusReporter reporter, CancellationToken cancellationToken) =>
                TypedResults.Ok(await reporter.BuildAsync(cancellationToken)))
            .WithName("GetStatus")
            .WithTags("Health")
            .WithSummary("Platform and connected-system status")
            .WithDescription("""
                No authentication. `status` is the worst platform component (`operational`, `degraded`, `down`);
                `components` come from the server's health checks (API, database, job workers, Redis and webhook
                delivery when present); `systems` gives each connected system's health per hour over the last 24 hours,
                computed from real upstream call outcomes (`thresholds` says how), and `incidents` the runs of
                degraded or down hours with their times. The same data as HTML at `/status`.
                """)
            .AllowAnonymous();
        app.MapGet("/status", async Task<ContentHttpResult> (StatusReporter reporter, CancellationToken cancellationToken) =>
                TypedResults.Content(StatusPageHtml.Render(await reporter.BuildAsync(cancellationToken)), "text/html; charset=utf-8"))
            .ExcludeFromDescription()
            .AllowAnonymous();
        return app;
    }
}
