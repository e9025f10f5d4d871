using Microsoft.Data.Sqlite;
using Millwright.Server.Persistence;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Persistence;

/// <summary>A new SQLite store gets Millwright's page size; a store that already has pages keeps its own.</summary>
public sealed class StorePageSizeTests
{
    [Fact]
    public async Task Start_FreshDataFolder_StoreHasLargePagesAndWal()
    {
        if (TestDatabases.UsesPostgres)
        {
            return; // a PostgreSQL run keeps its store in PostgreSQL; the SQLite run checks the file
        }

        var data = Path.Combine(TestFolders.Root, Guid.NewGuid().ToString("n"));
        using (var host = new MillwrightHost(new Dictionary<string, string?> { ["MILLWRIGHT_DATABASE"] = "" }, dataDirectory: data))
        {
            await host.CreateAccountAsync();
        }

        Assert.Equal((long)SqliteFiles.PageSize, await PragmaAsync(data, "page_size"));
        Assert.Equal("wal", await PragmaAsync(data, "journal_mode"));
    }

    [Fact]
    public async Task Start_StoreWithPagesOfAnotherSize_KeepsThemAndWorks()
    {
        if (TestDatabases.UsesPostgres)
        {
            return;
        }

        var data = Path.Combine(TestFolders.Root, Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(data);
        await using (var sqlite = new SqliteConnection($"Data Source={Path.Combine(data, SqliteFiles.FileName)};Pooling=False"))
        {
            await sqlite.OpenAsync();
            await using var command = sqlite.CreateCommand();
            command.CommandText = "PRAGMA page_size = 4096; PRAGMA user_version = 1;"; // writes page 1: the size is fixed
            await command.ExecuteNonQueryAsync();
        }

        using (var host = new MillwrightHost(new Dictionary<string, string?> { ["MILLWRIGHT_DATABASE"] = "" }, dataDirectory: data))
        {
            var account = await host.CreateAccountAsync();
            using var http = host.Http(account.TestSecretKey);
            using var response = await http.GetAsync("/v1/connections");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(4096L, await PragmaAsync(data, "page_size"));
    }

    private static async Task<object?> PragmaAsync(string data, string name)
    {
        await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(data, SqliteFiles.FileName)};Mode=ReadOnly;Pooling=False");
        await sqlite.OpenAsync();
        await using var command = sqlite.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return await command.ExecuteScalarAsync();
    }
}
