using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Millwright.Server.Hosting;

/// <summary>
/// The base of every link Millwright returns or prints (Connect URLs, magic links): <c>Millwright:PublicUrl</c>
/// when the operator set it (required behind a reverse proxy), otherwise the address the server listens on
/// (a wildcard host becomes <c>localhost</c>). Never the request's <c>Host</c> header: a caller could set it to
/// anything and have Millwright hand out links to a look-alike site.
/// </summary>
internal sealed class PublicUrl(MillwrightOptions options, IServer server)
{
    public string Base => options.PublicUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : Listener();

    private string Listener()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (address is null)
        {
            return "http://localhost";
        }

        var binding = BindingAddress.Parse(address);
        var host = binding.Host is "0.0.0.0" or "[::]" or "*" or "+" ? "localhost" : binding.Host;
        return $"{binding.Scheme}://{host}:{binding.Port}{binding.PathBase}".TrimEnd('/');
    }

    /// <summary>True for an absolute http(s) URL without query or fragment (or none at all).</summary>
    public static bool IsValid(string? url) => string.IsNullOrWhiteSpace(url)
        || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0);
}
