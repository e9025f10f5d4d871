namespace Millwright.Server.Features.RequestLogs;

/// <summary>
/// One logged API call (<see cref="Kind"/> <c>api</c>, id = request id) or the upstream calls of one sync run
/// (<c>sync</c>, id = run id). Headers and bodies are stored already redacted and truncated.
/// </summary>
public sealed class RequestLogRow
{
    public required string Id { get; set; }
    /// <summary><c>api</c> or <c>sync</c>.</summary>
    public required string Kind { get; set; }
    public required string AccountId { get; set; }
    public required string Environment { get; set; }
    public string? ConnectionId { get; set; }
    /// <summary>Id of the secret key or connection token that made the call (never the secret).</summary>
    public string? CredentialId { get; set; }
    public string? Method { get; set; }
    public string? Path { get; set; }
    /// <summary>Query string without the leading <c>?</c>, sensitive values masked.</summary>
    public string? Query { get; set; }
    public int? Status { get; set; }
    public double? DurationMs { get; set; }
    /// <summary>JSON object of header name → value, secrets masked.</summary>
    public string? RequestHeadersJson { get; set; }
    public string? RequestBody { get; set; }
    public bool RequestBodyTruncated { get; set; }
    public string? ResponseHeadersJson { get; set; }
    public string? ResponseBody { get; set; }
    public bool ResponseBodyTruncated { get; set; }
    public int UpstreamCallCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One upstream attempt caused by a logged API call or sync run.</summary>
public sealed class UpstreamCallRow
{
    public long Id { get; set; }
    public required string RequestLogId { get; set; }
    public required string System { get; set; }
    public string? ConnectionId { get; set; }
    public required string Method { get; set; }
    /// <summary>Redacted: no user info, sensitive query values masked.</summary>
    public required string Url { get; set; }
    public int? Status { get; set; }
    /// <summary><c>succeeded</c>, <c>rejected</c>, <c>rate_limited</c>, <c>failed</c>, <c>timed_out</c>, <c>unreachable</c>, <c>cancelled</c>.</summary>
    public required string Outcome { get; set; }
    public string? Error { get; set; }
    public double DurationMs { get; set; }
    public DateTimeOffset StartedAt { get; set; }
}

/// <summary>
/// Upstream outcomes of one system in one environment during one hour, kept by the log writer so the
/// status page reads 24 rows per system instead of every call. Times are unix milliseconds and the hour
/// is unix hours, because the writer upserts with plain SQL on both stores.
/// </summary>
public sealed class UpstreamHealthHourRow
{
    public required string System { get; set; }
    public required string Environment { get; set; }
    /// <summary>Hours since the unix epoch (UTC).</summary>
    public long Hour { get; set; }
    public int Calls { get; set; }
    /// <summary>5xx, timeouts and unreachable: the system failed.</summary>
    public int Failures { get; set; }
    public int RateLimited { get; set; }
    /// <summary>The part of <see cref="Failures"/> that were timeouts.</summary>
    public int Timeouts { get; set; }
    public long? FirstFailureAtMs { get; set; }
    public long? LastFailureAtMs { get; set; }
    /// <summary>The latest failure, e.g. <c>HTTP 503</c> or <c>timeout</c>.</summary>
    public string? LastError { get; set; }
}
