using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// The MaintainX emulator as a module, mounted at <c>/sandbox/maintainx</c>: the API under <c>{prefix}/v1</c>
/// (the real one is https://api.getmaintainx.com/v1), fault knobs under <c>{prefix}/_sandbox/faults</c>, the
/// rate limit's counts at <c>{prefix}/_sandbox/requests</c>, and
/// a MaintainX-style 404 for any other path under the prefix.
/// </summary>
public sealed class MaintainXSandboxModule : SandboxModule<MaintainXSandbox, MaintainXSandboxSettings>
{
    protected override string PathSegment => "maintainx";

    /// <summary>e.g. <c>Millwright:Sandbox:MaintainX:RequestsPerMinute</c>.</summary>
    public override string ConfigurationSection => "Millwright:Sandbox:MaintainX";

    /// <summary>
    /// The real MaintainX allows 100 requests a minute, which makes a first sync of the demo plant (~300
    /// calls) take three minutes. The demo's sandbox allows more; the connector follows the limit the
    /// sandbox announces in X-Rate-Limit-Limit.
    /// </summary>
    public override IReadOnlyDictionary<string, string> DemoConfiguration { get; } = new Dictionary<string, string>
    {
        ["RequestsPerMinute"] = "1200",
    };

    /// <summary>The API's base URL under a mount, ending in <c>/v1/</c>.</summary>
    public static Uri ApiBaseUrl(Uri mountUrl) => new(mountUrl, "v1/");

    public override SandboxConnection DemoConnection(Uri mountUrl, string? secret = null) => new(
        new Dictionary<string, string> { ["base_url"] = ApiBaseUrl(mountUrl).ToString().TrimEnd('/') },
        new Dictionary<string, string> { ["api_key"] = secret ?? MaintainXSandboxSettings.DemoApiKey });

    protected override MaintainXSandbox MapRoutes(IEndpointRouteBuilder app, string prefix, MaintainXSandboxSettings settings, TimeProvider time)
    {
        var sandbox = new MaintainXSandbox(settings, time);
        var api = app.MapGroup(prefix + "/v1").ExcludeFromDescription().AddEndpointFilter(new MaintainXSandboxGate(sandbox));
        MaintainXSandboxApi.Map(api, sandbox);
        app.MapSandboxFaults(prefix, sandbox.Faults, sandbox.Reset);
        app.MapSandboxRequestCounts(prefix, sandbox.RateLimiter);
        app.Map(prefix + "/{**path}", MaintainXSandboxGate.UnknownPath).ExcludeFromDescription();
        return sandbox;
    }
}

/// <summary>MaintainX addresses and clients of a standalone <see cref="SandboxHost{TSandbox}"/>.</summary>
public static class MaintainXSandboxHostExtensions
{
    extension(SandboxHost<MaintainXSandbox> host)
    {
        /// <summary>The emulated API's base URL, ending in <c>/v1/</c>.</summary>
        public Uri ApiBaseUrl => MaintainXSandboxModule.ApiBaseUrl(host.MountUrl);

        /// <summary>A client whose base address is <see cref="ApiBaseUrl"/>, sending <paramref name="apiKey"/> as bearer if given.</summary>
        public HttpClient CreateClient(string? apiKey = MaintainXSandboxSettings.DemoApiKey)
        {
            var client = new HttpClient { BaseAddress = host.ApiBaseUrl };
            if (apiKey is not null)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }

            return client;
        }
    }
}
