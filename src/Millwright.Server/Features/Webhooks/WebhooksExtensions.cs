using Microsoft.Extensions.Options;
using Millwright.Connectors.Http;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Sync;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Webhooks;

/// <summary>Outbound webhooks: endpoints, the event outbox, signed deliveries with retries (see README.md here).</summary>
public static class WebhooksExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.Section)
            .Validate(WebhookOptions.IsValid, $"{WebhookOptions.Section}: durations must be positive, LeaseDuration longer than Timeout, BatchSize 1–5000, Lanes 1–64, Parallelism 1–1024, MaxEndpointsPerAccount 1–10000.")
            .ValidateOnStart();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<ConnectionOwners>();
        services.AddSingleton<WebhookSender>();
        services.AddScoped<WebhookOutbox>();
        services.AddScoped<WebhookBatch>();
        services.AddScoped<WebhookEndpointService>();
        services.AddScoped<WebhookDeliveryService>();
        services.AddScoped<ISyncObserver, WebhookSyncObserver>();
        services.AddScoped<IConnectionObserver, WebhookConnectionObserver>();
        AddClient(services, WebhookSender.LiveClient);
        AddClient(services, WebhookSender.TestClient);
        services.AddHostedService<WebhookDispatcher>();
        services.AddHealthChecks().AddCheck<WebhookHealthCheck>("webhook_delivery", tags: ["status"]);
        return services;
    }

    public static IEndpointRouteBuilder MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var errors = new[] { StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden };
        WebhookEndpointsApi.Map(app.MapGroup("/v1/webhook-endpoints").WithTags("Webhooks").RequireSecretKey().ProducesErrors(errors));
        WebhookDeliveriesApi.Map(app.MapGroup("/v1/webhook-deliveries").WithTags("Webhooks").RequireSecretKey().ProducesErrors(errors));
        EventsApi.Map(app.MapGroup("/v1/events").WithTags("Webhooks").RequireSecretKey().ProducesErrors(errors));
        return app;
    }

    /// <summary>
    /// Receivers are customer-supplied URLs: SSRF-guarded sockets (public addresses only, or an endpoint the
    /// operator allowed in <c>Millwright:Upstream:AllowedAddresses</c>; test and live in pools of their own),
    /// redirects off, no resilience handler (retries are the dispatcher's, on our schedule).
    /// </summary>
    private static void AddClient(IServiceCollection services, string name) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => GuardedSockets.CreateHandler(
                new AllowedAddresses(sp.GetRequiredService<IOptions<UpstreamHttpOptions>>().Value.AllowedAddresses), TimeSpan.FromSeconds(10)))
            .RemoveAllLoggers();
}
