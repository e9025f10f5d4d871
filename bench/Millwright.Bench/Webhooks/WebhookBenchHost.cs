using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Millwright.Bench.Webhooks;

/// <summary>The real server on a loopback port, Production environment, with extra settings (webhook tuning).</summary>
internal sealed class WebhookBenchHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;

    public WebhookBenchHost(string dataDirectory, string? database, IReadOnlyDictionary<string, string?> extra)
    {
        settings = new Dictionary<string, string?>(extra) { ["Millwright:DataDirectory"] = dataDirectory };
        if (!string.IsNullOrWhiteSpace(database))
        {
            settings["MILLWRIGHT_DATABASE"] = database;
        }

        UseKestrel(0);
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
    }

    public Uri BaseAddress { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(AppContext.BaseDirectory);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
