using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Millwright.Bench.Load;

/// <summary>
/// The real server (<c>Millwright.Server</c>'s Program, unchanged) on Kestrel on a loopback port with its
/// own data folder, in the Production environment with the shipped appsettings.json; built the way the
/// tests' MillwrightHost builds it. With <c>floor</c>, the bench adds its <see cref="FloorResponse"/> route in
/// front of the server's pipeline (the server's own code has no bench hooks); <c>extra</c> settings are
/// added to (or override) the configuration.
/// </summary>
internal sealed class LoadServerHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly FloorResponse? floor;

    public LoadServerHost(string dataDirectory, string? database, bool floor = false, IReadOnlyDictionary<string, string?>? extra = null)
    {
        this.floor = floor ? new FloorResponse() : null;
        settings = new Dictionary<string, string?>(extra ?? new Dictionary<string, string?>()) { ["Millwright:DataDirectory"] = dataDirectory };
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

    /// <summary>The floor route's response, when this host was asked for it.</summary>
    public FloorResponse? Floor => floor;

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

        if (floor is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(floor.StartupFilter()));
        }
    }
}
