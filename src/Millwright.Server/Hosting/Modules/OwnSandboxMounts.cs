using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Millwright.Connectors.Http;

namespace Millwright.Server.Hosting.Modules;

/// <summary>
/// The loopback rule's exception for test connections (issue 20, items 3 and 4): a loopback URL (<c>localhost</c>,
/// 127/8, <c>::1</c>) on a port this server listens on, under the calling account's own sandbox tenant
/// (<c>/sandbox/&lt;tenant&gt;/&lt;vendor&gt;/</c>), or under a shared mount (<c>/sandbox/&lt;vendor&gt;/</c>) when the
/// operator serves those. Any other port or path on loopback, another account's tenant included, is refused by
/// the upstream guard before a connection is opened. Ports come from the running server's addresses, so they
/// are known only once it listens.
/// </summary>
internal sealed class OwnSandboxMounts(IServer server, MillwrightOptions options, SandboxTenants tenants) : ISandboxMounts
{
    public bool Contains(Uri uri, string? accountId)
    {
        if (!options.SandboxEnabled || !uri.IsAbsoluteUri || !uri.IsLoopback || uri.UserInfo.Length > 0)
        {
            return false;
        }

        // Dot segments are already removed by Uri; encoded ones could still be decoded by the listener.
        var path = uri.AbsolutePath;
        if (path.Contains('%', StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal) || !Mounts(accountId).Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Any(a => BindingAddress.Parse(a).Port == uri.Port) == true;
    }

    private IEnumerable<string> Mounts(string? accountId)
    {
        var tenant = accountId is null ? null : tenants.TenantOf(accountId);
        foreach (var module in VendorModules.All)
        {
            if (tenant is not null)
            {
                yield return $"/sandbox/{tenant}/{module.SandboxSegment}/";
            }

            if (options.SandboxSharedMounts)
            {
                yield return $"/sandbox/{module.SandboxSegment}/";
            }
        }
    }
}
