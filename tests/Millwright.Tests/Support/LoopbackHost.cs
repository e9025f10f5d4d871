using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Millwright.Tests.Support;

/// <summary>A standalone Kestrel host on 127.0.0.1 with a free port, for tests that need some other party over real HTTP (a webhook receiver, an integrator's page).</summary>
internal sealed class LoopbackHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private bool allowed;

    private LoopbackHost(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>http://127.0.0.1:port/ of the running host.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts Kestrel, lets <paramref name="map"/> add the routes, and returns once it listens.</summary>
    /// <param name="map">Adds the routes.</param>
    /// <param name="allowed">Whether Millwright hosts started afterwards may call it (<see cref="AllowedTestEndpoints"/>); false for a party that stands for an internal service.</param>
    public static async Task<LoopbackHost> StartAsync(Action<WebApplication> map, bool allowed = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new LoopbackHost(app, new Uri(address.TrimEnd('/') + "/")) { allowed = allowed };
        if (allowed)
        {
            AllowedTestEndpoints.Allow(host.BaseAddress);
        }

        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (allowed)
        {
            AllowedTestEndpoints.Forget(BaseAddress);
        }

        await app.StopAsync();
        await app.DisposeAsync();
    }
}
