using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Millwright.Server.Persistence;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Persistence;

/// <summary>
/// A store whose migration history this build does not know is refused at start with what to do, and
/// nothing is migrated: the pre-release schema squashed into one Initial (ADR 0017), or a newer version's.
/// </summary>
public sealed class OldStoreTests : IDisposable
{
    // The ids the pre-release builds wrote into __EFMigrationsHistory before the squash.
    private static readonly string[] PreReleaseSqlite =
    [
        "20261128015812_Initial", "20261128034056_Reliability", "20261128053048_FieldMappings",
        "20261128053728_RequestLogs", "20261128053905_Webhooks", "20261128054227_ConnectAndDashboard",
    ];

    private static readonly string[] PreReleasePostgres =
    [
        "20261128015831_Initial", "20261128034109_Reliability", "20261128053121_FieldMappings",
        "20261128053744_RequestLogs", "20261128053920_Webhooks", "20261128054245_ConnectAndDashboard",
    ];

    private readonly string data = Path.Combine(TestFolders.Root, Guid.NewGuid().ToString("n"));

    private static string[] PreRelease => TestDatabases.UsesPostgres ? PreReleasePostgres : PreReleaseSqlite;

    [Fact]
    public async Task Start_StoreOfPreReleaseSchema_FailsWithWhatToDoAndMigratesNothing()
    {
        await SeedHistoryAsync(PreRelease);

        var error = FindRefusal(Record.Exception(() => new MillwrightHost(dataDirectory: data).Dispose()));

        Assert.Contains("pre-release build of Millwright", error.Message, StringComparison.Ordinal);
        Assert.Contains(PreRelease[0], error.Message, StringComparison.Ordinal);
        Assert.Contains(
            TestDatabases.UsesPostgres ? "DROP DATABASE" : "delete that folder (or start with --data <another folder>)",
            error.Message,
            StringComparison.Ordinal);
        if (!TestDatabases.UsesPostgres)
        {
            Assert.Contains(Path.GetFullPath(data), error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(PreRelease, await AppliedMigrationsAsync());
    }

    [Fact]
    public async Task Start_StoreMigratedByNewerVersion_RefusesToMigrateBackwards()
    {
        await using (var db = OpenStore())
        {
            await db.Database.MigrateAsync();
        }

        const string future = "29991231235959_FromANewerVersion";
        await SeedHistoryAsync([future]);
        var before = await AppliedMigrationsAsync();

        var error = FindRefusal(Record.Exception(() => new MillwrightHost(dataDirectory: data).Dispose()));

        Assert.Contains("a newer version", error.Message, StringComparison.Ordinal);
        Assert.Contains(future, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("pre-release", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await AppliedMigrationsAsync());
    }

    [Fact]
    public async Task Start_StoreOfCurrentSchema_Starts()
    {
        await using (var db = OpenStore())
        {
            await db.Database.MigrateAsync();
        }

        await using var host = new MillwrightHost(dataDirectory: data);
        using var http = host.Http();
        Assert.True((await http.GetAsync("/healthz")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Server_StoreOfPreReleaseSchema_ExitsNonZeroWithTheMessageAlone()
    {
        await SeedHistoryAsync(PreRelease);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Millwright.Server.dll"), "--data", data, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        if (TestDatabases.PostgresConnectionString(data) is { } pg)
        {
            start.Environment["MILLWRIGHT_DATABASE"] = pg;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        var output = await stdout + await stderr;
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("was created by a pre-release build of Millwright", output, StringComparison.Ordinal);
        // A refusal, not a crash: no stack trace.
        Assert.DoesNotContain("   at Millwright.", output, StringComparison.Ordinal);
        Assert.Equal(PreRelease, await AppliedMigrationsAsync());
    }

    public void Dispose()
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static IncompatibleStoreException FindRefusal(Exception? thrown)
    {
        for (var e = thrown; e is not null; e = e.InnerException)
        {
            if (e is IncompatibleStoreException refusal)
            {
                return refusal;
            }
        }

        throw new Xunit.Sdk.XunitException($"Expected the start to be refused with an IncompatibleStoreException, got: {thrown}");
    }

    /// <summary>The store's history table with the given rows, as an older or newer build would have left it.</summary>
    private async Task SeedHistoryAsync(string[] ids)
    {
        await using var db = OpenStore();
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync())
        {
            await creator.CreateAsync();
        }

        var history = db.GetService<IHistoryRepository>();
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript());
        foreach (var id in ids)
        {
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(id, "10.0.0")));
        }
    }

    private async Task<string[]> AppliedMigrationsAsync()
    {
        await using var db = OpenStore();
        return [.. await db.Database.GetAppliedMigrationsAsync()];
    }

    private MillwrightDb OpenStore()
    {
        Directory.CreateDirectory(data);
        return TestDatabases.PostgresConnectionString(data) is { } pg
            ? new PostgresMillwrightDb(new DbContextOptionsBuilder<PostgresMillwrightDb>().UseNpgsql(pg).Options)
            : new SqliteMillwrightDb(new DbContextOptionsBuilder<SqliteMillwrightDb>()
                .UseSqlite($"Data Source={Path.Combine(data, "millwright.db")};Pooling=False").Options);
    }
}
