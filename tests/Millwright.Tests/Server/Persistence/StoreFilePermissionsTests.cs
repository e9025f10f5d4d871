using System.Runtime.Versioning;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Persistence;

/// <summary>The SQLite store, its WAL companions and the key files of the data folder are the server user's alone.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class StoreFilePermissionsTests
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Start_FreshDataFolder_CreatesStoreCompanionsAndKeysOwnerOnly()
    {
        if (TestDatabases.UsesPostgres)
        {
            return; // the SQLite run checks the file; the host of a PostgreSQL run keeps its store in PostgreSQL
        }

        var data = Path.Combine(TestFolders.Root, Guid.NewGuid().ToString("n"), "data");
        using var host = new MillwrightHost(new Dictionary<string, string?> { ["MILLWRIGHT_DATABASE"] = "" }, dataDirectory: data);
        var account = await host.CreateAccountAsync();
        using var http = host.Http(account.TestSecretKey);
        (await http.GetAsync("/v1/work-orders")).Dispose();

        var files = Directory.GetFiles(data).Select(Path.GetFileName).ToList();
        Assert.Contains("millwright.db", files);
        Assert.All(Directory.GetFiles(data), f => Assert.Equal(OwnerOnly, File.GetUnixFileMode(f)));
    }

    [Fact]
    public async Task Start_StoreOfAnOlderInstallation_IsTightened()
    {
        var data = Path.Combine(TestFolders.Root, Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(data);
        var store = Path.Combine(data, "millwright.db");
        await File.WriteAllBytesAsync(store, []);
        File.SetUnixFileMode(store, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var host = new MillwrightHost(new Dictionary<string, string?> { ["MILLWRIGHT_DATABASE"] = "" }, dataDirectory: data);
        await host.CreateAccountAsync();

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(store));
    }
}
