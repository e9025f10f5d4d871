namespace Millwright.Server.Features.Retention;

/// <summary>How long operational rows are kept; bound from <c>Millwright:Retention</c>. Defaults live here (docs/operations.md).</summary>
internal sealed class RetentionOptions
{
    public const string Section = "Millwright:Retention";

    /// <summary>Webhook events and their finished deliveries older than this are deleted (a pending delivery keeps its event).</summary>
    public int WebhookEventDays { get; set; } = 30;

    /// <summary>Webhook delivery attempts older than this are deleted.</summary>
    public int WebhookAttemptDays { get; set; } = 30;

    /// <summary>Finished sync runs older than this are deleted, except each connection's latest run.</summary>
    public int SyncRunDays { get; set; } = 90;

    /// <summary>
    /// Idempotency keys are deleted this long after they expire (they expire 24 h after first use, the API's promise;
    /// an expired key is never replayed whether or not its row is still there).
    /// </summary>
    public TimeSpan IdempotencyKeyGrace { get; set; } = TimeSpan.Zero;

    /// <summary>When the job runs (Hangfire cron, UTC): once an hour by default, across the whole cluster.</summary>
    public string Cron { get; set; } = "23 * * * *";

    /// <summary>Rows deleted per statement, so no delete holds locks on a large table for long.</summary>
    public int BatchSize { get; set; } = 5000;

    internal static bool IsValid(RetentionOptions o) =>
        o.WebhookEventDays >= 1 && o.WebhookAttemptDays >= 1 && o.SyncRunDays >= 1
        && o.IdempotencyKeyGrace >= TimeSpan.Zero && !string.IsNullOrWhiteSpace(o.Cron) && o.BatchSize is >= 100 and <= 100_000;
}
