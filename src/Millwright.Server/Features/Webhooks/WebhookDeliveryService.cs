using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Webhooks;

/// <summary>The list's filters.</summary>
internal sealed record WebhookDeliveryFilter(string? EndpointId, string? Status, string? EventType, int? Limit, string? Cursor);

/// <summary>Deliveries of the caller's account and environment with their attempts, and a manual retry.</summary>
internal sealed class WebhookDeliveryService(MillwrightDb db, WebhookSignal signal, TimeProvider time)
{
    public async Task<Page<WebhookDelivery>> ListAsync(Caller caller, WebhookDeliveryFilter filter, CancellationToken cancellationToken)
    {
        var (endpointId, status, eventType, limit, cursor) = filter;
        var size = NewestFirstCursor.Limit(limit);
        await using var snapshot = await Snapshot(cancellationToken);
        if (status is not null && !WebhookValues.Statuses.Contains(status))
        {
            throw ApiException.BadQuery("status", $"status must be one of {string.Join(", ", WebhookValues.Statuses)}.");
        }

        var queryKey = $"deliveries\n{endpointId}\n{status}\n{eventType}";
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.AccountId == caller.AccountId && d.Environment == caller.Environment);
        query = endpointId is null ? query : query.Where(d => d.EndpointId == endpointId);
        query = status is null ? query : query.Where(d => d.Status == status);
        query = eventType is null ? query : query.Where(d => d.EventType == eventType);
        if (NewestFirstCursor.Decode(cursor, queryKey) is { } after)
        {
            query = query.Where(d => d.CreatedAt < after.CreatedAt || (d.CreatedAt == after.CreatedAt && string.Compare(d.Id, after.Id) < 0));
        }

        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var ids = page.Select(d => d.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.DeliveryId);
        var next = rows.Count > size ? new NewestFirstCursor(page[^1].CreatedAt, page[^1].Id).Encode(queryKey) : null;
        return new Page<WebhookDelivery>([.. page.Select(d => d.ToWire(attempts[d.Id]))], next);
    }

    public async Task<WebhookDelivery> GetAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        await using var snapshot = await Snapshot(cancellationToken);
        var row = await FindAsync(caller, id, cancellationToken);
        return row.ToWire(await AttemptsAsync(id, cancellationToken));
    }

    /// <summary>
    /// A pending delivery is sent now instead of at its scheduled retry; a finished one once more, now,
    /// without restarting the retry schedule.
    /// </summary>
    public async Task<WebhookDelivery> RetryAsync(Caller caller, string id, CancellationToken cancellationToken)
    {
        var row = await FindAsync(caller, id, cancellationToken);
        if (!await db.WebhookEndpoints.AnyAsync(e => e.Id == row.EndpointId && e.Enabled, cancellationToken))
        {
            throw new ApiException(StatusCodes.Status409Conflict, ErrorCodes.WebhookEndpointDisabled,
                $"The endpoint of delivery '{id}' is disabled; enable it with PATCH {{\"enabled\": true}} first.");
        }

        var now = time.GetUtcNow();
        if (row.Status != WebhookValues.Pending)
        {
            // One more attempt, now; the retry schedule is not restarted (give-up time = now).
            row.Status = WebhookValues.Pending;
            row.GiveUpAt = now;
            row.CompletedAt = null;
        }

        row.NextAttemptAt = now;
        await db.SaveChangesAsync(cancellationToken);
        signal.Notify();
        return row.ToWire(await AttemptsAsync(id, cancellationToken));
    }

    /// <summary>Deliveries and attempts read in one snapshot, so a delivery never shows the attempts of a newer state than its own.</summary>
    private Task<IDbContextTransaction> Snapshot(CancellationToken cancellationToken) =>
        db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    private async Task<WebhookDeliveryRow> FindAsync(Caller caller, string id, CancellationToken cancellationToken) =>
        await db.WebhookDeliveries.FirstOrDefaultAsync(d => d.Id == id && d.AccountId == caller.AccountId && d.Environment == caller.Environment, cancellationToken)
            ?? throw ApiException.NotFound($"Webhook delivery '{id}'");

    private Task<List<WebhookAttemptRow>> AttemptsAsync(string id, CancellationToken cancellationToken) =>
        db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == id).ToListAsync(cancellationToken);
}
