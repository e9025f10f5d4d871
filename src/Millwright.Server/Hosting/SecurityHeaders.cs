namespace Millwright.Server.Hosting;

/// <summary>
/// Headers every response carries, whatever produced it (API, docs, status page, dashboard, errors, sandboxes):
/// <c>nosniff</c>, and framing denied except for the Connect page, which is made to be embedded and sets its
/// own <c>frame-ancestors</c> (see Features/Connect). Added as the response starts, so a handler that set
/// a stricter or page-specific policy keeps it, and an error response that cleared the headers still gets them.
/// </summary>
internal static class SecurityHeaders
{
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (!context.Request.Path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase))
                {
                    if (string.IsNullOrEmpty(headers.XFrameOptions))
                    {
                        headers.XFrameOptions = "DENY";
                    }

                    var policy = headers.ContentSecurityPolicy.ToString();
                    if (!policy.Contains("frame-ancestors", StringComparison.Ordinal))
                    {
                        headers.ContentSecurityPolicy = policy.Length == 0 ? "frame-ancestors 'none'" : policy + "; frame-ancestors 'none'";
                    }
                }

                return Task.CompletedTask;
            }, context);
            return next(context);
        });
        return app;
    }
}
