using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Millwright.Server.Hosting;

/// <summary>
/// The address this process dials to reach itself (the demo's API calls, test connections to its own sandbox
/// mounts): its first listening address, a wildcard host becoming 127.0.0.1. Links for people follow
/// <see cref="PublicUrl"/> instead.
/// </summary>
internal static class OwnListener
{
    /// <summary>e.g. <c>http://127.0.0.1:5080/</c>, ending in <c>/</c>.</summary>
    public static Uri Url(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        address = address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal);
        return new Uri(address.TrimEnd('/') + "/");
    }
}
