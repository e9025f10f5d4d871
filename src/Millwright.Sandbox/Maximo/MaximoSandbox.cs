using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// One running Maximo (MAS Manage) emulator: settings, the seeded tenant, the optional gateway rate
/// limit, stable-paging result sets and fault knobs. Created by <see cref="MaximoSandboxExtensions.MapMaximoSandbox"/>.
/// </summary>
public sealed class MaximoSandbox
{
    private readonly Lazy<MaximoSandboxData> data;

    internal MaximoSandbox(MaximoSandboxSettings settings, TimeProvider time)
    {
        settings.Validate();
        Settings = settings;
        Time = time;
        RateLimiter = settings.RequestsPerMinute > 0 ? new SandboxRateLimiter(settings.RequestsPerMinute, TimeSpan.FromSeconds(60), time) : null;
        StablePages = new MxmStablePages(time, settings.StablePagingLifetime);
        data = new Lazy<MaximoSandboxData>(() => MaximoSandboxSeed.Build(settings, time.GetUtcNow()));
    }

    public MaximoSandboxSettings Settings { get; }

    /// <summary>Error rate, latency, forced statuses and revoked keys of this instance.</summary>
    public SandboxFaults Faults { get; } = new();

    internal SandboxRateLimiter? RateLimiter { get; }

    internal MxmStablePages StablePages { get; }

    internal TimeProvider Time { get; }

    /// <summary>The tenant's data, seeded on first use.</summary>
    internal MaximoSandboxData Data => data.Value;

    /// <summary>Now, to the second as Maximo stores timestamps.</summary>
    internal DateTimeOffset Now() => MxmJson.Seconds(Time.GetUtcNow());

    /// <summary>Starts every key's rate-limit window afresh and forgets cached stable-paging sets.</summary>
    public void Reset()
    {
        RateLimiter?.Reset();
        StablePages.Clear();
    }
}

public static class MaximoSandboxExtensions
{
    /// <summary>Configuration section read when no settings are passed, e.g. <c>Millwright:Sandbox:Maximo:WorkOrderCount</c>.</summary>
    public const string ConfigurationSection = "Millwright:Sandbox:Maximo";

    /// <summary>
    /// Mounts a Maximo emulator under <c>{prefix}/maximo</c>: object structures at <c>oslc/os/&lt;os&gt;</c>
    /// (api key or <c>maxauth</c>) and <c>api/os/&lt;os&gt;</c> (api key, as on MAS), <c>whoami</c> beside
    /// them, fault knobs at <c>{prefix}/_sandbox/faults</c>, and Maximo's error body for any other path.
    /// Without <paramref name="settings"/>, they are bound from <see cref="ConfigurationSection"/>.
    /// </summary>
    public static MaximoSandbox MapMaximoSandbox(this IEndpointRouteBuilder app, string prefix,
        MaximoSandboxSettings? settings = null, TimeProvider? timeProvider = null)
    {
        var mount = SandboxMount<MaximoSandboxSettings>.Resolve(app, prefix, ConfigurationSection, settings, timeProvider);
        prefix = mount.Prefix;
        var sandbox = new MaximoSandbox(mount.Settings, mount.Time);
        var root = prefix + "/maximo";
        foreach (var flavour in new[] { "oslc", "api" })
        {
            var group = app.MapGroup($"{root}/{flavour}").ExcludeFromDescription()
                .AddEndpointFilter(new MaximoSandboxGate(sandbox, root, legacyAuth: flavour == "oslc"));
            MaximoSandboxApi.Map(group, sandbox, root, flavour);
        }

        app.MapSandboxFaults(prefix, sandbox.Faults, sandbox.Reset);
        app.Map(prefix + "/{**path}", (HttpContext http) => MaximoSandboxGate.UnknownPath(http, root)).ExcludeFromDescription();
        return sandbox;
    }
}
