using Microsoft.EntityFrameworkCore;
using Millwright.Server.Hosting;

namespace Millwright.Server.Persistence;

internal static class PersistenceExtensions
{
    /// <summary>SQLite under the data directory unless <c>MILLWRIGHT_DATABASE</c> names a PostgreSQL database.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, MillwrightOptions options)
    {
        if (options.UsesPostgres)
        {
            services.AddDbContext<PostgresMillwrightDb>(o => o.UseNpgsql(options.Database));
            services.AddScoped<MillwrightDb>(sp => sp.GetRequiredService<PostgresMillwrightDb>());
        }
        else
        {
            Directory.CreateDirectory(options.DataDirectory);
            var file = Path.Combine(options.DataDirectory, "millwright.db");
            services.AddDbContext<SqliteMillwrightDb>(o => o.UseSqlite($"Data Source={file};Pooling=True"));
            services.AddScoped<MillwrightDb>(sp => sp.GetRequiredService<SqliteMillwrightDb>());
        }

        services.AddHostedService<MigrationRunner>();
        return services;
    }
}

/// <summary>
/// Applies pending migrations before the server takes requests (hosted services start first), after
/// checking that the store's history is one this build can continue (<see cref="StoreHistory"/>).
/// </summary>
internal sealed partial class MigrationRunner(IServiceScopeFactory scopes, ILogger<MigrationRunner> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        await StoreHistory.EnsureKnownAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (!db.Database.IsNpgsql())
        {
            // WAL lets the API read while a sync writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        LogMigrated(db.Database.ProviderName ?? "?");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Store ready ({Provider})")]
    private partial void LogMigrated(string provider);
}
