using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Hosting;

public sealed partial class ApiDocsTests : IClassFixture<SharedHost>
{
    private readonly SharedHost host;

    public ApiDocsTests(SharedHost host) => this.host = host;

    [Fact]
    public async Task OpenApiDocument_Always_DescribesBearerAuthAndHealth()
    {
        using var http = host.Server.Http();
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var root = doc.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString());
        Assert.Equal("Millwright API", root.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("bearer", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.True(root.GetProperty("paths").TryGetProperty("/readyz", out _));
    }

    [Fact]
    public async Task ReferencePage_Always_ServesHtmlWhoseScriptsAreLocal()
    {
        using var http = host.Server.Http();
        var html = await http.GetStringAsync("/docs");
        Assert.Contains("openapi/v1.json", html);
        // No external assets: every script the page loads is served by Millwright itself.
        foreach (Match script in ScriptSource().Matches(html))
        {
            var src = script.Groups[1].Value;
            Assert.DoesNotContain("://", src);
            var response = await http.GetAsync(new Uri(new Uri(host.Server.BaseAddress, "/docs/"), src));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Readyz_WhenStoreReachable_Returns200()
    {
        using var http = host.Server.Http();
        var response = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
