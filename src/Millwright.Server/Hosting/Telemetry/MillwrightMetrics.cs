using System.Diagnostics.Metrics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Millwright.Connectors.Http;
using Millwright.Server.Features.Sync;
using Millwright.Server.Features.Webhooks;
using Millwright.Server.Persistence;

namespace Millwright.Server.Hosting.Telemetry;

/// <summary>
/// Millwright's own instruments (meter <c>Millwright</c>). Labels are low-cardinality on purpose: system ids,
/// statuses and outcomes, never connection or account ids (hundreds of customers would make thousands of series).
/// The gauges are read on each scrape from the store and the job storage. Every metric is described in
/// docs/operations.md.
/// </summary>
internal sealed partial class MillwrightMetrics
{
    private readonly Counter<long> syncRuns;
    private readonly Counter<long> syncRecords;
    private readonly Histogram<double> syncDuration;
    private readonly Counter<long> upstreamCalls;
    private readonly Histogram<double> upstreamDuration;
    private readonly Counter<long> rateLimitRefusals;
    private readonly Counter<long> webhookDeliveries;
    private readonly Histogram<double> webhookLag;
    private readonly Histogram<double> webhookAttemptDelay;
    private readonly IServiceScopeFactory scopes;
    private readonly JobStorage jobs;
    private readonly TimeProvider time;
    private readonly ILogger<MillwrightMetrics> logger;

    public MillwrightMetrics(IMeterFactory meters, IServiceScopeFactory scopes, JobStorage jobs, TimeProvider time, ILogger<MillwrightMetrics> logger)
    {
        this.scopes = scopes;
        this.jobs = jobs;
        this.time = time;
        this.logger = logger;
        var meter = meters.Create(MillwrightTelemetry.Name);
        syncRuns = meter.CreateCounter<long>("millwright.sync.runs", "{run}", "Sync runs that ended, by system and final status.");
        syncRecords = meter.CreateCounter<long>("millwright.sync.records", "{record}", "Records sync runs added, updated or deleted, by system and change.");
        syncDuration = meter.CreateHistogram<double>("millwright.sync.duration", "s", "Wall time of ended sync runs from first start to end, by system and status.",
            advice: Buckets(1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600));
        upstreamCalls = meter.CreateCounter<long>("millwright.upstream.calls", "{call}", "Attempts of calls to connected systems, by system and outcome.");
        upstreamDuration = meter.CreateHistogram<double>("millwright.upstream.duration", "s", "Duration of upstream attempts until the answer's headers, by system and outcome.",
            advice: Buckets(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60));
        rateLimitRefusals = meter.CreateCounter<long>("millwright.rate_limit.refusals", "{request}", "Requests refused with 429 RATE_LIMIT_EXCEEDED by the inbound limits.");
        webhookDeliveries = meter.CreateCounter<long>("millwright.webhook.deliveries", "{attempt}", "Webhook delivery attempts, by outcome (succeeded, retry_scheduled, failed).");
        webhookLag = meter.CreateHistogram<double>("millwright.webhook.delivery.lag", "s", "Time from a delivery's creation (its event's, unless replayed) to its successful attempt, retries included.",
            advice: Buckets(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 14400, 86400));
        webhookAttemptDelay = meter.CreateHistogram<double>("millwright.webhook.attempt.delay", "s", "How late each attempt was sent after it became due (the dispatcher's own delay), by outcome.",
            advice: Buckets(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300));
        meter.CreateObservableGauge("millwright.jobs", ObserveJobs, "{job}", "Background jobs in the job storage, by state (enqueued, scheduled, processing).");
        meter.CreateObservableGauge("millwright.sync.runs.active", ObserveActiveRuns, "{run}", "Sync runs queued or running in the store, by status.");
        meter.CreateObservableGauge("millwright.webhook.deliveries.due", ObserveDueDeliveries, "{delivery}", "Pending webhook deliveries whose attempt is due now (the dispatcher's backlog).");
    }

    public void SyncRunEnded(string system, string status, int added, int updated, int deleted, TimeSpan? duration)
    {
        var systemTag = new KeyValuePair<string, object?>("system", system);
        syncRuns.Add(1, systemTag, new("status", status));
        AddRecords(systemTag, "added", added);
        AddRecords(systemTag, "updated", updated);
        AddRecords(systemTag, "deleted", deleted);
        if (duration is { } d && d >= TimeSpan.Zero)
        {
            syncDuration.Record(d.TotalSeconds, systemTag, new("status", status));
        }
    }

