using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// The SAP S/4HANA emulator as a module, mounted at <c>/sandbox/sap</c>: the OData V2 services under
/// <c>{prefix}/sap/opu/odata/sap/&lt;SERVICE&gt;/</c> (as on an on-premise or private-cloud host) and
/// fault knobs under <c>{prefix}/_sandbox/faults</c>.
/// </summary>
public sealed class SapSandboxModule : SandboxModule<SapSandbox, SapSandboxSettings>
{
    protected override string PathSegment => "sap";

    /// <summary>e.g. <c>Millwright:Sandbox:Sap:MaxPageSize</c>.</summary>
    public override string ConfigurationSection => "Millwright:Sandbox:Sap";

    /// <summary>The root of one service under a mount, ending in <c>/</c>.</summary>
    public static Uri ServiceUrl(Uri mountUrl, string service) => service.EndsWith("_0001", StringComparison.Ordinal)
        ? new(mountUrl, $"sap/opu/odata4/sap/{service[..^5].ToLowerInvariant()}/srvd_a2x/sap/{service[4..^5].ToLowerInvariant()}/0001/")
        : new(mountUrl, $"sap/opu/odata/sap/{service}/");

    /// <summary>The host root as a customer types it (no trailing slash), client 100, the communication user.</summary>
    public override SandboxConnection DemoConnection(Uri mountUrl, string? secret = null) => new(
        new Dictionary<string, string> { ["base_url"] = mountUrl.ToString().TrimEnd('/'), ["sap_client"] = SapSandboxSettings.Client },
        new Dictionary<string, string> { ["username"] = SapSandboxSettings.DemoUser, ["password"] = secret ?? SapSandboxSettings.DemoPassword });

    protected override SapSandbox MapRoutes(IEndpointRouteBuilder app, string prefix, SapSandboxSettings settings, TimeProvider time)
    {
        var sandbox = new SapSandbox(settings, time);
        var root = prefix + "/sap/opu/odata/sap/{service}";
        app.Map(root, http => SapSandboxApi.HandleAsync(http, sandbox, prefix)).ExcludeFromDescription();
        app.Map(root + "/{**path}", http => SapSandboxApi.HandleAsync(http, sandbox, prefix)).ExcludeFromDescription();
        var v4 = prefix + "/sap/opu/odata4/sap/{group}/srvd_a2x/sap/{service}/{version}";
        app.Map(v4, http => SapSandboxApi.HandleV4Async(http, sandbox, prefix)).ExcludeFromDescription();
        app.Map(v4 + "/{**path}", http => SapSandboxApi.HandleV4Async(http, sandbox, prefix)).ExcludeFromDescription();
        app.MapSandboxFaults(prefix, sandbox.Faults, sandbox.Reset);
        return sandbox;
    }
}

/// <summary>SAP addresses and clients of a standalone <see cref="SandboxHost{TSandbox}"/>.</summary>
public static class SapSandboxHostExtensions
{
    extension(SandboxHost<SapSandbox> host)
    {
        /// <summary>The emulated host's root, as a customer types it (services are under <c>sap/opu/odata/sap/</c>).</summary>
        public Uri BaseUrl => host.MountUrl;

        /// <summary>The root of one service, ending in <c>/</c>.</summary>
        public Uri ServiceUrl(string service) => SapSandboxModule.ServiceUrl(host.MountUrl, service);

        /// <summary>A client whose base address is the service root, logged on as <paramref name="user"/> when given.</summary>
        public HttpClient CreateClient(string service, string? user = SapSandboxSettings.DemoUser, string password = SapSandboxSettings.DemoPassword,
            HttpMessageHandler? handler = null)
        {
            var client = handler is null ? new HttpClient() : new HttpClient(handler);
            client.BaseAddress = host.ServiceUrl(service);
            if (user is not null)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
            }

            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return client;
        }
    }
}
