using System.Net;
using System.Text.Json.Nodes;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Support;

namespace Millwright.Tests.Sandbox.MaintainX;

/// <summary>The sandbox as the Millwright server mounts it: vendor behaviour under the prefix, the server's own elsewhere.</summary>
public sealed class MaintainXSandboxMountTests(SharedHost host) : IClassFixture<SharedHost>
{
    private HttpClient Client(string? key = MaintainXSandboxSettings.DemoApiKey)
    {
        var client = host.Server.Http(key);
        client.BaseAddress = new Uri(host.Server.BaseAddress, "sandbox/maintainx/v1/");
        return client;
    }

    [Fact]
    public async Task Server_SandboxEnabled_ServesMaintainXUnderPrefix()
    {
        using var client = Client();
        var page = await client.GetObjectAsync("organizations");
        Assert.Equal(MaintainXSandboxSettings.DemoOrganizationId, (long)page["organizations"]![0]!["id"]!);
    }

    [Theory]
    [InlineData("GET", "nothing-here")]
    [InlineData("PUT", "workorders")]
    [InlineData("GET", "../elsewhere")]
    public async Task Server_UnknownRouteUnderPrefix_Returns404InVendorShape(string method, string path)
    {
        using var client = Client();
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Not Found.", (string?)body["error"]);
    }

    [Fact]
    public async Task Server_MissingKeyUnderPrefix_Returns401InVendorShape()
    {
        using var client = Client(key: null);
        using var response = await client.GetAsync("workorders");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthorized", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task Server_ConfiguredRequestsPerMinute_IsApplied()
    {
        using var server = new MillwrightHost(new Dictionary<string, string?>
        {
            [new MaintainXSandboxModule().ConfigurationSection + ":RequestsPerMinute"] = "2500",
        });
        using var client = server.Http(MaintainXSandboxSettings.DemoApiKey);
        using var response = await client.GetAsync("sandbox/maintainx/v1/organizations");
        Assert.Equal("2500", response.Headers.GetValues("X-Rate-Limit-Limit").Single());
    }
}
