namespace Millwright.Client.Errors;

/// <summary>Every error code the API returns. The catalogue with explanations is docs/errors.md.</summary>
public static class ErrorCodes
{
    /// <summary>The body is not valid JSON or does not match the expected shape.</summary>
    public const string InvalidJson = "INVALID_JSON";
    /// <summary>A query parameter has a bad value.</summary>
    public const string InvalidQueryParameter = "INVALID_QUERY_PARAMETER";
    /// <summary>The cursor is malformed, tampered with, or belongs to another query.</summary>
    public const string InvalidCursor = "INVALID_CURSOR";
    /// <summary>The body parsed but its values are not acceptable.</summary>
    public const string ValidationFailed = "VALIDATION_FAILED";
    /// <summary>No credentials were sent.</summary>
    public const string AuthenticationRequired = "AUTHENTICATION_REQUIRED";
    /// <summary>The key or token is unknown, revoked or expired.</summary>
    public const string InvalidToken = "INVALID_TOKEN";
    /// <summary>The token lacks the scope the call needs.</summary>
    public const string InsufficientScope = "INSUFFICIENT_SCOPE";
    /// <summary>This kind of credential cannot make this call (for example a connection token on an account endpoint).</summary>
    public const string Forbidden = "FORBIDDEN";
    /// <summary>A secret key read data without naming the connection in the Millwright-Connection header.</summary>
    public const string ConnectionHeaderRequired = "CONNECTION_HEADER_REQUIRED";
    /// <summary>The record, connection or other resource does not exist (or is not visible to the caller).</summary>
    public const string NotFound = "NOT_FOUND";
    /// <summary>No endpoint has this path.</summary>
    public const string RouteNotFound = "ROUTE_NOT_FOUND";
    /// <summary>The endpoint exists but not with this HTTP method.</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    /// <summary>The body's Content-Type is not application/json.</summary>
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    /// <summary>The body is larger than the server accepts.</summary>
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    /// <summary>The system id is not one Millwright supports.</summary>
    public const string UnknownSystem = "UNKNOWN_SYSTEM";
    /// <summary>A sync is already running for the connection.</summary>
    public const string SyncAlreadyRunning = "SYNC_ALREADY_RUNNING";
    /// <summary>Too many requests; wait retry_after seconds.</summary>
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";
    /// <summary>The connected system rejected the credentials.</summary>
    public const string ConnectionCredentialsInvalid = "CONNECTION_CREDENTIALS_INVALID";
    /// <summary>The connected system refused because of its own rate limit.</summary>
    public const string UpstreamRateLimited = "UPSTREAM_RATE_LIMITED";
    /// <summary>The connected system failed or could not be reached.</summary>
    public const string UpstreamUnavailable = "UPSTREAM_UNAVAILABLE";
    /// <summary>The connected system did not answer in time.</summary>
    public const string UpstreamTimeout = "UPSTREAM_TIMEOUT";
    /// <summary>The connected system answered with something that is not what its API promises.</summary>
    public const string UpstreamInvalidResponse = "UPSTREAM_INVALID_RESPONSE";
    /// <summary>The connected system refused the request as invalid.</summary>
    public const string UpstreamRejected = "UPSTREAM_REJECTED";
    /// <summary>Millwright failed; the request id finds the log entry.</summary>
    public const string InternalError = "INTERNAL_ERROR";
    /// <summary>Millwright's store cannot be reached right now (or is busy); retry after retry_after seconds. Nothing was changed.</summary>
    public const string StoreUnavailable = "STORE_UNAVAILABLE";
    /// <summary>The connected system rejects the connection's credentials; supply new ones with PUT /v1/connections/{id}/credentials.</summary>
    public const string ConnectionReauthRequired = "CONNECTION_REAUTH_REQUIRED";
    /// <summary>The connection's first sync has not finished, so its data is not complete yet; retry after retry_after seconds.</summary>
    public const string ConnectionNotReady = "CONNECTION_NOT_READY";
    /// <summary>The webhook endpoint is disabled (by the account, or by Millwright after days of failures).</summary>
    public const string WebhookEndpointDisabled = "WEBHOOK_ENDPOINT_DISABLED";
    /// <summary>The account has as many of these objects as the server allows (for example webhook endpoints); delete one first.</summary>
    public const string LimitReached = "LIMIT_REACHED";
    /// <summary>A secret key tried to revoke itself; use another key of the same environment.</summary>
    public const string KeyInUse = "KEY_IN_USE";
    /// <summary>The Connect link session or its one-time code is unknown, expired or already used.</summary>
    public const string LinkSessionInvalid = "LINK_SESSION_INVALID";
    /// <summary>A dashboard form was posted without a valid anti-forgery token (CSRF protection).</summary>
    public const string CsrfTokenInvalid = "CSRF_TOKEN_INVALID";
    /// <summary>The Idempotency-Key was used within 24 hours for a request with another method, path or body.</summary>
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    /// <summary>A request with the same Idempotency-Key is still being processed; retry after retry_after seconds to get its answer.</summary>
    public const string IdempotencyKeyInUse = "IDEMPOTENCY_KEY_IN_USE";
    /// <summary>The connected system cannot do this with the entity (for example delete a record it only closes); see GET /v1/systems.</summary>
    public const string OperationNotSupported = "OPERATION_NOT_SUPPORTED";
    /// <summary>The connected system refused the status transition from the record's current status; details has its message.</summary>
    public const string StatusTransitionNotAllowed = "STATUS_TRANSITION_NOT_ALLOWED";
    /// <summary>The connected system refused the values of a write; details has its messages.</summary>
    public const string UpstreamValidationFailed = "UPSTREAM_VALIDATION_FAILED";
    /// <summary>The record changed in the connected system since Millwright read it (for example an ETag mismatch); re-read and retry.</summary>
    public const string UpstreamConflict = "UPSTREAM_CONFLICT";
    /// <summary>The record no longer exists in the connected system.</summary>
    public const string UpstreamNotFound = "UPSTREAM_NOT_FOUND";
    /// <summary>A passthrough request was refused before it was sent (absolute URL, '..', another host, a credential header).</summary>
    public const string PassthroughRefused = "PASSTHROUGH_REFUSED";
    /// <summary>The key or token was rotated already; rotate its successor instead.</summary>
    public const string AlreadyRotated = "ALREADY_ROTATED";
}
