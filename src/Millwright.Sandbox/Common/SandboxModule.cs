using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Millwright.Sandbox.Common;

/// <summary>
/// What every sandbox module shares: the mount path under <c>/sandbox/</c>, settings passed in or bound
/// from the host's configuration, and the clock passed in, else the host's, else the system clock.
/// A vendor supplies its path segment, section and demo connection, and maps its routes in <see cref="MapRoutes"/>.
/// </summary>
public abstract class SandboxModule<TSandbox, TSettings> : ISandboxModule
    where TSandbox : ISandbox
    where TSettings : class, ISandboxSettings, new()
{
    /// <summary>The last segment of <see cref="Prefix"/>, e.g. <c>maintainx</c>.</summary>
    protected abstract string PathSegment { get; }

    public string Prefix => "/sandbox/" + PathSegment;

    public abstract string ConfigurationSection { get; }

    public virtual IReadOnlyDictionary<string, string> DemoConfiguration { get; } = new Dictionary<string, string>();

    public abstract SandboxConnection DemoConnection(Uri mountUrl, string? secret = null);

    /// <summary>Mounts the emulator at <paramref name="prefix"/>; without <paramref name="settings"/>, they are bound from <see cref="ConfigurationSection"/>.</summary>
    public TSandbox Map(IEndpointRouteBuilder app, string prefix, TSettings? settings = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var time = timeProvider ?? app.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        return MapRoutes(app, "/" + prefix.Trim('/'), settings ?? Bound(app), time);
    }

    ISandbox ISandboxModule.Map(IEndpointRouteBuilder app, string prefix, TimeProvider? timeProvider, string? secret)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = Bound(app);
        settings.Secret = secret ?? settings.Secret;
        return Map(app, prefix, settings, timeProvider);
    }

    private TSettings Bound(IEndpointRouteBuilder app)
    {
        var settings = new TSettings();
        app.ServiceProvider.GetService<IConfiguration>()?.GetSection(ConfigurationSection).Bind(settings);
        return settings;
    }

    /// <summary>Creates the instance and maps its API, its fault knobs and its answer to unknown paths under <paramref name="prefix"/>.</summary>
    protected abstract TSandbox MapRoutes(IEndpointRouteBuilder app, string prefix, TSettings settings, TimeProvider time);
}
