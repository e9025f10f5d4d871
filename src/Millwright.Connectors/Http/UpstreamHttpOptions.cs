namespace Millwright.Connectors.Http;

/// <summary>Limits of every vendor call. Defaults live here; the host may override them from configuration.</summary>
public sealed class UpstreamHttpOptions
{
    /// <summary>One attempt (connect + response headers + body) may take this long.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>One call including retries and rate-gate waits may take this long.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Opening the TCP connection may take this long.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, for transient failures.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; it doubles per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A 429 whose advised wait is at most this long is waited out and retried; a longer one is returned to the caller.</summary>
    public TimeSpan MaxRateLimitRetryWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The per-connection rate gate waits at most this long for a slot before refusing the call.</summary>
    public TimeSpan MaxRateGateWait { get; set; } = TimeSpan.FromSeconds(70);

    /// <summary>Responses larger than this are refused (protects memory against a hostile or broken upstream).</summary>
    public long MaxResponseBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Share of failed attempts (5xx, 408, timeouts, connection errors) within <see cref="CircuitSamplingDuration"/> that opens a connection's circuit.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts within <see cref="CircuitSamplingDuration"/> before the ratio counts at all.</summary>
    public int CircuitMinimumThroughput { get; set; } = 8;

    /// <summary>Window over which a connection's failure ratio is measured.</summary>
    public TimeSpan CircuitSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses a connection's calls before one trial call may go through.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Endpoints (<c>host:port</c>) the operator allows although the address policy refuses them (a vendor on the
    /// private network, a local emulator), for live and test connections; matched on the URL as written. Loopback is
    /// otherwise reachable only for test connections at this server's own sandbox mounts (<see cref="ISandboxMounts"/>).
    /// </summary>
    public List<string> AllowedAddresses { get; set; } = [];
}
