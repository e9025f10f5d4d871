namespace Millwright.Server.Features.Webhooks;

/// <summary>Webhook delivery, bound from <c>Millwright:Webhooks</c>. Defaults live here.</summary>
internal sealed class WebhookOptions
{
    public const string Section = "Millwright:Webhooks";

    /// <summary>A receiver must answer within this long (the 10 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Delay before the first retry; each further retry doubles it (plus up to 10 % jitter).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(4);

    /// <summary>No retry is scheduled later than this after a delivery was created; then it is failed.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An endpoint whose attempts all failed for this long is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How long the old secret keeps signing after a rotation, unless the request says otherwise.</summary>
    public TimeSpan DefaultGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often an idle dispatcher looks for due deliveries (real time, not the injected clock).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Deliveries one dispatcher lane claims at once.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Dispatcher lanes per node; each claims and sends its own batches.</summary>
    public int Lanes { get; set; } = 4;

    /// <summary>Requests in flight per lane.</summary>
    public int Parallelism { get; set; } = 64;

    /// <summary>How long a claimed batch stays invisible to other nodes; must exceed <see cref="Timeout"/> by a margin.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Endpoints one account may have per environment: every event is delivered to each matching endpoint,
    /// so without a cap one account could multiply the dispatcher's work at will.
    /// </summary>
    public int MaxEndpointsPerAccount { get; set; } = 20;

    /// <summary>Run the dispatcher on this node (off for API-only nodes and some tests).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    internal static bool IsValid(WebhookOptions o) =>
        o.Timeout > TimeSpan.Zero && o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay
        && o.RetryWindow > TimeSpan.Zero && o.DisableAfter > TimeSpan.Zero && o.DefaultGracePeriod >= TimeSpan.Zero
        && o.PollInterval >= TimeSpan.FromMilliseconds(10) && o.BatchSize is >= 1 and <= 5000 && o.Lanes is >= 1 and <= 64
        && o.Parallelism is >= 1 and <= 1024 && o.LeaseDuration > o.Timeout && o.MaxEndpointsPerAccount is >= 1 and <= 10_000;
}
