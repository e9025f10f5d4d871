using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Millwright.Client.Errors;
using Millwright.Client.Sandboxes;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Hosting.Modules;

namespace Millwright.Server.Features.Sandboxes;

/// <summary><c>GET /v1/sandbox</c>: the calling account's own sandbox tenant (ADR 0026).</summary>
internal static class SandboxEndpoints
{
    public static IEndpointRouteBuilder MapSandboxEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/sandbox", GetSandbox)
            .WithTags("Sandbox")
            .RequireSecretKey()
            .WithName("GetSandbox")
            .WithSummary("The account's own sandboxes")
            .WithDescription("""
                The account's own sandbox tenant: one emulator per system under `/sandbox/<tenant>/<system>/` with its own
                data, fault knobs and credentials, which no other account can see or reach. Each system entry carries a
                ready `POST /v1/connections` body (`connection`) for a test connection to it, and the `faults_url` of its
                knobs, which need `Authorization: Bearer <control_key>`. A tenant's data lives in this server's memory and
                starts again from its seed data after a restart. Test secret key only: 403 `FORBIDDEN` for a live key;
                404 `NOT_FOUND` when the operator turned the sandboxes off.
                """)
            .ProducesErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        return app;
    }

    private static Ok<AccountSandbox> GetSandbox(
        HttpContext http,
        [FromServices] MillwrightOptions options,
        [FromServices] SandboxTenants tenants,
        [FromServices] PublicUrl publicUrl,
        [FromServices] IServer server)
    {
        if (!options.SandboxEnabled)
        {
            throw new ApiException(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "The sandboxes are turned off on this installation (Millwright:SandboxEnabled).");
        }

        var caller = http.GetCaller();
        if (caller.Environment != AccountEnvironments.Test)
        {
            throw new ApiException(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "The sandboxes serve test connections only: call with a test secret key (mw_test_sk_…).");
        }

        var tenant = tenants.TenantOf(caller.AccountId);

        // People follow the public URL; the connection's base URL is what this server dials to reach itself.
        var shown = new Uri(publicUrl.Base + "/");
        var self = OwnListener.Url(server);
        return TypedResults.Ok(new AccountSandbox
        {
            Tenant = tenant,
            ControlKey = tenants.ControlKeyOf(tenant),
            Systems = [.. VendorModules.All.Select(module =>
            {
                var mount = SandboxTenants.MountUrl(shown, tenant, module);
                return new SandboxSystem
                {
                    System = module.SystemId,
                    Name = module.Name,
                    MountUrl = mount.ToString(),
                    FaultsUrl = new Uri(mount, "_sandbox/faults").ToString(),
                    Connection = module.ConnectionRequest(SandboxTenants.MountUrl(self, tenant, module), tenants.SecretOf(tenant, module.SystemId)),
                };
            })],
        });
    }
}
