using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Webhooks;

/// <summary>An event to store: its type, connection and a writer of its data.</summary>
internal sealed record NewEvent(string Type, string? ConnectionId, Action<System.Text.Json.Utf8JsonWriter> WriteData);

/// <summary>
/// Adds events and their deliveries (one per matching enabled endpoint) to the caller's context, so they
/// commit or roll back with the change they report: the transactional outbox. The dispatcher only ever
/// sees committed deliveries. Fan-out happens here, at write time, so an endpoint receives exactly the
/// events raised while it existed and was enabled; replay covers the rest.
/// </summary>
internal sealed class WebhookOutbox(TimeProvider time, IOptions<WebhookOptions> options)
{
    public async Task<IReadOnlyList<WebhookEventRow>> AddAsync(
        MillwrightDb db, string accountId, string environment, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow();
        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.AccountId == accountId && e.Environment == environment && e.Enabled)
            .Select(e => new { e.Id, e.Events, e.ConnectionId })
            .ToListAsync(cancellationToken);
        var rows = new List<WebhookEventRow>(events.Count);
        foreach (var e in events)
        {
            var id = Ids.New(WebhookValues.EventPrefix);
            var row = new WebhookEventRow
            {
                Id = id,
                AccountId = accountId,
                Environment = environment,
                ConnectionId = e.ConnectionId,
                Type = e.Type,
                Payload = EventPayloads.Write(id, e.Type, now, e.ConnectionId, e.WriteData),
                CreatedAt = now,
            };
            db.WebhookEvents.Add(row);
            rows.Add(row);
            foreach (var endpoint in endpoints)
            {
                if (EventFilter.Matches(endpoint.Events, endpoint.ConnectionId, e.Type, e.ConnectionId))
                {
                    db.WebhookDeliveries.Add(NewDelivery(row, endpoint.Id, now));
                }
            }
        }

        return rows;
    }

    /// <summary>A delivery due now, given up 24 h (the retry window) later.</summary>
    public WebhookDeliveryRow NewDelivery(WebhookEventRow e, string endpointId, DateTimeOffset now) => new()
    {
        Id = Ids.New(WebhookValues.DeliveryPrefix),
        EventId = e.Id,
        EndpointId = endpointId,
        AccountId = e.AccountId,
        Environment = e.Environment,
        EventType = e.Type,
        Status = WebhookValues.Pending,
        NextAttemptAt = now,
        GiveUpAt = now + options.Value.RetryWindow,
        CreatedAt = now,
    };
}
