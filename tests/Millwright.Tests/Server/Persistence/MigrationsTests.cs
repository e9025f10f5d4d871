using Microsoft.EntityFrameworkCore;
using Millwright.Server.Persistence;

namespace Millwright.Tests.Server.Persistence;

/// <summary>The store's schema comes from migrations applied at start; a model change without a new migration must not land.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void SqliteMigrations_Always_MatchTheModel()
    {
        using var db = new SqliteMillwrightDb(new DbContextOptionsBuilder<SqliteMillwrightDb>().UseSqlite("Data Source=:memory:").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh <Name> after changing Persistence/.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgresMigrations_Always_MatchTheModel()
    {
        using var db = new PostgresMillwrightDb(new DbContextOptionsBuilder<PostgresMillwrightDb>().UseNpgsql("Host=unused").Options);
        Assert.False(db.Database.HasPendingModelChanges(), "Run scripts/add-migration.sh <Name> after changing Persistence/.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public async Task SqliteMigrations_AppliedToEmptyStore_CreateEveryTable()
    {
        var file = Path.Combine(Path.GetTempPath(), $"millwright-migrations-{Guid.NewGuid():n}.db");
        try
        {
            await using var db = new SqliteMillwrightDb(new DbContextOptionsBuilder<SqliteMillwrightDb>().UseSqlite($"Data Source={file};Pooling=False").Options);
            await db.Database.MigrateAsync();
            // Every mapped table answers a query: an empty migration (as once happened) fails here.
            Assert.Equal(0, await db.Accounts.CountAsync());
            Assert.Equal(0, await db.Records.CountAsync());
            Assert.Equal(0, await db.SyncRuns.CountAsync());
            Assert.Equal(0, await db.SyncCheckpoints.CountAsync());
            Assert.Equal(0, await db.ConnectionTokens.CountAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
