using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Millwright.Server.Persistence;

// Used only by `dotnet ef migrations add` (scripts/add-migration.sh); the server builds its contexts in AddPersistence.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMillwrightDb>
{
    public SqliteMillwrightDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMillwrightDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMillwrightDb>
{
    public PostgresMillwrightDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMillwrightDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
