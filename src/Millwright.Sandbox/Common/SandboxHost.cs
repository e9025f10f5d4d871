using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Millwright.Sandbox.Common;

/// <summary>
/// A standalone Kestrel host on 127.0.0.1 with a free port, for tests and tools that need a vendor
/// sandbox over real loopback HTTP without the Millwright server around it.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private SandboxHost(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>http://127.0.0.1:port/ of the running host.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>Starts Kestrel, lets <paramref name="map"/> add the sandbox routes, and returns once it listens.</summary>
    public static async Task<SandboxHost> StartAsync(Action<WebApplication> map, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(timeProvider ?? TimeProvider.System);
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxHost(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
