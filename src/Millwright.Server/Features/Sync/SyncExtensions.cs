using Microsoft.Extensions.DependencyInjection.Extensions;
using Millwright.Connectors.Core;

namespace Millwright.Server.Features.Sync;

/// <summary>Entry points of the sync feature. Needs <c>AddPersistence</c> and <c>AddJobs</c> first.</summary>
internal static class SyncExtensions
{
    public static IServiceCollection AddSync(this IServiceCollection services)
    {
        services.AddOptions<SyncOptions>()
            .BindConfiguration(SyncOptions.Section)
            .Validate(SyncOptions.IsValid, $"{SyncOptions.Section} has a value out of range (see SyncOptions).")
            .ValidateOnStart();
        services.TryAddSingleton<ConnectorRegistry>();
        services.AddSingleton<SyncWorker>();
        services.AddSingleton<PageReader>();
        services.AddScoped<SyncScheduler>();
        services.AddScoped<ISyncScheduler>(sp => sp.GetRequiredService<SyncScheduler>());
        services.AddScoped<SyncEngine>();
        services.AddScoped<PageWriter>();
        services.AddScoped<SyncRecovery>();
        services.AddScoped<SyncJobs>();
        services.AddHostedService<SyncStartup>();
        return services;
    }
}
