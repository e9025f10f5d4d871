using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Millwright.Server.Features.Sync;
using Millwright.Server.Features.Webhooks;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Retention;

/// <summary>
/// Deletes webhook events, deliveries and attempts, finished sync runs and expired idempotency keys past their ages
/// (<see cref="RetentionOptions"/>). A Hangfire recurring job, so it runs once per tick across the cluster; each
/// delete is idempotent and batched, so a run cut short by a restart loses nothing the next one will not do.
/// </summary>
internal sealed partial class RetentionJob(MillwrightDb db, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionJob> logger)
{
    public const string RecurringJobId = "retention";

    public async Task<RetentionResult> RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var attemptsBefore = now - TimeSpan.FromDays(o.WebhookAttemptDays);
        var eventsBefore = now - TimeSpan.FromDays(o.WebhookEventDays);
        var runsBefore = now - TimeSpan.FromDays(o.SyncRunDays);
        var keysBefore = now - o.IdempotencyKeyGrace;

        // Attempts go by age, and with the deliveries about to go (when attempts are kept longer than events).
        var attempts = await BatchedAsync(() => db.WebhookAttempts.Where(a => a.AttemptedAt < attemptsBefore
            || db.WebhookDeliveries.Any(d => d.Id == a.DeliveryId && d.CreatedAt < eventsBefore && d.Status != WebhookValues.Pending)).OrderBy(a => a.Id), cancellationToken);
        // A pending delivery (a manual retry of an old event, say) keeps itself and its event.
        var deliveries = await BatchedAsync(() => db.WebhookDeliveries
            .Where(d => d.CreatedAt < eventsBefore && d.Status != WebhookValues.Pending).OrderBy(d => d.Id), cancellationToken);
        var events = await BatchedAsync(() => db.WebhookEvents
            .Where(e => e.CreatedAt < eventsBefore && !db.WebhookDeliveries.Any(d => d.EventId == e.Id)).OrderBy(e => e.Id), cancellationToken);
        var runs = await BatchedAsync(() => db.SyncRuns
            .Where(r => r.FinishedAt != null && r.FinishedAt < runsBefore
                && (r.Status == SyncValues.Succeeded || r.Status == SyncValues.Failed || r.Status == SyncValues.Cancelled)
                && db.SyncRuns.Any(n => n.ConnectionId == r.ConnectionId && n.CreatedAt > r.CreatedAt)).OrderBy(r => r.Id), cancellationToken);
        var keys = await BatchedAsync(() => db.IdempotencyKeys.Where(k => k.ExpiresAt < keysBefore).OrderBy(k => k.ExpiresAt), cancellationToken);

        var result = new RetentionResult(events, deliveries, attempts, runs, keys);
        if (result.Total > 0)
        {
            LogDeleted(events, deliveries, attempts, runs, keys);
        }

        return result;
    }

    /// <summary>Deletes what <paramref name="query"/> selects, at most a batch per statement, until nothing is left. The
    /// order only makes each batch well defined (EF warns about a limit without one); any order deletes the same rows in the end.</summary>
    private async Task<int> BatchedAsync<T>(Func<IQueryable<T>> query, CancellationToken cancellationToken)
        where T : class
    {
        var size = options.Value.BatchSize;
        var total = 0;
        while (true)
        {
            var deleted = await query().Take(size).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < size)
            {
                return total;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Retention deleted {Events} webhook events, {Deliveries} deliveries, {Attempts} attempts, {Runs} sync runs, {Keys} idempotency keys")]
    private partial void LogDeleted(int events, int deliveries, int attempts, int runs, int keys);
}

/// <summary>Rows one retention run deleted.</summary>
internal sealed record RetentionResult(int WebhookEvents, int WebhookDeliveries, int WebhookAttempts, int SyncRuns, int IdempotencyKeys)
{
    public int Total => WebhookEvents + WebhookDeliveries + WebhookAttempts + SyncRuns + IdempotencyKeys;
}
