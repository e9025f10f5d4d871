using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Polly.Timeout;

namespace Millwright.Connectors.Http;

/// <summary>
/// Records every attempt that passed the rate gate (retries included) into the ambient
/// <see cref="UpstreamCallScope"/> and hands it to the <see cref="IUpstreamCallObserver"/>s. It sits outside
/// the per-attempt timeout so that a timed-out attempt is seen as one. Only the method, the redacted URL,
/// the status and the kind of failure are kept: never headers, bodies or exception messages.
/// </summary>
internal sealed class UpstreamCallRecordingHandler(string system, IEnumerable<IUpstreamCallObserver> observers, TimeProvider time) : DelegatingHandler
{
    private readonly IUpstreamCallObserver[] observers = [.. observers];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        using var activity = UpstreamTelemetry.Source.StartActivity("upstream " + request.Method.Method, ActivityKind.Client);
        activity?.SetTag("millwright.system", system);
        activity?.SetTag("http.request.method", request.Method.Method);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            Record(activity, request, startedAt, started, status, Classify(response.StatusCode), null);
            return response;
        }
        catch (Exception e)
        {
            var (outcome, error) = cancellationToken.IsCancellationRequested && e is OperationCanceledException
                ? (UpstreamOutcome.Cancelled, "cancelled")
                : Classify(e);
            Record(activity, request, startedAt, started, null, outcome, error);
            throw;
        }
    }

    private void Record(Activity? activity, HttpRequestMessage request, DateTimeOffset startedAt, long started, int? status, UpstreamOutcome outcome, string? error)
    {
        if (activity is not null)
        {
            activity.SetTag("http.response.status_code", status);
            activity.SetTag("millwright.upstream.outcome", outcome.ToString());
            if (outcome is not (UpstreamOutcome.Succeeded or UpstreamOutcome.Rejected))
            {
                activity.SetStatus(ActivityStatusCode.Error);
                activity.SetTag("error.type", error ?? status?.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        request.Options.TryGetValue(UpstreamRequest.ConnectionId, out var connectionId);
        activity?.SetTag("millwright.connection.id", connectionId);
        request.Options.TryGetValue(UpstreamRequest.Environment, out var environment);
        var call = new UpstreamCall(system, connectionId, environment, request.Method.Method, Redaction.Url(request.RequestUri),
            startedAt, time.GetElapsedTime(started).TotalMilliseconds, status, outcome, error);
        var scope = UpstreamCallRecorder.CurrentScope;
        scope?.Add(call);
        foreach (var observer in observers)
        {
            observer.OnUpstreamCall(call, scope);
        }
    }

    internal static UpstreamOutcome Classify(HttpStatusCode status) => (int)status switch
    {
        429 => UpstreamOutcome.RateLimited,
        408 or 504 => UpstreamOutcome.TimedOut,
        >= 500 => UpstreamOutcome.Failed,
        >= 400 => UpstreamOutcome.Rejected,
        _ => UpstreamOutcome.Succeeded,
    };

    /// <summary>The kind of a transport failure, in words that can never carry a URL or a secret.</summary>
    internal static (UpstreamOutcome Outcome, string Error) Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutRejectedException or TimeoutException:
                    return (UpstreamOutcome.TimedOut, "timeout");
                case UpstreamAddressBlockedException:
                    return (UpstreamOutcome.Unreachable, "address_blocked");
                case SocketException socket:
                    return socket.SocketErrorCode is SocketError.TimedOut
                        ? (UpstreamOutcome.TimedOut, "connect_timeout")
                        : (UpstreamOutcome.Unreachable, "socket_" + socket.SocketErrorCode.ToString().ToLowerInvariant());
                case AuthenticationException:
                    return (UpstreamOutcome.Unreachable, "tls_failed");
            }
        }

        return exception is OperationCanceledException
            ? (UpstreamOutcome.TimedOut, "timeout")
            : (UpstreamOutcome.Unreachable, "connection_failed");
    }
}
