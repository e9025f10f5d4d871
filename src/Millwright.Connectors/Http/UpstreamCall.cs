namespace Millwright.Connectors.Http;

/// <summary>One attempt of a call to a connected system, as request logs and the status page see it.</summary>
/// <param name="System">System id (the typed client's name, e.g. <c>maintainx</c>).</param>
/// <param name="ConnectionId">The Millwright connection the call was made for, when tagged.</param>
/// <param name="Environment"><c>test</c> or <c>live</c>, when tagged.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Url">The URL with user info removed and sensitive query values masked (<see cref="Redaction.Url"/>).</param>
/// <param name="StartedAt">When the attempt started.</param>
/// <param name="DurationMs">How long it took, until the response headers or the failure.</param>
/// <param name="Status">HTTP status; null when no answer came.</param>
/// <param name="Outcome">What the attempt amounted to.</param>
/// <param name="Error">For attempts without an answer: the kind of failure (never a message that could carry a secret).</param>
public sealed record UpstreamCall(
    string System,
    string? ConnectionId,
    string? Environment,
    string Method,
    string Url,
    DateTimeOffset StartedAt,
    double DurationMs,
    int? Status,
    UpstreamOutcome Outcome,
    string? Error);

/// <summary>How one upstream attempt ended; drives the status page's failure counts.</summary>
public enum UpstreamOutcome
{
    /// <summary>2xx or 3xx.</summary>
    Succeeded,

    /// <summary>A 4xx other than 408 and 429: the system refused this request (credentials, not found…), it is not failing.</summary>
    Rejected,

    /// <summary>429.</summary>
    RateLimited,

    /// <summary>5xx.</summary>
    Failed,

    /// <summary>408, 504, or no answer within the attempt timeout.</summary>
    TimedOut,

    /// <summary>No answer: connection refused or reset, unknown host, TLS failure, address refused by the SSRF guard.</summary>
    Unreachable,

    /// <summary>The caller gave up (request aborted, host shutdown): says nothing about the system.</summary>
    Cancelled,
}
