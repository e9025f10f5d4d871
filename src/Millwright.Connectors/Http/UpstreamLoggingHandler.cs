using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Millwright.Connectors.Http;

/// <summary>
/// The only log of vendor calls (the factory's default loggers are removed because they log full URLs):
/// method, redacted URL, status and duration. Never headers or bodies: they carry credentials and
/// customer data.
/// </summary>
internal sealed partial class UpstreamLoggingHandler(ILogger<UpstreamLoggingHandler> logger, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        request.Options.TryGetValue(UpstreamRequest.ConnectionId, out var connectionId);
        var url = Redaction.Url(request.RequestUri);
        var method = request.Method.Method;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
            var status = (int)response.StatusCode;
            var failed = (int)response.StatusCode >= 500 || response.StatusCode == System.Net.HttpStatusCode.TooManyRequests;
            if (failed && logger.IsEnabled(LogLevel.Warning))
            {
                LogUpstreamFailed(logger, method, url, status, elapsed, connectionId);
            }
            else if (!failed && logger.IsEnabled(LogLevel.Debug))
            {
                LogUpstreamCall(logger, method, url, status, elapsed, connectionId);
            }

            return response;
        }
        catch (Exception e) when ((e is not OperationCanceledException || !cancellationToken.IsCancellationRequested) && logger.IsEnabled(LogLevel.Warning))
        {
            LogUpstreamError(logger, method, url, e.GetType().Name, time.GetElapsedTime(started).TotalMilliseconds, connectionId);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Upstream {Method} {Url} answered {Status} in {ElapsedMs:0} ms (connection {ConnectionId})")]
    private static partial void LogUpstreamCall(ILogger logger, string method, string url, int status, double elapsedMs, string? connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Method} {Url} answered {Status} in {ElapsedMs:0} ms (connection {ConnectionId})")]
    private static partial void LogUpstreamFailed(ILogger logger, string method, string url, int status, double elapsedMs, string? connectionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Method} {Url} failed with {ErrorType} after {ElapsedMs:0} ms (connection {ConnectionId})")]
    private static partial void LogUpstreamError(ILogger logger, string method, string url, string errorType, double elapsedMs, string? connectionId);
}
