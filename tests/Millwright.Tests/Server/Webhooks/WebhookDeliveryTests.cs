using System.Text.Json;
using Millwright.Client;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Accounts;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Webhooks;

/// <summary>Signed deliveries to a real receiver on loopback, checked with the StandardWebhooks library.</summary>
[Collection(WebhookTestKit.Collection)]
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private MillwrightHost host = null!;
    private WebhookReceiver receiver = null!;
    private ProvisionedAccount account = null!;
    private MillwrightClient client = null!;

    public async Task InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        host = new MillwrightHost(WebhookTestKit.Fast());
        account = await host.CreateAccountAsync();
        client = WebhookTestKit.Client(host, account.TestSecretKey);
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task TestWebhookEndpoint_RealReceiver_SignedPerStandardWebhooksAndAttemptRecorded()
    {
        var endpoint = await WebhookTestKit.SubscribeAsync(client, receiver);

        var queued = await client.TestWebhookEndpointAsync(endpoint.Id);
        var got = Assert.Single(await receiver.WaitForAsync(_ => true));
        var delivery = await WebhookTestKit.WaitForDeliveryAsync(client, queued.Id, d => d.Status != WebhookDeliveryStatus.Pending);

        Assert.True(got.Verified, got.VerificationError);
        Assert.Equal(queued.EventId, got.Id);
        Assert.Matches("^v1,[A-Za-z0-9+/]+=*$", got.Signature);
        var body = new WebhookVerifier(endpoint.Secret!).Verify(got.Body, h => h switch
        {
            "webhook-id" => got.Id,
            "webhook-timestamp" => got.Timestamp,
            _ => got.Signature,
        });
        Assert.Equal(WebhookEventTypes.WebhookEndpointTest, body.Type);
        Assert.Equal(endpoint.Id, body.DataAs<WebhookTestData>().EndpointId);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery.Status);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(200, attempt.StatusCode);
        Assert.Equal("thanks", attempt.ResponseSnippet);
        Assert.InRange(attempt.LatencyMs, 0, 10_000);
    }

    [Fact]
    public async Task Events_FilteredEndpoint_ReceivesOnlyMatchingTypesWithStableIds()
    {
        var endpoint = await WebhookTestKit.SubscribeAsync(client, receiver, ["connection.*"]);

        var wanted = await WebhookTestKit.RaiseAsync(host, account, WebhookEventTypes.ConnectionStatusChanged, 3);
        await WebhookTestKit.RaiseAsync(host, account, WebhookEventTypes.SyncCompleted, 2);
        var got = await receiver.WaitForAsync(_ => true, 3);
        await Task.Delay(300);

        Assert.Equal(wanted.Order(StringComparer.Ordinal), receiver.Received.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(got, r => Assert.True(r.Verified, r.VerificationError));
        var listed = await client.ListWebhookDeliveriesAsync(endpointId: endpoint.Id, eventType: WebhookEventTypes.ConnectionStatusChanged);
        Assert.Equal(3, listed.Data.Count);
        Assert.All(listed.Data, d => Assert.Equal(WebhookDeliveryStatus.Succeeded, d.Status));
        var events = await client.ListEventsAsync(type: WebhookEventTypes.SyncCompleted);
        Assert.Equal(2, events.Data.Count);
    }

    [Fact]
    public async Task RotateWebhookSecret_DuringGrace_OldAndNewSecretsBothVerify()
    {
        var endpoint = await WebhookTestKit.SubscribeAsync(client, receiver);
        var old = endpoint.Secret!;

        var rotated = await client.RotateWebhookSecretAsync(endpoint.Id);
        receiver.Secrets = [old, rotated.Secret!];
        await client.TestWebhookEndpointAsync(endpoint.Id);
        var during = Assert.Single(await receiver.WaitForAsync(_ => true));

        var ended = await client.RotateWebhookSecretAsync(endpoint.Id, new RotateWebhookSecretRequest(GracePeriodSeconds: 0));
        receiver.Secrets = [ended.Secret!];
        await client.TestWebhookEndpointAsync(endpoint.Id);
        var after = (await receiver.WaitForAsync(_ => true, 2))[1];

        Assert.NotEqual(old, rotated.Secret);
        Assert.NotNull(rotated.PreviousSecretExpiresAt);
        Assert.True(during.Verified, during.VerificationError);
        Assert.Equal(2, during.Signature.Split(' ').Distinct().Count());
        Assert.True(after.Verified, after.VerificationError);
        Assert.Single(after.Signature.Split(' '));
        Assert.Throws<WebhookVerificationException>(() => new WebhookVerifier(rotated.Secret!).Verify(after.Body, h => h switch
        {
            "webhook-id" => after.Id,
            "webhook-timestamp" => after.Timestamp,
            _ => after.Signature,
        }));
    }

    [Fact]
    public async Task RetryWebhookDelivery_FailedFirstAttempt_SendsAgainNowAndSucceeds()
    {
        var endpoint = await WebhookTestKit.SubscribeAsync(client, receiver);
        receiver.Respond = n => (n == 0 ? 500 : 200, null);
        var queued = await client.TestWebhookEndpointAsync(endpoint.Id);
        var failedOnce = await WebhookTestKit.WaitForDeliveryAsync(client, queued.Id, d => d.Attempts.Count == 1);

        var retried = await client.RetryWebhookDeliveryAsync(queued.Id);
        var done = await WebhookTestKit.WaitForDeliveryAsync(client, queued.Id, d => d.Status == WebhookDeliveryStatus.Succeeded);

        Assert.Equal(WebhookDeliveryStatus.Pending, failedOnce.Status);
        Assert.Equal(500, failedOnce.Attempts[0].StatusCode);
        Assert.Equal("receiver says no", failedOnce.Attempts[0].ResponseSnippet);
        Assert.InRange((failedOnce.NextAttemptAt!.Value - failedOnce.Attempts[0].AttemptedAt).TotalSeconds, 29, 34);
        Assert.Equal(WebhookDeliveryStatus.Pending, retried.Status);
        Assert.Equal([500, 200], done.Attempts.Select(a => a.StatusCode));
        Assert.Equal(2, receiver.Received.Count);
        Assert.Equal(receiver.Received[0].Id, receiver.Received[1].Id);
    }

    [Fact]
    public async Task ReplayEvents_EndpointCreatedLater_ReceivesPastEventsOfTheRangeOnly()
    {
        var since = TimeProvider.System.GetUtcNow().AddSeconds(-1);
        var past = await WebhookTestKit.RaiseAsync(host, account, WebhookEventTypes.ConnectionCreated, 4);
        var endpoint = await WebhookTestKit.SubscribeAsync(client, receiver);
        await Task.Delay(200);
        Assert.Empty(receiver.Received);

        var result = await client.ReplayEventsAsync(new ReplayEventsRequest(endpoint.Id, since));
        var got = await receiver.WaitForAsync(_ => true, 4);
        var none = await client.ReplayEventsAsync(new ReplayEventsRequest(endpoint.Id, since.AddDays(-2), since.AddDays(-1)));

        Assert.Equal(4, result.Queued);
        Assert.Equal(past.Order(StringComparer.Ordinal), got.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(got, r => Assert.True(r.Verified, r.VerificationError));
        Assert.All(got, r => Assert.Equal(r.Id, JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()));
        Assert.Equal(0, none.Queued);
    }
}
