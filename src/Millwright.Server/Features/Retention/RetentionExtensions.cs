using Hangfire;

namespace Millwright.Server.Features.Retention;

/// <summary>Retention of operational rows (webhooks, sync runs, idempotency keys). Needs <c>AddPersistence</c> and <c>AddJobs</c>.</summary>
internal static class RetentionExtensions
{
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>()
            .BindConfiguration(RetentionOptions.Section)
            .Validate(RetentionOptions.IsValid, $"{RetentionOptions.Section} has a value out of range (see RetentionOptions).")
            .ValidateOnStart();
        services.AddScoped<RetentionJob>();
        services.AddHostedService<RetentionStartup>();
        return services;
    }
}

/// <summary>Registers the recurring job at start-up; every node does, Hangfire keeps one and runs each tick once.</summary>
/// <remarks>The job manager is resolved in <see cref="StartAsync"/>: its storage needs the migrated store.</remarks>
internal sealed class RetentionStartup(IServiceProvider services, Microsoft.Extensions.Options.IOptions<RetentionOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var recurring = services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<RetentionJob>(RetentionJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), options.Value.Cron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
