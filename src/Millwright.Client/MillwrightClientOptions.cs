namespace Millwright.Client;

/// <summary>
/// How the client retries: 429s and retryable failures (500, 502, 503, 504, <c>IDEMPOTENCY_KEY_IN_USE</c>, timeouts and
/// dropped connections) with exponential backoff and full jitter, never waiting less than the server's <c>Retry-After</c>.
/// POST and PATCH always carry an <c>Idempotency-Key</c> (the same on every attempt), so a retried write never runs twice.
/// </summary>
public sealed class MillwrightClientOptions
{
    /// <summary>Attempts in all, the first included; 1 turns retries off. Default 4.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Backoff before the second attempt; doubled for each further one. Default 500 ms.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest backoff between attempts (a longer <c>Retry-After</c> is still honoured). Default 30 s.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest <c>Retry-After</c> the client waits for; a longer one ends the retries with the error. Default 120 s.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Clock for the waits (tests use a fake one).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
