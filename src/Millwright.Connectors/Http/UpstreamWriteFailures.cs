using System.Net.Sockets;
using Millwright.Connectors.Core;
using Polly.CircuitBreaker;

namespace Millwright.Connectors.Http;

/// <summary>
/// Transport failures of a write (a create, an update, a status transition): classified as for reads, plus whether the
/// request may have reached the system (<see cref="ConnectorFailure.OutcomeUnknown"/>). Refusals decided before sending —
/// the rate gate, an open circuit, a blocked address, an unknown host, a refused connection — left nothing written.
/// </summary>
internal static class UpstreamWriteFailures
{
    public static ConnectorFailure FromException(string system, Exception exception)
    {
        var failure = UpstreamFailures.FromException(system, exception);
        return NotSent(exception) ? failure : failure with
        {
            OutcomeUnknown = true,
            Message = $"{failure.Message} The change may or may not have been made in {system}: read the record before retrying without an idempotency key.",
        };
    }

    private static bool NotSent(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is UpstreamRateGateException or BrokenCircuitException or UpstreamAddressBlockedException
                || e is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }
}
