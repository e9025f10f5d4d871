using Millwright.Connectors.Http;
using Millwright.Server.Features.Sync;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Millwright.Server.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry for the server: metrics always (scraped at <c>GET /metrics</c>), traces and logs exported over
/// OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (all other <c>OTEL_*</c> variables apply as
/// usual). See docs/operations.md for every metric and span.
/// </summary>
internal static class TelemetryExtensions
{
    /// <summary>Spans of the HTTP server that carry nothing but noise: scrapes and probes.</summary>
    private static readonly string[] UntracedPaths = ["/metrics", "/healthz", "/readyz"];

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddSingleton(options);
        services.AddSingleton<MillwrightMetrics>();
        services.AddSingleton<ISyncObserver, SyncTelemetryObserver>();
        services.AddSingleton<IUpstreamCallObserver, UpstreamTelemetryObserver>();

        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "millwright"))
            .WithMetrics(metrics => metrics
                .AddMeter(MillwrightTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        if (otlp || options.Traces)
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddSource(MillwrightTelemetry.Name, UpstreamTelemetry.SourceName)
                    .AddSource(options.StoreSpans ? [MillwrightTelemetry.StoreName] : [])
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        o.Filter = context => !UntracedPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));
                        // The span is named after the route template and keeps it in http.route; the raw path and
                        // query can hold ids and filter values of a customer's records.
                        o.EnrichWithHttpResponse = (activity, _) =>
                        {
                            activity.SetTag("url.path", null);
                            activity.SetTag("url.query", null);
                        };
                    }))
                .WithLogging(configureBuilder: null, configureOptions: o => o.IncludeScopes = true);
        }

        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }

    /// <summary>Maps <c>GET /metrics</c> unless turned off; restricted to <see cref="TelemetryOptions.MetricsHosts"/> when set.</summary>
    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<TelemetryOptions>();
        if (options.MetricsEnabled)
        {
            var endpoint = app.MapPrometheusScrapingEndpoint("/metrics");
            if (options.MetricsHosts.Length > 0)
            {
                endpoint.RequireHost(options.MetricsHosts);
            }
        }

        return app;
    }
}
