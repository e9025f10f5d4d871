using Npgsql;

namespace Millwright.Tests.Support;

/// <summary>Chooses the store under test: SQLite by default, PostgreSQL when MILLWRIGHT_TEST_POSTGRES is set.</summary>
public static class TestDatabases
{
    public static bool UsesPostgres => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("MILLWRIGHT_TEST_POSTGRES"));

    /// <summary>A connection string to a fresh database named after the test's data folder, or null for SQLite.</summary>
    public static string? PostgresConnectionString(string uniqueName)
    {
        var server = Environment.GetEnvironmentVariable("MILLWRIGHT_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server))
        {
            return null;
        }

        // Hosts run side by side and each keeps its own pools (store, Hangfire, the request log writer): idle
        // connections of finished hosts are closed after seconds rather than five minutes, so that a full run
        // stays below the server's max_connections.
        var builder = new NpgsqlConnectionStringBuilder(server)
        {
            Database = "mw_" + Path.GetFileName(uniqueName)[..16],
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 2,
        };
        return builder.ConnectionString;
    }
}
