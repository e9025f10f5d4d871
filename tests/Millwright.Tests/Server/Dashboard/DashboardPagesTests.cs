using Microsoft.Playwright;
using Millwright.Client;
using Millwright.Client.Errors;
using Millwright.Tests.Server.Connect;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Dashboard;

/// <summary>The dashboard's own pages in headless Chromium: keys, Connect links, metadata, sync now, delete, environments.</summary>
public sealed class DashboardPagesTests(SharedHost shared, HeadlessChromium chromium) : IClassFixture<SharedHost>, IClassFixture<HeadlessChromium>
{
    private readonly MillwrightHost host = shared.Server;

    [Fact]
    public async Task KeysPage_CreateShowsKeyOnceAndRevokeStopsIt()
    {
        var account = await host.CreateAccountAsync();
        var page = await chromium.NewPageAsync(host.BaseAddress);
        await ConnectEndToEndTests.SignInAsync(page, account.TestSecretKey);

        await page.GetByRole(AriaRole.Link, new() { Name = "Keys" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("ci runner");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = (await page.Locator("#secret").TextContentAsync())!.Trim();
        Assert.StartsWith("mw_test_sk_", key);
        var created = new MillwrightClient(host.Http(), key);
        var id = Assert.Single(await created.ListApiKeysAsync(), k => k.Name == "ci runner").Id;

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to keys" }).ClickAsync();
        await Screenshots.SaveAsync(page, "dashboard-keys");
        await page.Locator($"tr[data-key-id='{id}']").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Key revoked");
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => created.ListApiKeysAsync());
        Assert.Equal(ErrorCodes.InvalidToken, error.Code);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ConnectionPage_SyncNowMetadataAndDelete()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account) { Metadata = new Dictionary<string, string> { ["customer_id"] = "c1", ["plan"] = "gold" } }.AddAsync();
        var keys = new MillwrightClient(host.Http(), account.TestSecretKey);
        var page = await chromium.NewPageAsync(host.BaseAddress);
        await ConnectEndToEndTests.SignInAsync(page, account.TestSecretKey);
        await page.GotoAsync($"/dashboard/connections/{seeded.Id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sync started");
        Assert.NotEmpty((await keys.ListSyncRunsAsync(seeded.Id)).Data);

        await page.GetByLabel("One key=value per line").FillAsync("customer_id=c1\nregion=emea");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save metadata" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Metadata saved");
        var metadata = (await keys.GetConnectionAsync(seeded.Id)).Metadata;
        Assert.Equal(new Dictionary<string, string> { ["customer_id"] = "c1", ["region"] = "emea" }, metadata);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete connection" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Type the connection id exactly");
        await page.GoBackAsync();
        await page.GetByLabel("Type the connection id to confirm").FillAsync(seeded.Id);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete connection" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connections" })).ToBeVisibleAsync();
        Assert.Empty((await keys.ListConnectionsAsync()).Data);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ConnectLinksPage_CreatesALinkThatOpensTheConnectPage()
    {
        var account = await host.CreateAccountAsync();
        var page = await chromium.NewPageAsync(host.BaseAddress);
        await ConnectEndToEndTests.SignInAsync(page, account.TestSecretKey);

        await page.GetByRole(AriaRole.Link, new() { Name = "Connect links" }).ClickAsync();
        await page.GetByLabel("Customer id").FillAsync("cust_77");
        await page.GetByLabel("Customer name").FillAsync("Harbour Works");
        await Screenshots.SaveAsync(page, "dashboard-connect-links");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var url = (await page.Locator("#secret").TextContentAsync())!.Trim();

        await page.GotoAsync(url);
        await Assertions.Expect(page.GetByText("Connecting for Harbour Works")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connect MaintainX" }).Or(page.GetByRole(AriaRole.Heading, new() { Name = "Connect your maintenance system" }))).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "connect-form");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task EnvironmentSwitch_LiveNeedsALiveKeyAndIsMarkedLive()
    {
        var account = await host.CreateAccountAsync();
        var page = await chromium.NewPageAsync(host.BaseAddress);
        await ConnectEndToEndTests.SignInAsync(page, account.TestSecretKey);

        await page.GetByRole(AriaRole.Button, new() { Name = "Live" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Sign in with a live secret key")).ToBeVisibleAsync();
        await page.GetByLabel("Secret key").FillAsync(account.LiveSecretKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.Locator(".topbar [data-environment='live']")).ToHaveTextAsync("LIVE DATA");
        await Assertions.Expect(page.Locator(".topbar.env-is-live")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Test" }).ClickAsync();
        await Assertions.Expect(page.Locator(".topbar [data-environment='test']")).ToHaveTextAsync("TEST DATA");
        await page.Context.CloseAsync();
    }
}
