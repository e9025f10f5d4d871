using System.Net;
using Millwright.Client;
using Millwright.Client.Errors;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Webhooks;

/// <summary>An account has at most <c>MaxEndpointsPerAccount</c> webhook endpoints per environment.</summary>
[Collection(WebhookTestKit.Collection)]
public sealed class WebhookEndpointLimitTests
{
    [Fact]
    public async Task CreateWebhookEndpoint_OverTheCap_Returns409LimitReachedUntilOneIsDeleted()
    {
        using var host = new MillwrightHost(new Dictionary<string, string?>
        {
            ["Millwright:Webhooks:MaxEndpointsPerAccount"] = "2",
            ["Millwright:Webhooks:DispatcherEnabled"] = "false",
        });
        var account = await host.CreateAccountAsync();
        var other = await host.CreateAccountAsync("Other");
        var client = WebhookTestKit.Client(host, account.TestSecretKey);
        var first = await client.CreateWebhookEndpointAsync(new("http://127.0.0.1:9/a"));
        await client.CreateWebhookEndpointAsync(new("http://127.0.0.1:9/b"));

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateWebhookEndpointAsync(new("http://127.0.0.1:9/c")));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Equal(ErrorCodes.LimitReached, error.Code);
        Assert.Equal("webhook_endpoints", Assert.Single(error.Error!.Details!).Field);
        Assert.Equal(2, (await client.ListWebhookEndpointsAsync()).Data.Count);
        // Another account has its own allowance; a deleted endpoint frees a place.
        await WebhookTestKit.Client(host, other.TestSecretKey).CreateWebhookEndpointAsync(new("http://127.0.0.1:9/a"));
        await client.DeleteWebhookEndpointAsync(first.Id);
        await client.CreateWebhookEndpointAsync(new("http://127.0.0.1:9/c"));
    }
}
