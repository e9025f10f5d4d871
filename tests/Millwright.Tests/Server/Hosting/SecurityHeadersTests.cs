using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Hosting;

/// <summary>Every response says <c>nosniff</c>; only the embeddable Connect page may be framed.</summary>
public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/v1/systems", true)]
    [InlineData("/v1/no-such-route", true)]
    [InlineData("/v1/systems", false)]
    [InlineData("/status", false)]
    [InlineData("/status.json", false)]
    [InlineData("/docs", false)]
    [InlineData("/openapi/v1.json", false)]
    [InlineData("/dashboard", false)]
    [InlineData("/dashboard/sign-in", false)]
    [InlineData("/healthz", false)]
    [InlineData("/connect.js", false)]
    public async Task AnyRoute_Response_IsNosniffAndNotFramable(string path, bool signedIn)
    {
        using var host = new MillwrightHost();
        var account = await host.CreateAccountAsync();
        using var http = signedIn ? host.Http(account.TestSecretKey) : host.Http();

        using var response = await http.GetAsync(path);

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
