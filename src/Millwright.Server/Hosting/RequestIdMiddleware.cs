using System.Security.Cryptography;

namespace Millwright.Server.Hosting;

/// <summary>Gives every request an id (<c>req_…</c>), echoed in <c>X-Request-Id</c> on every response.</summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    private const string ItemKey = "millwright.request_id";

    public Task InvokeAsync(HttpContext context)
    {
        var id = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        context.Items[ItemKey] = id;
        context.TraceIdentifier = id;
        context.Response.Headers["X-Request-Id"] = id;
        return next(context);
    }

    public static string Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var id) && id is string s ? s : context.TraceIdentifier;
}
