using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Millwright.Client;
using Millwright.Client.Connect;
using Millwright.Client.Errors;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Connect;

/// <summary>
/// The whole story in a real browser: a maintenance manager connects the MaintainX sandbox through the
/// Connect page (a wrong key first), the integrator exchanges the redirect code for a working token, sees
/// the connection in the dashboard, revokes the token there, and signs out.
/// </summary>
public sealed partial class ConnectEndToEndTests(SandboxServer sandbox, HeadlessChromium chromium)
    : IClassFixture<SandboxServer>, IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task ConnectPage_WrongKeyThenDemoKey_CodeExchangeGivesWorkingTokenAndDashboardRevokesIt()
    {
        var host = sandbox.Server;
        using var http = host.Http();
        var account = await host.CreateAccountAsync();
        var keyClient = new MillwrightClient(http, account.TestSecretKey);
        var link = await keyClient.CreateLinkSessionAsync(new CreateLinkSessionRequest
        {
            EndUser = new EndUser("cust_42", "Plant Nord", "maintenance@plant-nord.example"),
            // The integrator's callback: any page will do (here one that answers 404), the test reads the code from the URL.
            RedirectUrl = new Uri(host.BaseAddress, "integrator/callback").ToString(),
            Metadata = new Dictionary<string, string> { ["customer_id"] = "cust_42" },
        });

        var page = await chromium.NewPageAsync(host.BaseAddress);

        await page.GotoAsync(link.Url);
        if (await page.Locator("#system-list").CountAsync() > 0)
        {
            await Screenshots.SaveAsync(page, "connect-systems");
            await page.GetByLabel("Search systems").FillAsync("maint");
            await page.Locator("#system-list a", new() { HasText = "MaintainX" }).ClickAsync();
        }

        await page.GetByLabel("API base URL").FillAsync(sandbox.MaintainXBaseUrl);
        await page.GetByLabel("API key").FillAsync(MaintainXSandboxSettings.RevokedApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();

        var error = page.Locator("#connect-error");
        await Assertions.Expect(error).ToHaveAttributeAsync("data-kind", "wrong_key");
        await Assertions.Expect(error).ToContainTextAsync("MaintainX did not accept these credentials");
        await Assertions.Expect(page.GetByLabel("API base URL")).ToHaveValueAsync(sandbox.MaintainXBaseUrl);
        await Assertions.Expect(page.GetByLabel("API key")).ToHaveValueAsync("");
        await Screenshots.SaveAsync(page, "connect-wrong-key");
        Assert.Empty((await keyClient.ListConnectionsAsync()).Data);

        await page.GetByLabel("API key").FillAsync(MaintainXSandboxSettings.DemoApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Assertions.Expect(page.Locator("#sync-progress")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "connect-progress");
        // The page follows the first sync and continues to the integrator by itself when it is done.
        await page.WaitForURLAsync(new Regex("/integrator/callback\\?code="), new() { Timeout = 90_000 });

        var redirect = new Uri(page.Url);
        var query = System.Web.HttpUtility.ParseQueryString(redirect.Query);
        var result = await keyClient.ExchangeLinkCodeAsync(query["code"]!);
        Assert.Equal(query["connection_id"], result.ConnectionId);
        Assert.Equal("cust_42", result.EndUserId);
        var tokenClient = new MillwrightClient(http, result.Token!.Token);
        var connection = await tokenClient.GetCurrentConnectionAsync();
        Assert.Equal(result.ConnectionId, connection.Id);
        Assert.Equal("cust_42", connection.Metadata["customer_id"]);
        var again = await Assert.ThrowsAsync<MillwrightApiException>(() => keyClient.ExchangeLinkCodeAsync(query["code"]!));
        Assert.Equal(ErrorCodes.LinkSessionInvalid, again.Code);

        await SignInAsync(page, account.TestSecretKey);
        var row = page.Locator($"tr[data-connection-id='{result.ConnectionId}']");
        await Assertions.Expect(row).ToContainTextAsync("MaintainX");
        await Assertions.Expect(row).ToContainTextAsync("customer_id=cust_42");
        await Assertions.Expect(page.Locator(".topbar [data-environment='test']")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "dashboard-connections");

        await row.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.Locator("#connection-id")).ToHaveTextAsync(result.ConnectionId);
        await Assertions.Expect(page.Locator("#sync-chart rect.bar").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "dashboard-connection");
        await page.Locator($"tr[data-token-id='{result.Token.Id}']").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Token revoked");
        await Assertions.Expect(page.Locator($"tr[data-token-id='{result.Token.Id}']")).ToHaveCountAsync(0);
        var revoked = await Assert.ThrowsAsync<MillwrightApiException>(() => tokenClient.GetCurrentConnectionAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.Status);
        Assert.Equal(ErrorCodes.InvalidToken, revoked.Code);

        // A form posted with the session cookie but without the page's anti-forgery token is refused.
        var forged = await page.Context.APIRequest.PostAsync("/dashboard/keys", new() { Form = page.Context.APIRequest.CreateFormData().Set("name", "forged") });
        Assert.Equal(400, forged.Status);
        Assert.Contains(ErrorCodes.CsrfTokenInvalid, await forged.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(await keyClient.ListApiKeysAsync(), k => k.Name == "forged");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("You are signed out");
        await page.GotoAsync("/dashboard");
        Assert.EndsWith("/dashboard/sign-in", page.Url);
        await page.Context.CloseAsync();
    }

    internal static async Task SignInAsync(IPage page, string secretKey)
    {
        await page.GotoAsync("/dashboard");
        Assert.EndsWith("/dashboard/sign-in", page.Url);
        await page.GetByLabel("Secret key").FillAsync(secretKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connections" })).ToBeVisibleAsync();
    }
}
