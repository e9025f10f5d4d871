using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Millwright.Sandbox.Common;

namespace Millwright.Sandbox.Fiix;

/// <summary>
/// The Fiix CMMS tenant emulator as a module, mounted at <c>/sandbox/fiix</c> (the tenant URL): the signed
/// command API at <c>{prefix}/api/</c> (POST) and fault knobs at <c>{prefix}/_sandbox/faults</c> (README.md).
/// </summary>
public sealed class FiixSandboxModule : SandboxModule<FiixSandbox, FiixSandboxSettings>
{
    protected override string PathSegment => "fiix";

    /// <summary>e.g. <c>Millwright:Sandbox:Fiix:WorkOrderCount</c>.</summary>
    public override string ConfigurationSection => "Millwright:Sandbox:Fiix";

    /// <summary>The tenant URL as a customer types it, with the demo API application's three keys.</summary>
    public override SandboxConnection DemoConnection(Uri mountUrl, string? secret = null) => new(
        new Dictionary<string, string> { ["tenant_url"] = mountUrl.ToString().TrimEnd('/') },
        new Dictionary<string, string>
        {
            ["app_key"] = FiixSandboxSettings.DemoAppKey,
            ["access_key"] = FiixSandboxSettings.DemoAccessKey,
            ["secret_key"] = secret ?? FiixSandboxSettings.DemoSecretKey,
        });

    protected override FiixSandbox MapRoutes(IEndpointRouteBuilder app, string prefix, FiixSandboxSettings settings, TimeProvider time)
    {
        var sandbox = new FiixSandbox(settings, time);
        var endpoint = new FiixSandboxEndpoint(sandbox);
        // Routing matches "/api" and "/api/" alike; the SDKs post to ".../api/?…".
        app.MapPost(prefix + "/api/", (Delegate)endpoint.HandleAsync).ExcludeFromDescription();
        app.MapSandboxFaults(prefix, sandbox.Faults, sandbox.Reset);
        return sandbox;
    }
}
