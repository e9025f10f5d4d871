using Millwright.Client.Webhooks;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Webhooks;

/// <summary>Several nodes on one store: every delivery is sent once (lease claims), not once per node.</summary>
[Collection(WebhookTestKit.Collection)]
public sealed class WebhookNodesTests
{
    [Fact]
    public async Task Dispatch_TwoNodesOnOneStore_EachDeliverySentExactlyOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = WebhookTestKit.Fast(new Dictionary<string, string?> { ["Millwright:Webhooks:BatchSize"] = "20", ["Millwright:Webhooks:Lanes"] = "3" });
        using var first = new MillwrightHost(settings);
        using var second = new MillwrightHost(settings, first.DataDirectory);
        var account = await first.CreateAccountAsync();
        await WebhookTestKit.SubscribeAsync(WebhookTestKit.Client(first, account.TestSecretKey), receiver);

        var ids = await WebhookTestKit.RaiseAsync(second, account, WebhookEventTypes.ConnectionStatusChanged, 400);
        await receiver.WaitForAsync(_ => true, 400, TimeSpan.FromSeconds(60));
        await Task.Delay(500);

        Assert.Equal(400, receiver.Received.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), receiver.Received.Select(r => r.Id).Order(StringComparer.Ordinal));
        var deliveries = await WebhookTestKit.Client(second, account.TestSecretKey).ListWebhookDeliveriesAsync(limit: 500);
        Assert.All(deliveries.Data, d => Assert.Single(d.Attempts));
    }
}
