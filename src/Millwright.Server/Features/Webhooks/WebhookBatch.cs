using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Telemetry;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Webhooks;

/// <summary>
/// One dispatcher round: claim due deliveries with a conditional UPDATE (a lease, so that of several
/// lanes or nodes exactly one sends each attempt), send them concurrently, then record every attempt and
/// the next state in one SaveChanges. A node that dies mid-batch leaves leases that expire after
/// <see cref="WebhookOptions.LeaseDuration"/>; the deliveries are then claimed again (at least once). A node that
/// stops finishes and records the attempts it started and hands back the rest (<see cref="WebhookDispatcher"/>).
/// </summary>
internal sealed partial class WebhookBatch(
    MillwrightDb db, WebhookSender sender, WebhookSecrets secrets, WebhookOutbox outbox, IOptions<WebhookOptions> options, TimeProvider time,
    MillwrightMetrics metrics, ILogger<WebhookBatch> logger)
{
    /// <summary>Sends one batch; returns how many due deliveries it found (0: nothing to do).</summary>
    /// <param name="draining">The node is stopping: claim nothing more, start no claimed attempt (it is handed back).</param>
    /// <param name="aborting">The node's shutdown timeout ran out: abandon the attempts in flight.</param>
    public async Task<int> RunAsync(CancellationToken draining, CancellationToken aborting)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        var candidates = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookValues.Pending && d.NextAttemptAt <= now && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now))
            .Where(d => db.WebhookEndpoints.Any(e => e.Id == d.EndpointId && e.Enabled))
            .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(o.BatchSize).ToListAsync(draining);
        if (candidates.Count == 0 || draining.IsCancellationRequested)
        {
            return 0;
        }

        var token = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():n}";
        try
        {
            await db.WebhookDeliveries
                .Where(d => candidates.Contains(d.Id) && d.Status == WebhookValues.Pending && d.NextAttemptAt <= now
                    && (d.LeaseExpiresAt == null || d.LeaseExpiresAt < now))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, token).SetProperty(d => d.LeaseExpiresAt, now + o.LeaseDuration), aborting);
            var deliveries = await db.WebhookDeliveries.Where(d => d.LeaseOwner == token).ToListAsync(aborting);
            await SendAndRecordAsync(deliveries, now, draining, aborting);
        }
        catch (OperationCanceledException) when (aborting.IsCancellationRequested)
        {
            // Aborted before anything was sent: give the batch back so that the next node (or this one restarted) sends it at once.
            await HandBackAsync(token);
            throw;
        }

        return candidates.Count;
    }

    private Task<int> HandBackAsync(string token) =>
        db.WebhookDeliveries.Where(d => d.LeaseOwner == token).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.LeaseOwner, (string?)null).SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null), CancellationToken.None);

    private async Task SendAndRecordAsync(List<WebhookDeliveryRow> deliveries, DateTimeOffset now, CancellationToken draining, CancellationToken aborting)
    {
        var o = options.Value;
        var eventIds = deliveries.Select(d => d.EventId).Distinct().ToList();
        var payloads = await db.WebhookEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id))
            .ToDictionaryAsync(e => e.Id, e => Encoding.UTF8.GetBytes(e.Payload), aborting);
        var endpointIds = deliveries.Select(d => d.EndpointId).Distinct().ToList();
        var endpoints = await db.WebhookEndpoints.Where(e => endpointIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, aborting);
        var signing = endpoints.Values.ToDictionary(e => e.Id, e => secrets.SigningSecrets(e, now));

        var outcomes = new AttemptOutcome?[deliveries.Count];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, deliveries.Count),
                new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism, CancellationToken = aborting },
                async (i, ct) =>
                {
                    var d = deliveries[i];
                    // A stopping node starts no further attempt: the delivery is handed back below.
                    if (!draining.IsCancellationRequested && endpoints.TryGetValue(d.EndpointId, out var endpoint) && endpoint.Enabled
                        && payloads.TryGetValue(d.EventId, out var body))
                    {
                        outcomes[i] = await sender.SendAsync(endpoint.Url, endpoint.Environment, d.EventId, body, signing[endpoint.Id], ct);
                    }
                });
        }
        catch (OperationCanceledException) when (aborting.IsCancellationRequested)
        {
            // The shutdown timeout ran out: the answered attempts are recorded below, the others handed back.
        }

        var done = time.GetUtcNow();
        var succeededEndpoints = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < deliveries.Count; i++)
        {
            var d = deliveries[i];
            d.LeaseOwner = null;
            d.LeaseExpiresAt = null;
            if (outcomes[i] is not { } outcome)
            {
                // Not sent (endpoint disabled or deleted meanwhile, or the node is stopping): back to pending as it
                // was, due at once for any node; the claim skips disabled endpoints.
                continue;
            }

            // Late by the dispatcher's own delay since the attempt was due (first attempts: since the event was written).
            var delay = outcome.At - (d.NextAttemptAt ?? d.CreatedAt);
            d.AttemptCount++;
            db.WebhookAttempts.Add(new WebhookAttemptRow
            {
                Id = Ids.New(WebhookValues.AttemptPrefix),
                DeliveryId = d.Id,
                AttemptedAt = outcome.At,
                StatusCode = outcome.StatusCode,
                LatencyMs = outcome.LatencyMs,
                ResponseSnippet = outcome.Snippet,
                Error = outcome.Error,
            });
            if (outcome.Succeeded)
            {
                d.Status = WebhookValues.Succeeded;
                d.NextAttemptAt = null;
                d.CompletedAt = done;
                succeededEndpoints.Add(d.EndpointId);
                // Delivered this long after the delivery (its event, for a live one) was created: what a receiver waits.
                metrics.WebhookAttempt("succeeded", delay, outcome.At + TimeSpan.FromMilliseconds(outcome.LatencyMs) - d.CreatedAt);
                continue;
            }

            var endpoint = endpoints[d.EndpointId];
            endpoint.FailingSince ??= outcome.At;
            d.NextAttemptAt = RetrySchedule.Next(d.AttemptCount, done, d.GiveUpAt, outcome.RetryAfter, Random.Shared.NextDouble(), o);
            if (d.NextAttemptAt is null)
            {
                d.Status = WebhookValues.Failed;
                d.CompletedAt = done;
            }

            metrics.WebhookAttempt(d.NextAttemptAt is null ? "failed" : "retry_scheduled", delay, null);
        }

        foreach (var id in succeededEndpoints)
        {
            endpoints[id].FailingSince = null;
        }

        var toDisable = endpoints.Values.Where(e => e.Enabled && e.FailingSince is { } since && done - since >= o.DisableAfter).ToList();
        foreach (var endpoint in toDisable)
        {
            endpoint.Enabled = false;
            endpoint.DisabledReason = WebhookValues.DisabledFailing;
            endpoint.UpdatedAt = done;
        }

        await db.SaveChangesAsync(CancellationToken.None);
        var succeeded = deliveries.Count(d => d.Status == WebhookValues.Succeeded);
        LogBatch(deliveries.Count, succeeded);
        foreach (var endpoint in toDisable)
        {
            await DisableAsync(endpoint, done);
        }
    }

    /// <summary>After the endpoint is stored disabled: its pending deliveries fail, and the account hears of it.</summary>
    private async Task DisableAsync(WebhookEndpointRow endpoint, DateTimeOffset now)
    {
        await db.WebhookDeliveries.Where(d => d.EndpointId == endpoint.Id && d.Status == WebhookValues.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, WebhookValues.Failed)
                .SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(d => d.CompletedAt, now), CancellationToken.None);
        var data = new Client.Webhooks.WebhookEndpointDisabledData(endpoint.Id, endpoint.Url, endpoint.FailingSince, WebhookValues.DisabledFailing);
        await outbox.AddAsync(db, endpoint.AccountId, endpoint.Environment,
            [new NewEvent(Client.Webhooks.WebhookEventTypes.WebhookEndpointDisabled, null, EventPayloads.Object(data))], CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        LogDisabled(endpoint.Id);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook batch: {Count} attempts, {Succeeded} succeeded")]
    private partial void LogBatch(int count, int succeeded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} disabled after failing continuously")]
    private partial void LogDisabled(string endpointId);
}
