using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Server.Features.Accounts;

namespace Millwright.Tests.Support;

/// <summary>
/// The real server, in-process, listening on a loopback port with its own data folder. With
/// <c>MILLWRIGHT_TEST_POSTGRES</c> set (a connection string to a server, database ignored) each host
/// gets its own fresh PostgreSQL database instead of SQLite, so the same tests cover both stores.
/// </summary>
public sealed class MillwrightHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly TimeProvider? time;
    private readonly Action<IServiceCollection>? configureServices;
    private readonly string? postgres;

    /// <param name="overrides">Configuration settings.</param>
    /// <param name="dataDirectory">Data folder to reuse (restart tests); a fresh one by default.</param>
    /// <param name="time">Replaces the server's clock, e.g. a FakeTimeProvider for expiry and schedules.</param>
    /// <param name="configureServices">Last word on the server's services, e.g. a logger provider that captures logs.</param>
    public MillwrightHost(
        IDictionary<string, string?>? overrides = null,
        string? dataDirectory = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? configureServices = null)
    {
        this.time = time;
        this.configureServices = configureServices;
        DataDirectory = dataDirectory ?? Path.Combine(TestFolders.Root, Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(DataDirectory);
        settings = new Dictionary<string, string?>
        {
            ["Millwright:DataDirectory"] = DataDirectory,

            // Most tests connect to the shared mounts with the published demo credentials; SandboxTenancyTests
            // turn them off, as a default installation has them.
            ["Millwright:SandboxSharedMounts"] = "true",
        };
        if (TestDatabases.PostgresConnectionString(DataDirectory) is { } pg)
        {
            settings["MILLWRIGHT_DATABASE"] = pg;
            postgres = pg;
        }

        foreach (var (key, value) in AllowedTestEndpoints.Settings())
        {
            settings[key] = value;
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        UseKestrel(0);
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
    }

    public string DataDirectory { get; }

    /// <summary>http://127.0.0.1:port/ of the running server.</summary>
    public Uri BaseAddress { get; }

    /// <summary>An HttpClient over real loopback HTTP with the given bearer secret.</summary>
    public HttpClient Http(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        }

        return client;
    }

    public async Task<ProvisionedAccount> CreateAccountAsync(string name = "Acme Integrations")
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountProvisioning>().CreateAsync(name, CancellationToken.None);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        ClosePooledConnections();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        ClosePooledConnections();
    }

    /// <summary>
    /// Npgsql keeps idle connections of a disposed host's pool open for minutes; with many hosts in one run
    /// that exhausts the server's max_connections. This host's database is its own, so only its pool closes.
    /// </summary>
    private void ClosePooledConnections()
    {
        if (postgres is not null)
        {
            using var connection = new Npgsql.NpgsqlConnection(postgres);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting (not ConfigureAppConfiguration): Program reads its options before Build(),
        // and only host settings are visible that early with minimal hosting.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }

        if (configureServices is not null)
        {
            builder.ConfigureTestServices(configureServices);
        }
    }
}
