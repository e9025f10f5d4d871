using Npgsql;

namespace Millwright.Bench.Load;

/// <summary>
/// The PostgreSQL database of a load run. It is dropped before the run (every run starts from the same
/// state) and after it, so only databases whose name says they belong to the bench are accepted.
/// </summary>
internal static class BenchDatabase
{
    public const string NamePrefix = "millwright_bench";

    public static string? Validate(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        return name is not null && name.StartsWith(NamePrefix, StringComparison.Ordinal)
            ? null
            : $"--database must name a database starting with '{NamePrefix}' (it is dropped and recreated), not '{name}'.";
    }

    public static async Task DropAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database!;
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The name is checked above to be ours; identifiers cannot be parameters.
        command.CommandText = $"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync(cancellationToken);
        NpgsqlConnection.ClearAllPools();
    }
}
