using Microsoft.EntityFrameworkCore;
using Millwright.Server.Hosting;

namespace Millwright.Server.Persistence;

internal static class PersistenceExtensions
{
    /// <summary>
    /// SQLite under the data directory unless <c>MILLWRIGHT_DATABASE</c> names a PostgreSQL database. Contexts are
    /// pooled (issue 16): a request leases one whose EF services are already set up instead of building them, which
    /// was about 40 KiB of every request's allocation. EF resets a context's state when it goes back to the pool;
    /// the contexts hold no state of their own.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, MillwrightOptions options)
    {
        if (options.UsesPostgres)
        {
            services.AddDbContextPool<PostgresMillwrightDb>(o => o.UseNpgsql(options.Database));
            services.AddScoped<MillwrightDb>(sp => sp.GetRequiredService<PostgresMillwrightDb>());
        }
        else
        {
            var file = SqliteFiles.Prepare(options.DataDirectory);
            services.AddDbContextPool<SqliteMillwrightDb>(o => o.UseSqlite($"Data Source={file};Pooling=True").AddInterceptors(new SqliteBusyWait()));
            services.AddScoped<MillwrightDb>(sp => sp.GetRequiredService<SqliteMillwrightDb>());
            services.AddSingleton(_ => new SqliteReads(file));
        }

        services.AddSingleton<StoreMigration>();
        services.AddHostedService<MigrationRunner>();
        return services;
    }
}

/// <summary>
/// Applies pending migrations before the server takes requests (hosted services start first), after
/// checking that the store's history is one this build can continue (<see cref="StoreHistory"/>).
/// </summary>
internal sealed partial class MigrationRunner(IServiceScopeFactory scopes, StoreMigration migration, ILogger<MigrationRunner> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var sqlite = !db.Database.IsNpgsql();
        if (sqlite)
        {
            // One connection from here to the WAL switch: a new store's page size is the connection's until it writes.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await SqliteFiles.SetPageSizeIfNewAsync(db, cancellationToken);
        }

        await StoreHistory.EnsureKnownAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (sqlite)
        {
            // WAL lets the API read while a sync writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        migration.MarkDone();
        LogMigrated(db.Database.ProviderName ?? "?");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Store ready ({Provider})")]
    private partial void LogMigrated(string provider);
}

/// <summary>
/// Whether <see cref="MigrationRunner"/> has run in this host. Whatever connects to the store when it is built
/// (Hangfire's PostgreSQL storage prepares its schema in its constructor) asks first, so that a hosted service
/// injecting it — the host builds every hosted service before starting the first — fails at once with a clear
/// message instead of waiting out connection retries against a database that does not exist yet.
/// </summary>
internal sealed class StoreMigration
{
    private volatile bool done;

    public void MarkDone() => done = true;

    /// <exception cref="InvalidOperationException">The store is not migrated yet.</exception>
    public void EnsureDone(string what)
    {
        if (!done)
        {
            throw new InvalidOperationException(
                $"{what} was resolved before the store was migrated: a hosted service must resolve it in StartAsync, not inject it.");
        }
    }
}
