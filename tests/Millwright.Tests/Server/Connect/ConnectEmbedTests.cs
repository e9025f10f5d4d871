using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Millwright.Client;
using Millwright.Client.Connect;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Connect;

/// <summary>
/// <c>/connect.js</c> on an integrator's page of another origin (another loopback port than Millwright's):
/// the Connect page opens in a modal iframe, works on a phone-sized screen, and the result reaches the page by postMessage; messages from any other origin are ignored.
/// </summary>
public sealed class ConnectEmbedTests(SandboxServer sandbox, HeadlessChromium chromium)
    : IClassFixture<SandboxServer>, IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task ConnectJs_EmbeddedOnAnotherOrigin_PostsTheCodeToThatPageOnly()
    {
        var host = sandbox.Server;
        var account = await host.CreateAccountAsync();
        var keys = new MillwrightClient(host.Http(), account.TestSecretKey);
        var link = await keys.CreateLinkSessionAsync(new CreateLinkSessionRequest { EndUser = new EndUser("cust_9", "Depot West"), Systems = ["maintainx"] });
        var html = $$"""
            <!DOCTYPE html><html><head><title>Integrator</title><script src="{{host.BaseAddress}}connect.js"></script></head>
            <body><button id="connect">Connect your CMMS</button><p id="result"></p>
            <script>
              window.results = [];
              document.getElementById("connect").onclick = function () {
                MillwrightConnect.open({ url: "{{link.Url}}", onSuccess: function (r) { window.results.push(r); document.getElementById("result").textContent = r.connection_id; } });
              };
            </script></body></html>
            """;
        // The integrator's page on an origin of its own (another loopback port), served for real.
        await using var site = await LoopbackHost.StartAsync(app => app.MapGet("/settings", () => Results.Content(html, "text/html")));
        var integrator = new Uri(site.BaseAddress, "settings").ToString();
        var page = await chromium.NewPageAsync(host.BaseAddress, phone: true);
        await page.GotoAsync(integrator);
        await page.ClickAsync("#connect");
        var frame = page.FrameLocator("#millwright-connect iframe");
        await frame.GetByLabel("API base URL").FillAsync(sandbox.MaintainXBaseUrl);
        await frame.GetByLabel("API key").FillAsync(MaintainXSandboxSettings.DemoApiKey);
        await Screenshots.SaveAsync(page, "connect-embedded-phone");
        // A forged success from the integrator page's own origin must not count.
        Assert.True(await page.EvaluateAsync<bool>("() => { window.postMessage({ type: 'millwright:connect:success', connection_id: 'conn_forged', code: 'mwc_forged' }, '*'); return true; }"));
        await frame.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();

        await Assertions.Expect(page.Locator("#result")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^conn_"), new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#millwright-connect")).ToHaveCountAsync(0);
        var results = System.Text.Json.JsonSerializer.Deserialize<List<Dictionary<string, string>>>(await page.EvaluateAsync<string>("() => JSON.stringify(window.results)"))!;
        var posted = Assert.Single(results);
        var exchanged = await keys.ExchangeLinkCodeAsync(posted["code"]);
        Assert.Equal(posted["connection_id"], exchanged.ConnectionId);
        Assert.Equal(exchanged.ConnectionId, (await new MillwrightClient(host.Http(), exchanged.Token!.Token).GetCurrentConnectionAsync()).Id);
        await page.Context.CloseAsync();
    }
}
