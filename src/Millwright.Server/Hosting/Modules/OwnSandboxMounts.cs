using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Millwright.Connectors.Http;

namespace Millwright.Server.Hosting.Modules;

/// <summary>
/// The loopback rule's exception for test connections (issue 20, item 3): a loopback URL (<c>localhost</c>, 127/8,
/// <c>::1</c>) on a port this server listens on, under a mounted sandbox's prefix (<c>/sandbox/&lt;vendor&gt;/</c>).
/// Any other port or path on loopback is refused by the upstream guard before a connection is opened.
/// Ports come from the running server's addresses, so they are known only once it listens.
/// </summary>
internal sealed class OwnSandboxMounts(IServer server, MillwrightOptions options) : ISandboxMounts
{
    private readonly string[] prefixes = [.. VendorModules.All.Select(m => m.Sandbox.Prefix.TrimEnd('/') + "/")];

    public bool Contains(Uri uri)
    {
        if (!options.SandboxEnabled || !uri.IsAbsoluteUri || !uri.IsLoopback || uri.UserInfo.Length > 0)
        {
            return false;
        }

        // Dot segments are already removed by Uri; encoded ones could still be decoded by the listener.
        var path = uri.AbsolutePath;
        if (path.Contains('%', StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal)
            || !prefixes.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Any(a => BindingAddress.Parse(a).Port == uri.Port) == true;
    }
}
