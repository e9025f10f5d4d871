namespace Millwright.Connectors.Http;

/// <summary>
/// Runs every attempt (retries included: they cost the vendor budget too) through the connection's
/// <see cref="UpstreamRateGate"/>, and feeds the vendor's rate-limit answers back into it.
/// </summary>
internal sealed class UpstreamRateGateHandler(UpstreamRateGate gate, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(UpstreamRequest.ConnectionId, out var connectionId)
            || !request.Options.TryGetValue(UpstreamRequest.RequestsPerMinute, out var budget))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        await gate.AcquireAsync(connectionId, budget, cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (request.Options.TryGetValue(UpstreamRequest.VendorStatesPerMinuteLimit, out var states) && states
            && RateLimitHeaders.Limit(response) is { } stated)
        {
            gate.Learn(connectionId, stated);
        }

        var pause = RateLimitHeaders.IsRateLimited(response)
            ? RateLimitHeaders.RetryAfter(response, time.GetUtcNow()) ?? TimeSpan.FromSeconds(5)
            : RateLimitHeaders.ExhaustedFor(response);
        if (pause is { } delay && delay > TimeSpan.Zero)
        {
            await gate.PauseAsync(connectionId, delay, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }
}
