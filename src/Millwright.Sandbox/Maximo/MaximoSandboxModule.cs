using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// The Maximo (MAS Manage) emulator as a module, mounted at <c>/sandbox/maximo</c>: object structures at
/// <c>{prefix}/maximo/oslc/os/&lt;os&gt;</c> (api key or <c>maxauth</c>) and <c>{prefix}/maximo/api/os/&lt;os&gt;</c>
/// (api key, as on MAS), <c>whoami</c> beside them, fault knobs at <c>{prefix}/_sandbox/faults</c>, and
/// Maximo's error body for any other path.
/// </summary>
public sealed class MaximoSandboxModule : SandboxModule<MaximoSandbox, MaximoSandboxSettings>
{
    protected override string PathSegment => "maximo";

    /// <summary>e.g. <c>Millwright:Sandbox:Maximo:WorkOrderCount</c>.</summary>
    public override string ConfigurationSection => "Millwright:Sandbox:Maximo";

    /// <summary>The instance's <c>…/maximo/</c> address under a mount (the real one is https://&lt;host&gt;/maximo).</summary>
    public static Uri InstanceUrl(Uri mountUrl) => new(mountUrl, "maximo/");

    /// <summary>The instance address as a customer types it, with the integration user's API key.</summary>
    public override SandboxConnection DemoConnection(Uri mountUrl, string? secret = null) => new(
        new Dictionary<string, string> { ["base_url"] = InstanceUrl(mountUrl).ToString().TrimEnd('/') },
        new Dictionary<string, string> { ["api_key"] = secret ?? MaximoSandboxSettings.DemoApiKey });

    protected override MaximoSandbox MapRoutes(IEndpointRouteBuilder app, string prefix, MaximoSandboxSettings settings, TimeProvider time)
    {
        var sandbox = new MaximoSandbox(settings, time);
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

/// <summary>Maximo addresses and clients of a standalone <see cref="SandboxHost{TSandbox}"/>.</summary>
public static class MaximoSandboxHostExtensions
{
    extension(SandboxHost<MaximoSandbox> host)
    {
        /// <summary>The instance's <c>…/maximo/</c> address, as a customer types it.</summary>
        public Uri BaseUrl => MaximoSandboxModule.InstanceUrl(host.MountUrl);

        /// <summary>A client whose base address is <see cref="BaseUrl"/>, sending <paramref name="apiKey"/> in the <c>apikey</c> header if given.</summary>
        public HttpClient CreateClient(string? apiKey = MaximoSandboxSettings.DemoApiKey)
        {
            var client = new HttpClient { BaseAddress = host.BaseUrl };
            if (apiKey is not null)
            {
                client.DefaultRequestHeaders.Add("apikey", apiKey);
            }

            return client;
        }
    }
}
