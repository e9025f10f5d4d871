using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Millwright.Client.Errors;
using Millwright.Connectors.Core;
using Polly.Timeout;

namespace Millwright.Connectors.Http;

/// <summary>
/// Turns vendor answers and transport errors into <see cref="ConnectorFailure"/>s with a category, a
/// Millwright error code and a message in plain words that names the system and never a secret.
/// </summary>
internal static class UpstreamFailures
{
    /// <summary>Classifies a non-success HTTP status. <paramref name="vendorMessage"/> must already be scrubbed of secrets.</summary>
    public static ConnectorFailure FromStatus(string system, HttpStatusCode status, TimeSpan? retryAfter, string? vendorMessage)
    {
        var code = (int)status;
        var detail = string.IsNullOrWhiteSpace(vendorMessage) ? "" : $": {vendorMessage.Trim().TrimEnd('.')}";
        return code switch
        {
            401 => new(FailureCategory.AuthFailed, ErrorCodes.ConnectionCredentialsInvalid,
                $"{system} rejected the credentials (HTTP 401){detail}. Check the API key.", null, code),
            403 => new(FailureCategory.AuthFailed, ErrorCodes.ConnectionCredentialsInvalid,
                $"{system} refused access with these credentials (HTTP 403){detail}.", null, code),
            429 => new(FailureCategory.RateLimited, ErrorCodes.UpstreamRateLimited,
                $"{system} is limiting requests (HTTP 429){detail}.", retryAfter ?? TimeSpan.FromSeconds(60), code),
            408 or 504 => new(FailureCategory.Transient, ErrorCodes.UpstreamTimeout,
                $"{system} did not answer in time (HTTP {code}).", retryAfter, code),
            >= 500 => new(FailureCategory.Transient, ErrorCodes.UpstreamUnavailable,
                $"{system} failed with HTTP {code}{detail}.", retryAfter, code),
            >= 300 and < 400 => new(FailureCategory.Config, ErrorCodes.UpstreamInvalidResponse,
                $"{system} answered with a redirect (HTTP {code}); Millwright does not follow redirects, so set the final address as the base URL.", null, code),
            404 => new(FailureCategory.Permanent, ErrorCodes.UpstreamRejected,
                $"{system} answered 404 Not Found{detail}.", null, code),
            _ => new(FailureCategory.Permanent, ErrorCodes.UpstreamRejected,
                $"{system} refused the request (HTTP {code}){detail}.", null, code),
        };
    }

    /// <summary>A body that is not what the vendor's API promises (not JSON, missing envelope…).</summary>
    public static ConnectorFailure InvalidResponse(string system, string what, int? status = null) =>
        new(FailureCategory.Permanent, ErrorCodes.UpstreamInvalidResponse, $"{system} answered with {what}.", null, status);

    /// <summary>
    /// Classifies a transport failure of a write: as <see cref="FromException"/>, with <see cref="ConnectorFailure.OutcomeUnknown"/>
    /// when the request may have reached the system (a timeout or a connection lost after connecting), so the record may exist.
    /// </summary>
    public static ConnectorFailure FromWriteException(string system, Exception exception)
    {
        var failure = FromException(system, exception);
        var beforeSending = false;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // Refused, unknown, unreachable or blocked addresses, a failed TLS handshake, pacing and an open circuit never sent
            // anything; a connection reset or aborted after connecting may have carried the request.
            beforeSending |= e is UpstreamRateGateException or Polly.CircuitBreaker.BrokenCircuitException
                or UpstreamAddressBlockedException or AuthenticationException
                || (e is SocketException socket && NeverConnected(socket.SocketErrorCode));
        }

        return failure.Category == FailureCategory.Transient && !beforeSending
            ? failure with { OutcomeUnknown = true, Message = $"{failure.Message} The write may or may not have been made in {system}: check before retrying without an idempotency key." }
            : failure;
    }

    private static bool NeverConnected(SocketError error) => error is SocketError.HostNotFound or SocketError.NoData
        or SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TimedOut;

    /// <summary>Classifies a transport failure. Cancellation by the caller is not a failure: rethrow it instead of calling this.</summary>
    public static ConnectorFailure FromException(string system, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case UpstreamRateGateException gate:
                    return new(FailureCategory.RateLimited, ErrorCodes.UpstreamRateLimited,
                        $"Millwright is pacing calls to {system} to stay within its request budget.", gate.RetryAfter);
                case Polly.CircuitBreaker.BrokenCircuitException:
                    return new(FailureCategory.Transient, ErrorCodes.UpstreamUnavailable,
                        $"{system} failed repeatedly, so Millwright paused calls to it for a short while (circuit open).");
                case UpstreamAddressBlockedException blocked:
                    return new(FailureCategory.Config, ErrorCodes.UpstreamUnavailable,
                        $"The {system} address '{blocked.Host}' points into a private or internal network, which Millwright does not call. Use the system's public address.");
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData }:
                    return new(FailureCategory.Config, ErrorCodes.UpstreamUnavailable,
                        $"The {system} host name could not be found. Check the base URL.");
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return new(FailureCategory.Transient, ErrorCodes.UpstreamUnavailable,
                        $"{system} refused the connection: nothing is listening at the base URL, or the service is down.");
                case SocketException { SocketErrorCode: SocketError.TimedOut }:
                    return new(FailureCategory.Transient, ErrorCodes.UpstreamTimeout, $"Connecting to {system} timed out.");
                case SocketException socket:
                    return new(FailureCategory.Transient, ErrorCodes.UpstreamUnavailable,
                        $"{system} could not be reached ({socket.SocketErrorCode}).");
                case AuthenticationException:
                    return new(FailureCategory.Config, ErrorCodes.UpstreamUnavailable,
                        $"The secure (TLS) connection to {system} failed: the certificate is not trusted or the address is not an HTTPS endpoint.");
                case TimeoutRejectedException or TimeoutException:
                    return new(FailureCategory.Transient, ErrorCodes.UpstreamTimeout, $"{system} did not answer in time.");
                case JsonException:
                    return InvalidResponse(system, "a body that is not valid JSON");
            }
        }

        return exception is HttpRequestException or IOException or OperationCanceledException
            ? new(FailureCategory.Transient, ErrorCodes.UpstreamUnavailable, $"{system} could not be reached (the connection failed).")
            : throw new InvalidOperationException("Unexpected exception while calling an upstream system.", exception);
    }
}
