using System.Diagnostics;
using System.Security.Cryptography;
using Millwright.Server.Hosting.Telemetry;

namespace Millwright.Server.Hosting;

/// <summary>
/// Gives every request an id (<c>req_…</c>), echoed in <c>X-Request-Id</c> on every response, put on the request's
/// span and in a log scope (<c>MillwrightRequestId</c>; the host's own <c>RequestId</c> scope is taken before this
/// id exists), so that a log line, a trace and a request log entry find each other.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    private const string ItemKey = "millwright.request_id";

    public async Task InvokeAsync(HttpContext context)
    {
        var id = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        context.Items[ItemKey] = id;
        context.TraceIdentifier = id;
        context.Response.Headers["X-Request-Id"] = id;
        Activity.Current?.SetTag(MillwrightTelemetry.RequestIdTag, id);
        using (logger.BeginScope(new KeyValuePair<string, object>[] { new("MillwrightRequestId", id) }))
        {
            await next(context);
        }
    }

    public static string Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var id) && id is string s ? s : context.TraceIdentifier;
}
