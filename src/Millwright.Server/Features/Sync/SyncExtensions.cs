namespace Millwright.Server.Features.Sync;

/// <summary>Entry points of the sync feature. Needs <c>AddPersistence</c>, <c>AddMillwrightConnectors</c> and <c>AddJobs</c>.</summary>
internal static class SyncExtensions
{
    public static IServiceCollection AddSync(this IServiceCollection services)
    {
        services.AddOptions<SyncOptions>()
            .BindConfiguration(SyncOptions.Section)
            .Validate(SyncOptions.IsValid, $"{SyncOptions.Section} has a value out of range (see SyncOptions).")
            .ValidateOnStart();
        // Limits of every vendor call (timeouts, retries, circuit breaker): Millwright:Upstream:* (UpstreamHttpOptions).
        // Millwright:Upstream:AllowedAddresses are the operator's exceptions to the address guard (docs/security.md).
        services.AddOptions<Millwright.Connectors.Http.UpstreamHttpOptions>().BindConfiguration("Millwright:Upstream")
            .Validate(o => Millwright.Connectors.Http.AllowedAddresses.IsValid(o.AllowedAddresses),
                "Millwright:Upstream:AllowedAddresses entries must be host:port (e.g. 127.0.0.1:8089, [::1]:8089, erp.plant.local:443).")
            .ValidateOnStart();
        services.AddSingleton<SyncWorker>();
        services.AddSingleton<PageReader>();
        services.AddScoped<SyncScheduler>();
        services.AddScoped<SyncRunService>();
        services.AddScoped<ISyncScheduler>(sp => sp.GetRequiredService<SyncScheduler>());
        services.AddScoped<SyncEngine>();
        services.AddScoped<PageWriter>();
        services.AddScoped<SyncRecovery>();
        services.AddScoped<SyncJobs>();
        services.AddHostedService<SyncStartup>();
        return services;
    }
}
