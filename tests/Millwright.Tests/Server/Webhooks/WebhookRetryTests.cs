using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Webhooks;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Webhooks;

/// <summary>The retry schedule, Retry-After, disabling and durability, on a fake clock with a real receiver.</summary>
[Collection(WebhookTestKit.Collection)]
public sealed class WebhookRetryTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    private WebhookReceiver receiver = null!;

    public async Task InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await receiver.DisposeAsync();

    [Fact]
    public void BaseDelay_Attempts_StartsAt30SecondsDoublesAndCapsAtFourHours()
    {
        var options = new WebhookOptions();

        var delays = Enumerable.Range(1, 12).Select(n => RetrySchedule.BaseDelay(n, options).TotalSeconds).ToList();

        Assert.Equal([30, 60, 120, 240, 480, 960, 1920, 3840, 7680, 14400, 14400, 14400], delays);
    }

    [Fact]
    public async Task Delivery_ReceiverKeepsFailing_RetriedOnGrowingScheduleUntil24HoursThenFailed()
    {
        receiver.Respond = _ => (500, null);
        using var host = new MillwrightHost(WebhookTestKit.Fast(), time: time);
        var account = await host.CreateAccountAsync();
        var client = WebhookTestKit.Client(host, account.TestSecretKey);
        var endpoint = await WebhookTestKit.SubscribeAsync(client, receiver);
        var created = time.GetUtcNow();
        var queued = await client.TestWebhookEndpointAsync(endpoint.Id);

        var delivery = await WebhookTestKit.WaitForDeliveryAsync(client, queued.Id, d => d.Attempts.Count == 1);
        while (delivery.NextAttemptAt is { } next)
        {
            time.SetUtcNow(next);
            var count = delivery.Attempts.Count;
            delivery = await WebhookTestKit.WaitForDeliveryAsync(client, queued.Id, d => d.Attempts.Count > count);
        }

        time.Advance(TimeSpan.FromDays(1));
        await Task.Delay(200);
        var final = await client.GetWebhookDeliveryAsync(queued.Id);

        Assert.Equal(WebhookDeliveryStatus.Failed, final.Status);
        var times = final.Attempts.Select(a => a.AttemptedAt).ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.InRange(gaps[0], 30, 33);
        Assert.InRange(gaps[1], 60, 66);
        Assert.InRange(gaps[2], 120, 132);
        Assert.All(gaps.Zip(gaps.Skip(1)), pair => Assert.True(pair.Second >= pair.First * 0.9, $"{pair.First} then {pair.Second}"));
        Assert.All(gaps, g => Assert.True(g <= 4 * 3600 * 1.1, $"gap {g}"));
        Assert.InRange(times[^1] - created, TimeSpan.FromHours(19), TimeSpan.FromHours(24));
        Assert.InRange(final.Attempts.Count, 12, 15);
        Assert.Equal(final.Attempts.Count, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.Equal(queued.EventId, r.Id));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Delivery_RetryAfterOnThrottle_NextAttemptExactlyThatLater(int status)
    {
        receiver.Respond = n => n == 0 ? (status, new Dictionary<string, string> { ["Retry-After"] = "600" }) : (200, null);
        using var host = new MillwrightHost(WebhookTestKit.Fast(), time: time);
        var account = await host.CreateAccountAsync();
        var client = WebhookTestKit.Client(host, account.TestSecretKey);
        var endpoint = await WebhookTestKit.SubscribeAsync(client, receiver);
        var queued = await client.TestWebhookEndpointAsync(endpoint.Id);

        var throttled = await WebhookTestKit.WaitForDeliveryAsync(client, queued.Id, d => d.Attempts.Count == 1);
        time.Advance(TimeSpan.FromSeconds(599));
        await Task.Delay(200);
        var stillWaiting = await client.GetWebhookDeliveryAsync(queued.Id);
        time.Advance(TimeSpan.FromSeconds(1));
        var done = await WebhookTestKit.WaitForDeliveryAsync(client, queued.Id, d => d.Status == WebhookDeliveryStatus.Succeeded);

        Assert.Equal(TimeSpan.FromSeconds(600), throttled.NextAttemptAt - throttled.Attempts[0].AttemptedAt);
        Assert.Single(stillWaiting.Attempts);
        Assert.Equal([status, 200], done.Attempts.Select(a => a.StatusCode));
    }

    [Fact]
    public async Task Endpoint_FailingLongerThanDisableAfter_DisabledWithEventToOtherEndpoints()
    {
        await using var healthy = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => (500, null);
        using var host = new MillwrightHost(WebhookTestKit.Fast(new Dictionary<string, string?> { ["Millwright:Webhooks:DisableAfter"] = "00:00:20" }), time: time);
        var account = await host.CreateAccountAsync();
        var client = WebhookTestKit.Client(host, account.TestSecretKey);
        var failing = await WebhookTestKit.SubscribeAsync(client, receiver);
        var watcher = await WebhookTestKit.SubscribeAsync(client, healthy, [WebhookEventTypes.WebhookEndpointDisabled]);

        var first = await client.TestWebhookEndpointAsync(failing.Id);
        await WebhookTestKit.WaitForDeliveryAsync(client, first.Id, d => d.Attempts.Count == 1);
        time.Advance(TimeSpan.FromSeconds(25)); // past DisableAfter, before the first delivery's retry (30 s)
        var second = await client.TestWebhookEndpointAsync(failing.Id);
        var notice = Assert.Single(await healthy.WaitForAsync(_ => true));
        var disabled = await client.GetWebhookEndpointAsync(failing.Id);
        var leftover = await client.GetWebhookDeliveryAsync(first.Id);

        Assert.False(disabled.Enabled);
        Assert.Equal("failing", disabled.DisabledReason);
        // The fake clock is months from the real one, so the SDK's verifier (on the same fake clock) checks the signature here.
        var data = new WebhookVerifier(watcher.Secret!, time: time).Verify(notice.Body, h => h switch
        {
            "webhook-id" => notice.Id,
            "webhook-timestamp" => notice.Timestamp,
            _ => notice.Signature,
        }).DataAs<WebhookEndpointDisabledData>();
        Assert.Equal((failing.Id, failing.Url), (data.EndpointId, data.Url));
        Assert.Equal(WebhookDeliveryStatus.Failed, leftover.Status);
        Assert.Single((await client.GetWebhookDeliveryAsync(second.Id)).Attempts);
        var enabledAgain = await client.UpdateWebhookEndpointAsync(failing.Id, new(Enabled: true));
        Assert.True(enabledAgain.Enabled);
        Assert.Null(enabledAgain.FailingSince);
    }

    [Fact]
    public async Task PendingRetry_HostRestarted_NewHostOnSameStoreDeliversIt()
    {
        receiver.Respond = n => (n == 0 ? 503 : 200, null);
        var first = new MillwrightHost(WebhookTestKit.Fast(), time: time);
        var account = await first.CreateAccountAsync();
        var client = WebhookTestKit.Client(first, account.TestSecretKey);
        var endpoint = await WebhookTestKit.SubscribeAsync(client, receiver);
        var queued = await client.TestWebhookEndpointAsync(endpoint.Id);
        var failed = await WebhookTestKit.WaitForDeliveryAsync(client, queued.Id, d => d.Attempts.Count == 1);
        var dataDirectory = first.DataDirectory;
        first.Dispose();

        time.SetUtcNow(failed.NextAttemptAt!.Value);
        using var second = new MillwrightHost(WebhookTestKit.Fast(), dataDirectory, time);
        var done = await WebhookTestKit.WaitForDeliveryAsync(WebhookTestKit.Client(second, account.TestSecretKey), queued.Id,
            d => d.Status == WebhookDeliveryStatus.Succeeded);

        Assert.Equal([503, 200], done.Attempts.Select(a => a.StatusCode));
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.True(r.Verified || r.VerificationError!.Contains("timestamp", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task HealthCheck_DueDeliveriesWaitingOverAMinute_WebhookDeliveryDegraded()
    {
        using var host = new MillwrightHost(WebhookTestKit.Fast(new Dictionary<string, string?> { ["Millwright:Webhooks:DispatcherEnabled"] = "false" }), time: time);
        var account = await host.CreateAccountAsync();
        var client = WebhookTestKit.Client(host, account.TestSecretKey);
        await WebhookTestKit.SubscribeAsync(client, receiver);
        var health = host.Services.GetRequiredService<HealthCheckService>();

        var idle = await health.CheckHealthAsync(r => r.Name == "webhook_delivery" && r.Tags.Contains("status"));
        await WebhookTestKit.RaiseAsync(host, account, WebhookEventTypes.ConnectionCreated, 3);
        time.Advance(TimeSpan.FromMinutes(2));
        var behind = await health.CheckHealthAsync(r => r.Name == "webhook_delivery");

        Assert.Equal(HealthStatus.Healthy, idle.Entries["webhook_delivery"].Status);
        var entry = behind.Entries["webhook_delivery"];
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Equal(3, entry.Data["backlog"]);
        Assert.Equal(120L, entry.Data["oldest_pending_age_seconds"]);
        Assert.Equal(3, await WebhookTestKit.WithDbAsync(host, db => db.WebhookDeliveries.CountAsync()));
    }
}
