using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Client;
using Millwright.Client.Connect;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Security;

/// <summary>Issue 20, item 8: links never follow the request's Host, per-account caps, the Connect page's framing exemption.</summary>
public sealed class HardeningTests
{
    private static readonly MillwrightClientOptions NoRetries = new() { MaxAttempts = 1 };

    private static CreateLinkSessionRequest Link(string? redirect = null) => new() { EndUser = new EndUser("cust_1"), RedirectUrl = redirect };

    [Fact]
    public async Task LinkSessionsAndMagicLinks_ForgedHostHeader_UseTheListenerOrConfiguredPublicUrl()
    {
        using var plain = new MillwrightHost();
        using var configured = new MillwrightHost(new Dictionary<string, string?> { ["Millwright:PublicUrl"] = "https://millwright.example.com/" });

        foreach (var (host, expected) in new[] { (plain, plain.BaseAddress.ToString()), (configured, "https://millwright.example.com/") })
        {
            var account = await host.CreateAccountAsync();
            foreach (var path in new[] { "/v1/link-sessions", "/v1/magic-links" })
            {
                using var http = host.Http(account.TestSecretKey);
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
                {
                    Content = JsonContent.Create(new { end_user = new { id = "cust_1" } }),
                };
                request.Headers.Host = "evil.example";

                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadFromJsonAsync<JsonObject>();

                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                Assert.StartsWith(expected + "connect/", (string)body!["url"]!, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task CreateConnectionAndLinkSession_OverTheAccountCaps_Return409LimitReached_PerAccountAndEnvironment()
    {
        using var host = new MillwrightHost(new Dictionary<string, string?>
        {
            ["Millwright:Limits:MaxConnectionsPerAccount"] = "1",
            ["Millwright:Limits:MaxOpenLinkSessionsPerAccount"] = "2",
        });
        var account = await host.CreateAccountAsync();
        var client = new MillwrightClient(host.Http(), account.TestSecretKey, NoRetries);
        var connection = new CreateConnectionRequest
        {
            System = "maintainx",
            Settings = new Dictionary<string, string> { ["base_url"] = new Uri(host.BaseAddress, "sandbox/maintainx/v1").ToString() },
            Credentials = new Dictionary<string, string> { ["api_key"] = MaintainXSandboxSettings.DemoApiKey },
        };

        await client.CreateConnectionAsync(connection);
        var connections = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateConnectionAsync(connection));
        await client.CreateLinkSessionAsync(Link());
        await client.CreateMagicLinkAsync(Link());
        var links = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateLinkSessionAsync(Link()));
        var other = await host.CreateAccountAsync();
        await new MillwrightClient(host.Http(), other.TestSecretKey, NoRetries).CreateLinkSessionAsync(Link());

        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.LimitReached), (connections.Status, connections.Code));
        Assert.Equal("connections", Assert.Single(connections.Error!.Details!).Field);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.LimitReached), (links.Status, links.Code));
        Assert.Equal("link_sessions", Assert.Single(links.Error!.Details!).Field);
        Assert.Single((await client.ListConnectionsAsync()).Data);
    }

    [Fact]
    public async Task ConnectPage_MayBeFramedByTheIntegratorOnly_OtherPagesNever()
    {
        using var host = new MillwrightHost();
        var account = await host.CreateAccountAsync();
        var link = await new MillwrightClient(host.Http(), account.TestSecretKey).CreateLinkSessionAsync(Link("https://integrator.example/done"));
        using var http = host.Http();

        using var page = await http.GetAsync(new Uri(link.Url));
        using var dashboard = await http.GetAsync(new Uri("/dashboard/sign-in", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("X-Frame-Options"));
        var policy = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'self' https://integrator.example", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(dashboard.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(dashboard.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
