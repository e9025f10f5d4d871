using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// One running SAP S/4HANA emulator: settings, seeded data, CSRF sessions, per-user rate limiter and
/// fault knobs. Created by <see cref="SapSandboxExtensions.MapSapSandbox"/>; tests keep the instance to
/// turn the knobs from C#.
/// </summary>
public sealed class SapSandbox
{
    private readonly Lazy<SapSandboxData> data;

    internal SapSandbox(SapSandboxSettings settings, TimeProvider time)
    {
        settings.Validate();
        Settings = settings;
        Time = time;
        RateLimiter = new SandboxRateLimiter(settings.RequestsPerMinute, TimeSpan.FromSeconds(60), time);
        data = new(() => SapSandboxSeed.Build(settings, time.GetUtcNow()));
    }

    public SapSandboxSettings Settings { get; }

    /// <summary>Error rate, latency, forced statuses and revoked users (<see cref="SandboxFaults.RevokeKey"/> takes a user name).</summary>
    public SandboxFaults Faults { get; } = new();

    internal SandboxRateLimiter RateLimiter { get; }

    internal TimeProvider Time { get; }

    internal SapSandboxData Data => data.Value;

    /// <summary>CSRF sessions: session cookie value → the user and token it was issued for.</summary>
    internal ConcurrentDictionary<string, (string User, string Token)> Sessions { get; } = new(StringComparer.Ordinal);

    public void ResetRateLimits() => RateLimiter.Reset();

    /// <summary>Now, to the second, as SAP stamps <c>LastChangeDateTime</c>.</summary>
    internal DateTimeOffset Now()
    {
        var now = Time.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}

public static class SapSandboxExtensions
{
    /// <summary>Configuration section read when no settings are passed, e.g. <c>Millwright:Sandbox:Sap:MaxPageSize</c>.</summary>
    public const string ConfigurationSection = "Millwright:Sandbox:Sap";

    /// <summary>
    /// Mounts an SAP S/4HANA emulator: the OData V2 services under
    /// <c>{prefix}/sap/opu/odata/sap/&lt;SERVICE&gt;/</c> (as on an on-premise or private-cloud host),
    /// fault knobs under <c>{prefix}/_sandbox/faults</c>. Without <paramref name="settings"/>, they are
    /// bound from <see cref="ConfigurationSection"/> of the host's configuration.
    /// </summary>
    public static SapSandbox MapSapSandbox(this IEndpointRouteBuilder app, string prefix,
        SapSandboxSettings? settings = null, TimeProvider? timeProvider = null)
    {
        var mount = SandboxMount<SapSandboxSettings>.Resolve(app, prefix, ConfigurationSection, settings, timeProvider);
        prefix = mount.Prefix;
        var sandbox = new SapSandbox(mount.Settings, mount.Time);
        var root = prefix + "/sap/opu/odata/sap/{service}";
        app.Map(root, http => SapSandboxApi.HandleAsync(http, sandbox, prefix)).ExcludeFromDescription();
        app.Map(root + "/{**path}", http => SapSandboxApi.HandleAsync(http, sandbox, prefix)).ExcludeFromDescription();
        app.MapSandboxFaults(prefix, sandbox.Faults, sandbox.ResetRateLimits);
        return sandbox;
    }
}
