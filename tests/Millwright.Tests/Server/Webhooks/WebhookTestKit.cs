using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Accounts;
using Millwright.Server.Features.Webhooks;
using Millwright.Server.Persistence;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Webhooks;

/// <summary>Settings and small builders for webhook tests.</summary>
internal static class WebhookTestKit
{
    /// <summary>Webhook test classes run one after another: each starts hosts with busy dispatchers, and side by side
    /// they would crowd the PostgreSQL server's connection limit that the whole suite shares.</summary>
    public const string Collection = "Webhooks";

    /// <summary>A dispatcher that polls often, so tests wait milliseconds rather than the default half second.</summary>
    public static Dictionary<string, string?> Fast(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Millwright:Webhooks:PollInterval"] = "00:00:00.030",
            ["Millwright:Webhooks:Lanes"] = "2",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static MillwrightClient Client(MillwrightHost host, string secretKey) => new(host.Http(), secretKey);

    /// <summary>An endpoint of the account's test environment pointing at <paramref name="receiver"/>, which then verifies with its secret.</summary>
    public static async Task<WebhookEndpoint> SubscribeAsync(MillwrightClient client, WebhookReceiver receiver, IReadOnlyList<string>? events = null)
    {
        var endpoint = await client.CreateWebhookEndpointAsync(new CreateWebhookEndpointRequest(receiver.Url.ToString(), events));
        receiver.Secrets = [endpoint.Secret!];
        return endpoint;
    }

    /// <summary>Stores events through the real outbox, as the observers do inside their transactions.</summary>
    public static async Task<List<string>> RaiseAsync(MillwrightHost host, ProvisionedAccount account, string type, int count = 1, string? connectionId = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var outbox = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
        var events = Enumerable.Range(0, count)
            .Select(i => new NewEvent(type, connectionId, EventPayloads.Object(new { sequence = i })))
            .ToList();
        var rows = await outbox.AddAsync(db, account.AccountId, "test", events, CancellationToken.None);
        await db.SaveChangesAsync();
        return [.. rows.Select(r => r.Id)];
    }

    public static async Task<T> WithDbAsync<T>(MillwrightHost host, Func<MillwrightDb, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MillwrightDb>());
    }

    public static Task<WebhookDeliveryRow> DeliveryAsync(MillwrightHost host, string id) =>
        WithDbAsync(host, db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == id));

    /// <summary>Polls until the delivery satisfies <paramref name="condition"/>.</summary>
    public static async Task<WebhookDelivery> WaitForDeliveryAsync(MillwrightClient client, string id, Func<WebhookDelivery, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? TimeSpan.FromSeconds(60)).TotalMilliseconds;
        while (true)
        {
            var delivery = await client.GetWebhookDeliveryAsync(id);
            if (condition(delivery))
            {
                return delivery;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Delivery {id} is {delivery.Status} after {delivery.Attempts.Count} attempts.");
            }

            await Task.Delay(25);
        }
    }
}
