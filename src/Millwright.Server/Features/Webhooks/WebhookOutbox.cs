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
        var (rows, deliveries) = await BuildAsync(db, accountId, environment, events, cancellationToken);
        db.WebhookEvents.AddRange(rows);
        db.WebhookDeliveries.AddRange(deliveries);
        return rows;
    }

    /// <summary>
    /// As <see cref="AddAsync"/>, but written at once with plain statements on the caller's open transaction instead of
    /// tracked until <c>SaveChanges</c>: a sync page raises an event per changed record (<see cref="PlainInserts"/>).
    /// </summary>
    public async Task InsertAsync(
        MillwrightDb db, string accountId, string environment, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        var (rows, deliveries) = await BuildAsync(db, accountId, environment, events, cancellationToken);
        await PlainInserts.InsertAsync(db, rows, cancellationToken);
        await PlainInserts.InsertAsync(db, deliveries, cancellationToken);
    }

    private async Task<(List<WebhookEventRow> Events, List<WebhookDeliveryRow> Deliveries)> BuildAsync(
        MillwrightDb db, string accountId, string environment, IReadOnlyList<NewEvent> events, CancellationToken cancellationToken)
    {
        var rows = new List<WebhookEventRow>(events.Count);
        var deliveries = new List<WebhookDeliveryRow>();
        if (events.Count == 0)
        {
            return (rows, deliveries);
        }

        var now = time.GetUtcNow();
        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.AccountId == accountId && e.Environment == environment && e.Enabled)
            .Select(e => new { e.Id, e.Events, e.ConnectionId })
            .ToListAsync(cancellationToken);
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
            rows.Add(row);
            foreach (var endpoint in endpoints)
            {
                if (EventFilter.Matches(endpoint.Events, endpoint.ConnectionId, e.Type, e.ConnectionId))
                {
                    deliveries.Add(NewDelivery(row, endpoint.Id, now));
                }
            }
        }

        return (rows, deliveries);
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
