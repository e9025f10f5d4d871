using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Millwright.Sandbox.Common;

/// <summary>What every <c>Map&lt;Vendor&gt;Sandbox</c> resolves before it maps its routes.</summary>
/// <param name="Prefix">The mount path, with one leading slash and no trailing one.</param>
/// <param name="Settings">The settings passed in, or else those bound from the host's configuration section.</param>
/// <param name="Time">The clock passed in, else the host's <see cref="TimeProvider"/>, else the system clock.</param>
internal sealed record SandboxMount<TSettings>(string Prefix, TSettings Settings, TimeProvider Time)
    where TSettings : class, new()
{
    public static SandboxMount<TSettings> Resolve(
        IEndpointRouteBuilder app, string prefix, string configurationSection, TSettings? settings, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(app);
        var time = timeProvider ?? app.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        if (settings is null)
        {
            settings = new TSettings();
            app.ServiceProvider.GetService<IConfiguration>()?.GetSection(configurationSection).Bind(settings);
        }

        return new SandboxMount<TSettings>("/" + prefix.Trim('/'), settings, time);
    }
}
