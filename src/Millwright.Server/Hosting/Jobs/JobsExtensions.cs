using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;
using Millwright.Server.Persistence;

namespace Millwright.Server.Hosting.Jobs;

/// <summary>
/// Background jobs on Hangfire (docs/adr/0003-jobs-on-hangfire.md): in-memory storage on the embedded
/// default, PostgreSQL storage (schema <c>hangfire</c> of the store's database) when scaled out, so that
/// each job runs once across nodes.
/// <para>
/// Everything is built per host through DI and Hangfire's static <c>JobStorage.Current</c> and
/// <c>GlobalConfiguration</c> are never touched: several hosts may live in one process (the test suite
/// starts them side by side), and each must enqueue into, and execute from, its own storage with its
/// own service provider.
/// </para>
/// </summary>
internal static class JobsExtensions
{
    /// <summary>Hangfire schema in the PostgreSQL store's database.</summary>
    public const string PostgresSchema = "hangfire";

    /// <summary>Registers storage, <see cref="IBackgroundJobClient"/>, <see cref="IRecurringJobManager"/> and the job server.
    /// Call after <c>AddPersistence</c>: the server starts once migrations have run.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, MillwrightOptions options)
    {
        services.AddOptions<JobOptions>()
            .BindConfiguration(JobOptions.Section)
            .Validate(JobOptions.IsValid, $"{JobOptions.Section}: Workers must be 1–256, PollInterval 100 ms–1 min, ShutdownTimeout positive.")
            .ValidateOnStart();
        services.AddSingleton<JobStorage>(sp =>
        {
            sp.GetRequiredService<StoreMigration>().EnsureDone("Hangfire's job storage (and with it IBackgroundJobClient, IRecurringJobManager)");
            return CreateStorage(options, sp.GetRequiredService<IOptions<JobOptions>>().Value);
        });
        services.AddSingleton<IJobFilterProvider>(_ => CreateFilters());
        services.AddSingleton<IBackgroundJobClient>(sp =>
            new BackgroundJobClient(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<IRecurringJobManager>(sp =>
            new RecurringJobManager(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>()));
        services.AddHostedService<JobServer>();
        return services;
    }

    private static JobStorage CreateStorage(MillwrightOptions options, JobOptions jobs)
    {
        if (!options.UsesPostgres)
        {
            // One process owns the embedded store, so jobs need not outlive it: sync runs and their
            // checkpoints live in our own tables and are re-queued from there at start-up.
            return new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromHours(1) });
        }

        var postgres = new PostgreSqlStorageOptions
        {
            SchemaName = PostgresSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = jobs.PollInterval,
            // Long syncs keep their job invisible to other nodes only while this node is alive.
            UseSlidingInvisibilityTimeout = true,
            // A lock row of a node that died (kill -9, power loss) stays until it is this old; the default, 10 min,
            // froze every recurring job (scheduled syncs, the recovery sweep) cluster-wide that long when the dead
            // node held the scheduler's lock. Hangfire's own locks are held for seconds, so 30 s is ample.
            DistributedLockTimeout = TimeSpan.FromSeconds(30),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(options.Database!, postgres), postgres);
    }

    private static JobFilterProviderCollection CreateFilters()
    {
        // Our own filter set instead of GlobalJobFilters: nothing a host adds can leak into another.
        // Jobs handle their expected failures themselves; the retry covers the unexpected (store briefly down).
        var filters = new JobFilterCollection { new AutomaticRetryAttribute { Attempts = 3 } };
        return new JobFilterProviderCollection(new JobFilterAttributeFilterProvider(), filters);
    }
}
