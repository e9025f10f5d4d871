using Millwright.Connectors.Http;

namespace Millwright.Tests.Support;

/// <summary>
/// For connector tests without a Millwright server: sandboxes run on their own loopback hosts, mounted at
/// <c>/sandbox/&lt;vendor&gt;/</c> as in the server, so "a loopback URL under a sandbox prefix" stands in for the
/// server's same-listener rule (<c>OwnSandboxMounts</c>). Other loopback URLs stay refused; the placeholder
/// endpoints of <see cref="AllowedTestEndpoints"/> are allowed the operator's way.
/// </summary>
internal sealed class TestSandboxMounts : ISandboxMounts
{
    public bool Contains(Uri uri, string? accountId) =>
        uri.IsLoopback && uri.AbsolutePath.StartsWith("/sandbox/", StringComparison.OrdinalIgnoreCase);

    public static void Configure(UpstreamHttpOptions options) => options.AllowedAddresses.AddRange(AllowedTestEndpoints.Placeholders);
}
