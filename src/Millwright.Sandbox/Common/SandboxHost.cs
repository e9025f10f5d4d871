using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Millwright.Sandbox.Common;

/// <summary>
/// One sandbox on its own Kestrel host (127.0.0.1, free port), mounted at its module's prefix as in the
/// Millwright server: for connector tests and tools that need an emulator over real loopback HTTP.
/// </summary>
public sealed class SandboxHost<TSandbox> : IAsyncDisposable
    where TSandbox : ISandbox
{
    private readonly WebApplication app;

    internal SandboxHost(WebApplication app, Uri baseAddress, ISandboxModule module, TSandbox sandbox)
    {
        this.app = app;
        BaseAddress = baseAddress;
        Module = module;
        Sandbox = sandbox;
        MountUrl = new Uri(baseAddress, module.Prefix.TrimStart('/') + "/");
        AdminBaseUrl = new Uri(MountUrl, "_sandbox/");
    }

    /// <summary>http://127.0.0.1:port/ of the running host.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Where the module is mounted, ending in <c>/</c>, e.g. <c>http://127.0.0.1:port/sandbox/maintainx/</c>.</summary>
    public Uri MountUrl { get; }

    /// <summary>Base of the admin endpoints (<c>faults</c>).</summary>
    public Uri AdminBaseUrl { get; }

    public ISandboxModule Module { get; }

    public TSandbox Sandbox { get; }

    public IServiceProvider Services => app.Services;

    /// <summary>The settings and credentials of a connection to this host as the demo user.</summary>
    public SandboxConnection DemoConnection => Module.DemoConnection(MountUrl);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Starts a <see cref="SandboxHost{TSandbox}"/> for any module.</summary>
public static class SandboxHost
{
    /// <summary>Starts Kestrel with the module's routes and settings (or its defaults), and returns once it listens.</summary>
    public static Task<SandboxHost<TSandbox>> StartAsync<TSandbox, TSettings>(SandboxModule<TSandbox, TSettings> module,
        TSettings? settings = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
        where TSandbox : ISandbox
        where TSettings : class, ISandboxSettings, new()
    {
        ArgumentNullException.ThrowIfNull(module);
        return StartAsync(module, app => module.Map(app, module.Prefix, settings ?? new TSettings(), timeProvider), timeProvider, cancellationToken);
    }

    /// <summary>
    /// The same for a module known only by its interface (tests over every module): settings are bound from
    /// <paramref name="configuration"/> (keys relative to the module's section), else the defaults.
    /// </summary>
    public static Task<SandboxHost<ISandbox>> StartAsync(ISandboxModule module, IReadOnlyDictionary<string, string?>? configuration = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        var settings = (configuration ?? new Dictionary<string, string?>())
            .ToDictionary(kv => $"{module.ConfigurationSection}:{kv.Key}", kv => kv.Value);
        return StartAsync(module, app => module.Map(app, module.Prefix, timeProvider), timeProvider, cancellationToken, settings);
    }

    private static async Task<SandboxHost<TSandbox>> StartAsync<TSandbox>(ISandboxModule module, Func<WebApplication, TSandbox> map,
        TimeProvider? timeProvider, CancellationToken cancellationToken, IEnumerable<KeyValuePair<string, string?>>? configuration = null)
        where TSandbox : ISandbox
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(configuration ?? []);
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(timeProvider ?? TimeProvider.System);
        var app = builder.Build();
        var sandbox = map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SandboxHost<TSandbox>(app, new Uri(address.TrimEnd('/') + "/"), module, sandbox);
    }
}
