namespace Millwright.Connectors.Core;

/// <summary>Why a call to a vendor system failed; the caller decides whether to retry.</summary>
public enum FailureCategory
{
    /// <summary>The vendor throttled us; retry after <see cref="ConnectorFailure.RetryAfter"/>.</summary>
    RateLimited,
    /// <summary>Timeouts, 5xx, connection resets: worth retrying with backoff.</summary>
    Transient,
    /// <summary>Credentials rejected (401/403): needs new credentials, never retried.</summary>
    AuthFailed,
    /// <summary>The connection's settings are wrong (bad URL, unknown organisation): needs a human.</summary>
    Config,
    /// <summary>The vendor rejected the request or answered with nonsense: retrying will not help.</summary>
    Permanent,
}

/// <summary>A classified failure of a vendor call. <see cref="Message"/> never contains secrets.</summary>
/// <param name="Category">What kind of failure it is.</param>
/// <param name="Code">Millwright error code (see Millwright.Client.Errors.ErrorCodes).</param>
/// <param name="Message">Plain-words explanation, safe to show to users.</param>
/// <param name="RetryAfter">How long the vendor asked us to wait, when it said.</param>
/// <param name="UpstreamStatus">The vendor's HTTP status, when there was one.</param>
/// <param name="OutcomeUnknown">Writes only: the request may have reached the system (a timeout or a dropped connection after
/// sending), so the record may or may not have been written. The API says <c>outcome: "unknown"</c>.</param>
/// <param name="VendorMessages">The system's own messages (already scrubbed of secrets), e.g. why it refused a status
/// transition or which field it rejected; the API lists them in <c>details</c>.</param>
public sealed record ConnectorFailure(
    FailureCategory Category,
    string Code,
    string Message,
    TimeSpan? RetryAfter = null,
    int? UpstreamStatus = null,
    bool OutcomeUnknown = false,
    IReadOnlyList<string>? VendorMessages = null);

/// <summary>Either a value or a <see cref="ConnectorFailure"/>; connectors return this instead of throwing.</summary>
public readonly record struct ConnectorResult<T>
{
    private ConnectorResult(T? value, ConnectorFailure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public ConnectorFailure? Failure { get; }

    public bool IsSuccess => Failure is null;

    public static ConnectorResult<T> Ok(T value) => new(value, null);

    public static ConnectorResult<T> Fail(ConnectorFailure failure) => new(default, failure);

    public static implicit operator ConnectorResult<T>(ConnectorFailure failure) => Fail(failure);
}
