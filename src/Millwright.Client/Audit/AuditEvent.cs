namespace Millwright.Client.Audit;

/// <summary>
/// One entry of the account's audit log (<c>GET /v1/audit-events</c>): who created, rotated or revoked a
/// key or token, used one that no longer works, signed in to the dashboard, or was stopped after repeated
/// failed authentication.
/// </summary>
public sealed record AuditEvent
{
    /// <summary>Event id (<c>aud_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>What happened, e.g. <c>api_key.rotated</c>; the values are listed in <see cref="AuditEventTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary><c>test</c> or <c>live</c>.</summary>
    public string? Environment { get; init; }

    /// <summary>Who did it: <c>secret_key</c>, <c>connection_token</c>, <c>operator</c> (the command line) or <c>anonymous</c>.</summary>
    public required string ActorType { get; init; }

    /// <summary>Id of the key or token that acted (<c>key_…</c>, <c>tok_…</c>), when there is one.</summary>
    public string? ActorId { get; init; }

    /// <summary>What it was done to: <c>api_key</c>, <c>connection_token</c>, <c>dashboard_session</c> or <c>client_address</c>.</summary>
    public string? SubjectType { get; init; }

    /// <summary>Id of the subject.</summary>
    public string? SubjectId { get; init; }

    /// <summary>The request that caused it (<c>req_…</c>, the <c>X-Request-Id</c>), when it came through the API or dashboard.</summary>
    public string? RequestId { get; init; }

    /// <summary>The client's address as the server saw it.</summary>
    public string? IpAddress { get; init; }

    /// <summary>Further facts, e.g. <c>successor_id</c> and <c>grace_period_seconds</c> of a rotation.</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();

    /// <summary>When it happened.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Values of <see cref="AuditEvent.Type"/>.</summary>
public static class AuditEventTypes
{
    /// <summary>A secret key was issued (API, dashboard, command line, or as a rotation's successor).</summary>
    public const string ApiKeyCreated = "api_key.created";
    /// <summary>A secret key was rotated: a successor was issued and the old key keeps working for the grace period.</summary>
    public const string ApiKeyRotated = "api_key.rotated";
    /// <summary>A secret key was revoked.</summary>
    public const string ApiKeyRevoked = "api_key.revoked";
    /// <summary>Someone used a revoked or expired secret key (recorded at most once a minute per key).</summary>
    public const string ApiKeyRejected = "api_key.rejected";
    /// <summary>A connection token was issued.</summary>
    public const string ConnectionTokenCreated = "connection_token.created";
    /// <summary>A connection token was rotated.</summary>
    public const string ConnectionTokenRotated = "connection_token.rotated";
    /// <summary>A connection token was revoked.</summary>
    public const string ConnectionTokenRevoked = "connection_token.revoked";
    /// <summary>Someone used a revoked or expired connection token (at most once a minute per token).</summary>
    public const string ConnectionTokenRejected = "connection_token.rejected";
    /// <summary>Someone signed in to the dashboard with a secret key.</summary>
    public const string DashboardSignedIn = "dashboard.signed_in";
    /// <summary>Dashboard sign-ins were refused after too many failures (per client address or account).</summary>
    public const string DashboardSignInLimited = "dashboard.sign_in_limited";
    /// <summary>Bearer authentication from one client address was refused after too many failures.</summary>
    public const string AuthFailuresLimited = "auth.failures_limited";
}

/// <summary>Filters of <c>GET /v1/audit-events</c>.</summary>
public sealed record AuditEventQuery
{
    /// <summary>One type (<c>api_key.rotated</c>) or a family (<c>api_key.*</c>).</summary>
    public string? Type { get; init; }

    /// <summary>Only events at or after this time.</summary>
    public DateTimeOffset? CreatedAfter { get; init; }

    /// <summary>Only events before this time.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>Page size, 1–500 (50 when omitted).</summary>
    public int? Limit { get; init; }

    /// <summary>The previous page's <c>next_cursor</c>.</summary>
    public string? Cursor { get; init; }
}
