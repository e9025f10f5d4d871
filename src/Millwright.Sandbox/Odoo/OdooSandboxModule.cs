using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// The Odoo server emulator as a module, mounted at <c>/sandbox/odoo</c>: <c>{prefix}/jsonrpc</c> (services
/// common, db and object), <c>{prefix}/json/2/&lt;model&gt;/&lt;method&gt;</c> from 19.0, fault knobs at
/// <c>{prefix}/_sandbox/faults</c>, and werkzeug's 404 page for any other path.
/// </summary>
public sealed class OdooSandboxModule : SandboxModule<OdooSandbox, OdooSandboxSettings>
{
    protected override string PathSegment => "odoo";

    /// <summary>e.g. <c>Millwright:Sandbox:Odoo:ServerVersion</c>.</summary>
    public override string ConfigurationSection => "Millwright:Sandbox:Odoo";

    /// <summary>The server address as a customer types it, the database, and the administrator's API key.</summary>
    public override SandboxConnection DemoConnection(Uri mountUrl, string? secret = null) => new(
        new Dictionary<string, string> { ["base_url"] = mountUrl.ToString(), ["database"] = OdooSandboxSettings.DemoDatabase },
        new Dictionary<string, string> { ["login"] = OdooSandboxSettings.DemoLogin, ["api_key"] = secret ?? OdooSandboxSettings.DemoApiKey });

    protected override OdooSandbox MapRoutes(IEndpointRouteBuilder app, string prefix, OdooSandboxSettings settings, TimeProvider time)
    {
        var sandbox = new OdooSandbox(settings, time);
        app.MapPost(prefix + "/jsonrpc", (Func<HttpContext, Task<IResult>>)(http => OdooSandboxRpc.HandleAsync(http, sandbox))).ExcludeFromDescription();
        app.MapPost(prefix + "/json/2/{model}/{method}", (HttpContext http, string model, string method) => OdooSandboxJson2.HandleAsync(http, sandbox, model, method))
            .ExcludeFromDescription();
        app.MapSandboxFaults(prefix, sandbox.Faults, sandbox.Reset);
        app.Map(prefix + "/{**path}", (HttpContext http) => OdooSandboxGate.NotFound(http)).ExcludeFromDescription();
        return sandbox;
    }
}

/// <summary>Odoo addresses and clients of a standalone <see cref="SandboxHost{TSandbox}"/>.</summary>
public static class OdooSandboxHostExtensions
{
    extension(SandboxHost<OdooSandbox> host)
    {
        /// <summary>The server's address, as a customer types it.</summary>
        public Uri BaseUrl => host.MountUrl;

        /// <summary>A client whose base address is <see cref="BaseUrl"/>.</summary>
        public HttpClient CreateClient() => new() { BaseAddress = host.MountUrl };
    }
}
