using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client.Webhooks;
using Millwright.Tests.Server.Webhooks;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Hosting;

public sealed partial class TelemetryTests
{
    [Fact]
    public async Task Metrics_WebhookRetriedDeliveredAndFailed_CountedByOutcomeWithLagFromEvent()
    {
        await using var flaky = await WebhookReceiver.StartAsync();
        flaky.Respond = n => (n == 0 ? 500 : 200, null);
        await using var broken = await WebhookReceiver.StartAsync();
        broken.Respond = _ => (500, null);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        // First retry after 30–33 s, no retry later than 60 s after the event: a second failure is final.
        using var host = new MillwrightHost(WebhookTestKit.Fast(new Dictionary<string, string?> { ["Millwright:Webhooks:RetryWindow"] = "00:01:00" }), time: time);
        var account = await host.CreateAccountAsync();
        var client = WebhookTestKit.Client(host, account.TestSecretKey);
        await WebhookTestKit.SubscribeAsync(client, flaky);
        await WebhookTestKit.SubscribeAsync(client, broken);
        using var anonymous = host.Http();
        var before = await anonymous.GetStringAsync("/metrics");

        var eventId = Assert.Single(await WebhookTestKit.RaiseAsync(host, account, WebhookEventTypes.SyncCompleted));
        var ids = await WebhookTestKit.WithDbAsync(host, db => db.WebhookDeliveries.AsNoTracking().Where(d => d.EventId == eventId).Select(d => d.Id).ToListAsync());
        Assert.Equal(2, ids.Count);
        var first = await Task.WhenAll(ids.Select(id => WebhookTestKit.WaitForDeliveryAsync(client, id, d => d.Attempts.Count == 1)));
        time.SetUtcNow(first.Max(d => d.NextAttemptAt!.Value));
        var final = await Task.WhenAll(ids.Select(id => WebhookTestKit.WaitForDeliveryAsync(client, id, d => d.Status != WebhookDeliveryStatus.Pending)));
        Assert.Equal([WebhookDeliveryStatus.Failed, WebhookDeliveryStatus.Succeeded], final.Select(d => d.Status).OrderBy(s => s.ToString()));

        // The dispatcher counts an attempt before it stores it: a final delivery's attempts are in the next scrape.
        var after = await anonymous.GetStringAsync("/metrics");
        double Delta(string name, params string[] labels) => Sum(after, name, labels) - Sum(before, name, labels);
        Assert.True(Delta("millwright_webhook_deliveries_total", "outcome=\"retry_scheduled\"") >= 2, after);
        Assert.True(Delta("millwright_webhook_deliveries_total", "outcome=\"succeeded\"") >= 1);
        Assert.True(Delta("millwright_webhook_deliveries_total", "outcome=\"failed\"") >= 1);
        Assert.True(Delta("millwright_webhook_attempt_delay_seconds_count", "outcome=\"failed\"") >= 1);
        // Lag runs from the event to the successful attempt, so it holds the 30 s retry delay of the fake clock.
        Assert.True(Delta("millwright_webhook_delivery_lag_seconds_count") >= 1);
        Assert.True(Delta("millwright_webhook_delivery_lag_seconds_sum") >= 30);
        Assert.True(Delta("millwright_webhook_delivery_lag_seconds_bucket", "le=\"60\"") >= 1);
        Assert.DoesNotContain(eventId, after);
        Assert.DoesNotContain(flaky.Url.Authority, after);
    }
}
