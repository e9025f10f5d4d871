using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Client.Models;
using Millwright.Tests.Server.Connect;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Server.RequestLogs;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Dashboard;

/// <summary>The request logs pages in headless Chromium, over a real call to the MaintainX sandbox.</summary>
public sealed class DashboardRequestLogsTests(SandboxServer sandbox, HeadlessChromium chromium) : IClassFixture<SandboxServer>, IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task RequestLogs_SearchByRequestId_ShowsTheCallAndItsUpstreamCalls()
    {
        var host = sandbox.Server;
        var account = await host.CreateAccountAsync();
        using var http = host.Http(account.TestSecretKey);
        using var response = await http.PostAsJsonAsync("/v1/connections", sandbox.MaintainX(), MillwrightJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<ConnectionCreated>(MillwrightJson.Options))!;
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        await RequestLogWait.ForAsync(host, new MillwrightClient(host.Http(), account.TestSecretKey), requestId);

        var page = await chromium.NewPageAsync(host.BaseAddress);
        await ConnectEndToEndTests.SignInAsync(page, account.TestSecretKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Request logs" }).ClickAsync();
        await Assertions.Expect(page.Locator($"tr[data-log-id='{requestId}']")).ToContainTextAsync("POST /v1/connections");

        await page.GetByLabel("Status").SelectOptionAsync("5xx");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page.Locator("#no-logs")).ToBeVisibleAsync();

        await page.GetByLabel("Request id").FillAsync(requestId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await Assertions.Expect(page.Locator("#log-id")).ToHaveTextAsync(requestId);
        var call = page.Locator("#upstream-calls tbody tr");
        await Assertions.Expect(call).ToHaveCountAsync(1);
        await Assertions.Expect(call).ToContainTextAsync("maintainx");
        await Assertions.Expect(call).ToContainTextAsync(sandbox.MaintainXBaseUrl);
        await Assertions.Expect(page.GetByText("Bearer ***")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = created.Connection.Id })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "dashboard-request-log");
        await page.Context.CloseAsync();
    }
}
