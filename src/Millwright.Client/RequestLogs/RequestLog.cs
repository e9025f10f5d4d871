namespace Millwright.Client.RequestLogs;

/// <summary>
/// One logged API call (<see cref="RequestLogKind.Api"/>, id = its request id) or the upstream calls of one
/// sync run (<see cref="RequestLogKind.Sync"/>, id = the run id). Secrets are masked (<c>***</c>) before
/// anything is stored; bodies are cut at the server's configured size.
/// </summary>
public sealed record RequestLog
{
    /// <summary>The request id (<c>req_…</c>, as in <c>X-Request-Id</c>) or the sync run id (<c>sync_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>An API call or a sync run.</summary>
    public RequestLogKind Kind { get; init; }

    /// <summary>The connection the call worked on, when it worked on one.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>Id of the secret key or connection token that made the call (never the secret itself).</summary>
    public string? CredentialId { get; init; }

    /// <summary>HTTP method; null for sync runs.</summary>
    public string? Method { get; init; }

    /// <summary>Path, e.g. <c>/v1/work-orders</c>; null for sync runs.</summary>
    public string? Path { get; init; }

    /// <summary>Query string without <c>?</c>, sensitive values masked.</summary>
    public string? Query { get; init; }

    /// <summary>HTTP status of the answer; null for sync runs.</summary>
    public int? Status { get; init; }

    /// <summary>Time from the request's arrival to the end of the answer, in milliseconds.</summary>
    public double? DurationMs { get; init; }

    /// <summary>When the call arrived (the first upstream call, for sync runs).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>How many upstream attempts the call caused.</summary>
    public int UpstreamCallCount { get; init; }

    /// <summary>Request headers, secrets masked. Only on <c>GET /v1/request-logs/{id}</c>.</summary>
    public IReadOnlyDictionary<string, string>? RequestHeaders { get; init; }

    /// <summary>Request body (secrets masked), cut at the configured size. Only on the single get.</summary>
    public string? RequestBody { get; init; }

    /// <summary>True when the request body was cut.</summary>
    public bool RequestBodyTruncated { get; init; }

    /// <summary>Response headers, secrets masked. Only on the single get.</summary>
    public IReadOnlyDictionary<string, string>? ResponseHeaders { get; init; }

    /// <summary>
    /// Response body (secrets masked), cut at the configured size (16 KiB by default; a successful read keeps its first
    /// 2 KiB, since the store holds what it returned). Only on the single get.
    /// </summary>
    public string? ResponseBody { get; init; }

    /// <summary>True when the response body was cut.</summary>
    public bool ResponseBodyTruncated { get; init; }

    /// <summary>The upstream attempts, oldest first. Only on the single get.</summary>
    public IReadOnlyList<UpstreamCallLog>? UpstreamCalls { get; init; }
}

/// <summary>One attempt of a call to the connected system (retries are separate attempts).</summary>
public sealed record UpstreamCallLog
{
    /// <summary>System id, e.g. <c>maintainx</c>.</summary>
    public required string System { get; init; }

    /// <summary>The connection the attempt was made for.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The URL without user info, sensitive query values masked.</summary>
    public required string Url { get; init; }

    /// <summary>HTTP status; null when no answer came.</summary>
    public int? Status { get; init; }

    /// <summary>How the attempt ended.</summary>
    public UpstreamCallOutcome Outcome { get; init; }

    /// <summary>Kind of failure when no answer came (<c>timeout</c>, <c>socket_connectionrefused</c>…).</summary>
    public string? Error { get; init; }

    /// <summary>Milliseconds until the answer's headers or the failure.</summary>
    public double DurationMs { get; init; }

    /// <summary>When the attempt started.</summary>
    public DateTimeOffset StartedAt { get; init; }
}

/// <summary>What a request log entry records.</summary>
public enum RequestLogKind
{
    /// <summary>A call of the Millwright API.</summary>
    Api,
    /// <summary>The upstream calls of one sync run.</summary>
    Sync,
}

/// <summary>How an upstream attempt ended.</summary>
public enum UpstreamCallOutcome
{
    /// <summary>2xx or 3xx.</summary>
    Succeeded,
    /// <summary>A 4xx other than 408/429: the system refused this request (credentials, not found…).</summary>
    Rejected,
    /// <summary>429.</summary>
    RateLimited,
    /// <summary>5xx.</summary>
    Failed,
    /// <summary>408, 504, or no answer in time.</summary>
    TimedOut,
    /// <summary>No answer: refused, reset, unknown host, TLS failure.</summary>
    Unreachable,
    /// <summary>Millwright stopped waiting (the API caller hung up, or shutdown).</summary>
    Cancelled,
}