    public void UpstreamCall(UpstreamCall call)
    {
        var outcome = Outcome(call.Outcome);
        upstreamCalls.Add(1, new("system", call.System), new("outcome", outcome));
        upstreamDuration.Record(call.DurationMs / 1000, new("system", call.System), new("outcome", outcome));
    }

    public void RateLimitRefused(string limit) => rateLimitRefusals.Add(1, new KeyValuePair<string, object?>("limit", limit));

    /// <summary>One attempt sent: <paramref name="delay"/> after it was due; <paramref name="lag"/> (successes only) after the delivery was created.</summary>
    public void WebhookAttempt(string outcome, TimeSpan delay, TimeSpan? lag)
    {
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome);
        webhookDeliveries.Add(1, outcomeTag);
        webhookAttemptDelay.Record(Math.Max(0, delay.TotalSeconds), outcomeTag);
        if (lag is { } l)
        {
            webhookLag.Record(Math.Max(0, l.TotalSeconds));
        }
    }

    /// <summary>Bucket bounds in seconds for a histogram (the SDK's default bounds are made for milliseconds).</summary>
    private static InstrumentAdvice<double> Buckets(params double[] bounds) => new() { HistogramBucketBoundaries = bounds };

    private void AddRecords(KeyValuePair<string, object?> system, string change, int count)
    {
        if (count > 0)
        {
            syncRecords.Add(count, system, new("change", change));
        }
    }

    internal static string Outcome(UpstreamOutcome outcome) => outcome switch
    {
        UpstreamOutcome.Succeeded => "succeeded",
        UpstreamOutcome.Rejected => "rejected",
        UpstreamOutcome.RateLimited => "rate_limited",
        UpstreamOutcome.Failed => "failed",
        UpstreamOutcome.TimedOut => "timed_out",
        UpstreamOutcome.Unreachable => "unreachable",
        _ => "cancelled",
    };

    private IEnumerable<Measurement<long>> ObserveJobs()
    {
        try
        {
            var stats = jobs.GetMonitoringApi().GetStatistics();
            return
            [
                new(stats.Enqueued, new KeyValuePair<string, object?>("state", "enqueued")),
                new(stats.Scheduled, new KeyValuePair<string, object?>("state", "scheduled")),
                new(stats.Processing, new KeyValuePair<string, object?>("state", "processing")),
            ];
        }
        catch (Exception ex)
        {
            LogGaugeFailed(ex, "millwright.jobs");
            return [];
        }
    }

    private IEnumerable<Measurement<long>> ObserveActiveRuns()
    {
        try
        {
            using var scope = scopes.CreateScope();
            var counts = scope.ServiceProvider.GetRequiredService<MillwrightDb>().SyncRuns.AsNoTracking()
                .Where(r => r.Status == SyncValues.Queued || r.Status == SyncValues.Running)
                .GroupBy(r => r.Status).Select(g => new { Status = g.Key, Count = g.LongCount() }).ToList();
            return
            [
                new(counts.FirstOrDefault(c => c.Status == SyncValues.Queued)?.Count ?? 0, new KeyValuePair<string, object?>("status", SyncValues.Queued)),
                new(counts.FirstOrDefault(c => c.Status == SyncValues.Running)?.Count ?? 0, new KeyValuePair<string, object?>("status", SyncValues.Running)),
            ];
        }
        catch (Exception ex)
        {
            LogGaugeFailed(ex, "millwright.sync.runs.active");
            return [];
        }
    }

    private IEnumerable<Measurement<long>> ObserveDueDeliveries()
    {
        try
        {
            using var scope = scopes.CreateScope();
            var now = time.GetUtcNow();
            var due = scope.ServiceProvider.GetRequiredService<MillwrightDb>().WebhookDeliveries.AsNoTracking()
                .LongCount(d => d.Status == WebhookValues.Pending && d.NextAttemptAt <= now);
            return [new(due)];
        }
        catch (Exception ex)
        {
            LogGaugeFailed(ex, "millwright.webhook.deliveries.due");
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metric {Metric} could not be read for this scrape")]
    private partial void LogGaugeFailed(Exception ex, string metric);
}
