using Microsoft.Playwright;
using Millwright.Client;
using Millwright.Client.Webhooks;
using Millwright.Tests.Server.Connect;
using Millwright.Tests.Server.Webhooks;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Dashboard;

/// <summary>The webhooks page in headless Chromium, delivering to a real receiver on loopback.</summary>
[Collection(WebhookTestKit.Collection)]
public sealed class DashboardWebhooksTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task WebhooksPage_CreateShowsSecretOnceAndTestDeliveryAppearsWithItsAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // A receiver on a loaded machine may take longer than the default 10 s to answer: a timed-out attempt would
        // be retried and show two attempts (issue 17). Still well below the dispatcher's lease (60 s).
        using var host = new MillwrightHost(WebhookTestKit.Fast(new Dictionary<string, string?> { ["Millwright:Webhooks:Timeout"] = "00:00:40" }));
        var account = await host.CreateAccountAsync();
        var client = new MillwrightClient(host.Http(), account.TestSecretKey);
        var page = await chromium.NewPageAsync(host.BaseAddress);
        await ConnectEndToEndTests.SignInAsync(page, account.TestSecretKey);

        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await Assertions.Expect(page.Locator("#no-endpoints")).ToBeVisibleAsync();
        await page.GetByLabel("Receiver URL").FillAsync(receiver.Url.ToString());
        await page.GetByLabel("Description").FillAsync("ops backend");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
        var secret = (await page.Locator("#secret").TextContentAsync())!.Trim();
        Assert.StartsWith("whsec_", secret);
        receiver.Secrets = [secret];
        var endpoint = Assert.Single((await client.ListWebhookEndpointsAsync()).Data);
        Assert.Equal("ops backend", endpoint.Description);
        Assert.Null(endpoint.Secret);

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to webhooks" }).ClickAsync();
        var row = page.Locator($"tr[data-endpoint-id='{endpoint.Id}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Send test" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Test event queued");
        var got = Assert.Single(await receiver.WaitForAsync(_ => true));
        Assert.True(got.Verified, got.VerificationError);
        var delivery = Assert.Single((await client.ListWebhookDeliveriesAsync()).Data);
        await WebhookTestKit.WaitForDeliveryAsync(client, delivery.Id, d => d.Status == WebhookDeliveryStatus.Succeeded);

        await page.ReloadAsync();
        var deliveryRow = page.Locator($"tr[data-delivery-id='{delivery.Id}']");
        await Assertions.Expect(deliveryRow).ToContainTextAsync(WebhookEventTypes.WebhookEndpointTest);
        await Assertions.Expect(deliveryRow).ToContainTextAsync("succeeded");
        await Assertions.Expect(deliveryRow.Locator(".attempts li")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "dashboard-webhooks");

        await deliveryRow.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("queued for another attempt");
        await receiver.WaitForAsync(_ => true, count: 2);

        await row.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Endpoint disabled");
        Assert.False((await client.GetWebhookEndpointAsync(endpoint.Id)).Enabled);
        await page.Locator($"tr[data-endpoint-id='{endpoint.Id}']").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator("#no-endpoints")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
