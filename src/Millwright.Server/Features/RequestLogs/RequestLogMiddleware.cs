using Microsoft.Extensions.Options;
using Millwright.Connectors.Http;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>
/// Logs every authenticated <c>/v1</c> call. It runs outermost (before the request id and error
/// middleware), so it sees the final status and error envelope; it copies what it needs as the request
/// goes by and hands one item to <see cref="LogQueue"/>. Reading the logs themselves is not logged, and
/// calls that fail authentication are not either (they belong to no account).
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, LogQueue queue, IOptions<RequestLogOptions> options, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (!options.Value.Enabled || !path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/v1/request-logs", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var max = options.Value.MaxBodyBytes;
        var readMax = Math.Min(max, options.Value.MaxReadBodyBytes);
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var requestBody = new BodyCapture(max);
        var responseBody = new BodyCapture(() => IsSuccessfulRead(context) ? readMax : max);
        var originalRequest = context.Request.Body;
        var originalResponse = context.Response.Body;
        context.Request.Body = new CapturingStream(originalRequest, requestBody);
        context.Response.Body = new CapturingStream(originalResponse, responseBody);
        using var upstream = UpstreamCallRecorder.Begin("api");
        var status = 0;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        catch
        {
            // Only a response that had started (or a client that hung up) gets here: the error middleware
            // translates the rest. 499 is the conventional "client closed request".
            status = context.RequestAborted.IsCancellationRequested ? 499 : 500;
            throw;
        }
        finally
        {
            context.Request.Body = originalRequest;
            context.Response.Body = originalResponse;
            if (context.Features.Get<ICallerFeature>() is { } feature)
            {
                var caller = feature.Caller;
                var calls = upstream.Calls();
                queue.Enqueue(new ApiCallItem(
                    RequestIdMiddleware.Get(context), caller.AccountId, caller.Environment, ConnectionOf(context, feature, calls), caller.CredentialId,
                    context.Request.Method, path.Value ?? "/", context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : null,
                    status, time.GetElapsedTime(started).TotalMilliseconds, startedAt,
                    Copy(context.Request.Headers), Copy(context.Response.Headers), requestBody, responseBody, calls));
            }
        }
    }

    /// <summary>
    /// The connection the call worked on: the token's or the one a secret key named in the header (as
    /// resolved for the request), the one in <c>/v1/connections/{id}</c>, or else the one its upstream calls
    /// were made for (a connection being created has no id in the request yet).
    /// </summary>
    private static string? ConnectionOf(HttpContext context, ICallerFeature feature, IReadOnlyList<UpstreamCall> calls)
    {
        if (feature.ConnectionId is { } named)
        {
            return named;
        }

        if (context.Request.RouteValues.TryGetValue("id", out var id) && id is string routeId
            && context.Request.Path.StartsWithSegments("/v1/connections", StringComparison.OrdinalIgnoreCase))
        {
            return routeId;
        }

        return calls.Select(c => c.ConnectionId).Distinct().ToList() is [{ } only] ? only : null;
    }

    /// <summary>A read that worked: its answer is in the store already, so the log keeps only its first bytes.</summary>
    private static bool IsSuccessfulRead(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) && context.Response.StatusCode < 400;

    private static KeyValuePair<string, string>[] Copy(IHeaderDictionary headers)
    {
        var copy = new KeyValuePair<string, string>[headers.Count];
        var i = 0;
        foreach (var (name, value) in headers)
        {
            copy[i++] = new(name, value.ToString());
        }

        return copy;
    }
}
