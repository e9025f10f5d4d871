using Millwright.Client.Webhooks;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Webhooks;

/// <summary>Issue 17, "a node stopped with SIGTERM drains": its webhook batch is finished or handed back, never sent twice.</summary>
[Collection(WebhookTestKit.Collection)]
public sealed class WebhookDrainTests
{
    /// <summary>
    /// One lane sending one attempt at a time claims a batch of five; the first is held at the receiver while the node
    /// stops. That attempt is answered and recorded after the stop began; the four not yet sent are handed back and
    /// sent by a second node on the same store — their lease (ten minutes) outlasts the test, so only the hand-back
    /// lets it. Every event reaches the receiver exactly once.
    /// </summary>
    [Fact]
    public async Task Stop_WithAnAttemptAtTheReceiver_FinishesIt_HandsBackTheRestOfTheBatch_NoEventSentTwice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Hold = release.Task;
        var settings = WebhookTestKit.Fast(new Dictionary<string, string?>
        {
            ["Millwright:Webhooks:BatchSize"] = "5",
            ["Millwright:Webhooks:Lanes"] = "1",
            ["Millwright:Webhooks:Parallelism"] = "1",
            ["Millwright:Webhooks:LeaseDuration"] = "00:10:00",
            // The held attempt must outlast the wait for the stop, however slow the machine.
            ["Millwright:Webhooks:Timeout"] = "00:01:00",
        });
        var logs = new CapturedLogs();
        var stopping = new MillwrightHost(settings, configureServices: logs.AddTo);
        var account = await stopping.CreateAccountAsync();
        await WebhookTestKit.SubscribeAsync(WebhookTestKit.Client(stopping, account.TestSecretKey), receiver);
        var ids = await WebhookTestKit.RaiseAsync(stopping, account, WebhookEventTypes.ConnectionStatusChanged, 5);
        await WaitUntilAsync(() => receiver.Arrived == 1, "the first attempt never reached the receiver");

        using var other = new MillwrightHost(settings, stopping.DataDirectory);
        var stopped = stopping.DisposeAsync().AsTask();
        await WaitUntilAsync(() => logs.Entries.Any(e => e.Contains("Webhook dispatcher stopping", StringComparison.Ordinal)), "the dispatcher never began to stop");
        release.SetResult();
        await stopped.WaitAsync(TimeSpan.FromMinutes(1));

        var client = WebhookTestKit.Client(other, account.TestSecretKey);
        await WaitUntilAsync(async () => (await client.ListWebhookDeliveriesAsync(limit: 10)).Data.All(d => d.Status == WebhookDeliveryStatus.Succeeded),
            "the handed-back deliveries were not sent");
        var deliveries = (await client.ListWebhookDeliveriesAsync(limit: 10)).Data;
        Assert.Equal(5, deliveries.Count);
        Assert.All(deliveries, d => Assert.Single(d.Attempts));
        Assert.Equal(ids.Order(StringComparer.Ordinal), receiver.Received.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(receiver.Received, r => Assert.Equal(200, r.AnsweredWith));
    }

    private static Task WaitUntilAsync(Func<bool> condition, string failure) => WaitUntilAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), failure);
            await Task.Delay(25);
        }
    }
}
