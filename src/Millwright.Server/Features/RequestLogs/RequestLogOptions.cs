namespace Millwright.Server.Features.RequestLogs;

/// <summary>Request logging; bound from <c>Millwright:RequestLogs</c>. Defaults live here.</summary>
internal sealed class RequestLogOptions
{
    public const string Section = "Millwright:RequestLogs";

    /// <summary>Log API calls. Upstream health for the status page is kept either way.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Request and response bodies are kept up to this many bytes (UTF-8), the rest is cut.</summary>
    public int MaxBodyBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// The response body of a successful read (<c>GET</c> or <c>HEAD</c> answered below 400) is kept up to this many
    /// bytes: the store already holds what it returned, and its first bytes show which records came back. Errors and
    /// writes keep <see cref="MaxBodyBytes"/>. Capped by <see cref="MaxBodyBytes"/>.
    /// </summary>
    public int MaxReadBodyBytes { get; set; } = 2 * 1024;

    /// <summary>Logs and upstream health older than this are deleted.</summary>
    public int RetentionDays { get; set; } = 14;

    /// <summary>How often the cleanup runs (1 s to 30 days).</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Entries waiting for the writer; when full, new entries are dropped and counted rather than slowing requests.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>At most this many entries go into one write.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// After a write that did not fill a batch, the writer waits this long (or until a flush is asked for) before the
    /// next one, so that a busy API commits a few batches a second instead of one per request or two: on SQLite every
    /// commit makes each kept read connection (ADR 0031) drop its whole page cache and read its pages again. Zero writes
    /// as soon as anything is queued. An idle server's first entry is written at once either way (0 to 10 s).
    /// </summary>
    public TimeSpan WriteInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    internal static bool IsValid(RequestLogOptions o) =>
        o.MaxBodyBytes is >= 0 and <= 1024 * 1024 && o.MaxReadBodyBytes is >= 0 and <= 1024 * 1024 && o.RetentionDays is >= 1 and <= 3650
        && o.CleanupInterval >= TimeSpan.FromSeconds(1) && o.CleanupInterval <= TimeSpan.FromDays(30) && o.QueueCapacity >= 16 && o.BatchSize is >= 1 and <= 10_000
        && o.WriteInterval >= TimeSpan.Zero && o.WriteInterval <= TimeSpan.FromSeconds(10);
}
