using Microsoft.Extensions.Options;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;

namespace Millwright.Server.Features.Sync;

/// <summary>
/// Reads one page through the connector and retries what is worth retrying: a throttled page after the
/// vendor's Retry-After (bounded), a transient failure or a malformed body with exponential backoff and jitter. Anything else, or a
/// retry budget spent, goes back to the engine as a failure to classify.
/// </summary>
internal sealed partial class PageReader(IOptions<SyncOptions> options, TimeProvider time, ILogger<PageReader> logger)
{
    public async Task<ConnectorResult<RawPage>> ReadAsync(
        IConnector connector, ConnectionContext context, ReadRequest request, string runId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var transientRetries = 0;
        var throttledRetries = 0;
        while (true)
        {
            var result = await TryReadAsync(connector, context, request, cancellationToken);
            if (result.Failure is not { } failure)
            {
                return result;
            }

            TimeSpan delay;
            if (failure.Category == FailureCategory.RateLimited && throttledRetries < o.MaxRateLimitRetries)
            {
                throttledRetries++;
                var asked = failure.RetryAfter ?? o.DefaultRateLimitWait;
                delay = asked < TimeSpan.Zero ? TimeSpan.Zero : asked > o.MaxRateLimitWait ? o.MaxRateLimitWait : asked;
            }
            else if (IsWorthRetrying(failure) && transientRetries < o.TransientRetries)
            {
                transientRetries++;
                // Exponential with ±20 % jitter, so that connections failing together do not retry together.
                var factor = Math.Pow(2, transientRetries - 1) * (0.8 + (Random.Shared.NextDouble() * 0.4));
                delay = o.TransientBaseDelay * factor;
            }
            else
            {
                return result;
            }

            LogRetrying(runId, request.Entity, failure.Category, failure.Code, delay);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>
    /// Transient failures, and a malformed or truncated body: reading a page is idempotent and a body cut off
    /// by a dropped connection or a proxy hiccup usually comes back whole; one that stays broken is then
    /// recorded for its entity (<c>UPSTREAM_INVALID_RESPONSE</c>).
    /// </summary>
    private static bool IsWorthRetrying(ConnectorFailure failure) =>
        failure.Category == FailureCategory.Transient
        || (failure.Category == FailureCategory.Permanent && failure.Code == ErrorCodes.UpstreamInvalidResponse);

    private static async Task<ConnectorResult<RawPage>> TryReadAsync(
        IConnector connector, ConnectionContext context, ReadRequest request, CancellationToken cancellationToken)
    {
        // Connectors classify their failures; these catch what slips through as an exception anyway.
        try
        {
            return await connector.ReadPageAsync(context, request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return new ConnectorFailure(FailureCategory.Transient, ErrorCodes.UpstreamUnavailable, "The system could not be reached.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ConnectorFailure(FailureCategory.Transient, ErrorCodes.UpstreamTimeout, "The system did not answer in time.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId}: page of {Entity} failed ({Category} {Code}); retrying in {Delay}")]
    private partial void LogRetrying(string runId, Entity entity, FailureCategory category, string code, TimeSpan delay);
}
