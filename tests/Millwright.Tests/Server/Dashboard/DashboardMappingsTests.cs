using Microsoft.Playwright;
using Millwright.Tests.Server.Connect;
using Millwright.Tests.Server.Mappings;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Dashboard;

/// <summary>The field mappings page in headless Chromium over a connection synced from the MaintainX sandbox.</summary>
public sealed class DashboardMappingsTests(MappingsFixture fixture, HeadlessChromium chromium) : IClassFixture<MappingsFixture>, IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task MappingsPage_ChangeIsPreviewedThenSavedAndShowsUp()
    {
        var connectionId = await fixture.SyncedConnectionAsync();
        var page = await chromium.NewPageAsync(fixture.Host.BaseAddress);
        await ConnectEndToEndTests.SignInAsync(page, fixture.Account.TestSecretKey);
        await page.GotoAsync($"/dashboard/connections/{connectionId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Field mappings" }).ClickAsync();

        var workOrders = page.Locator("[data-entity='work-orders']");
        await Assertions.Expect(workOrders.Locator("tr[data-target='title']")).ToContainTextAsync("default");
        await Assertions.Expect(page.Locator("#no-history")).ToBeVisibleAsync();

        await page.GetByLabel("Entity").SelectOptionAsync("work-orders");
        await page.GetByLabel("Field").FillAsync("title");
        await page.GetByLabel("Expression (empty resets to the default)").FillAsync("title | upper");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = page.Locator("#mapping-preview tbody tr");
        await Assertions.Expect(preview.First).ToContainTextAsync("title");
        Assert.True(await preview.CountAsync() > 0);
        Assert.Equal(0, (await fixture.Client.GetFieldMappingsAsync(connectionId)).Version);
        await Screenshots.SaveAsync(page, "dashboard-mappings");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save mapping" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Mapping saved");
        await Assertions.Expect(page.Locator("#mapping-history tr[data-version='1']")).ToContainTextAsync("work-orders.title = title | upper");
        var title = page.Locator("[data-entity='work-orders'] tr[data-target='title']");
        await Assertions.Expect(title).ToContainTextAsync("connection");
        await Assertions.Expect(title).ToContainTextAsync("title | upper");
        Assert.Equal(1, (await fixture.Client.GetFieldMappingsAsync(connectionId)).Version);
        var stored = await fixture.WorkOrdersAsync(connectionId);
        Assert.All(stored, w => Assert.Equal(w["title"]!.GetValue<string>().ToUpperInvariant(), w["title"]!.GetValue<string>()));
        await page.Context.CloseAsync();
    }
}
