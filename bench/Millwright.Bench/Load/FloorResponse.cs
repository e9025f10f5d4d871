using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Millwright.Bench.Load;

/// <summary>
/// The <c>floor-50</c> route of a load run: the bytes of one real <c>list-50</c> answer, captured once after
/// seeding and then served from memory by the same server process at <see cref="Path"/>, before any of the
/// server's own middleware (no request id, auth, rate limit, request log or store). It exists only in a
/// bench host that asks for it (<see cref="LoadServerHost"/> with <c>floor: true</c>), never in the product.
/// </summary>
internal sealed class FloorResponse
{
    public const string Path = "/bench/floor-50";

    private byte[]? body;
    private string contentType = "application/json";

    /// <summary>Captured list response size in bytes (0 until captured).</summary>
    public int Length => body?.Length ?? 0;

    public void Capture(byte[] bytes, string? mediaType)
    {
        contentType = mediaType ?? contentType;
        body = bytes;
    }

    /// <summary>A startup filter that puts the route in front of the server's pipeline.</summary>
    public IStartupFilter StartupFilter() => new Filter(this);

    private async Task ServeAsync(HttpContext context, RequestDelegate next)
    {
        if (body is not { } bytes || !context.Request.Path.Equals(Path, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private sealed class Filter(FloorResponse floor) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(floor.ServeAsync);
            next(app);
        };
    }
}
