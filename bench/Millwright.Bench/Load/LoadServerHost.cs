using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Millwright.Bench.Load;

/// <summary>
/// The real server (<c>Millwright.Server</c>'s Program, unchanged) on Kestrel on a loopback port with its
/// own data folder, in the Production environment with the shipped appsettings.json; built the way the
/// tests' MillwrightHost builds it.
/// </summary>
internal sealed class LoadServerHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public LoadServerHost(string dataDirectory, string? database)
    {
        settings = new Dictionary<string, string?> { ["Millwright:DataDirectory"] = dataDirectory };
        if (!string.IsNullOrWhiteSpace(database))
        {
            settings["MILLWRIGHT_DATABASE"] = database;
        }

        UseKestrel(0);
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
    }

    /// <summary>http://127.0.0.1:port/ of the running server.</summary>
    public Uri BaseAddress { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Like a published server: appsettings.json next to the binaries (the factory's own guess depends on
        // the current directory).
        builder.UseContentRoot(AppContext.BaseDirectory);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
