using Millwright.Client.Errors;

namespace Millwright.Server.Hosting.Errors;

internal static class ErrorsExtensions
{
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        // Let binding failures reach ErrorHandlingMiddleware instead of becoming empty 400s.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Request id first, then error translation, then empty 404/405s given an envelope.</summary>
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var error = http.Response.StatusCode switch
            {
                404 => new ApiException(404, ErrorCodes.RouteNotFound, $"No endpoint at {http.Request.Path}."),
                405 => new ApiException(405, ErrorCodes.MethodNotAllowed, $"{http.Request.Method} is not allowed on {http.Request.Path}."),
                413 => new ApiException(413, ErrorCodes.PayloadTooLarge, "The request body is too large."),
                415 => new ApiException(415, ErrorCodes.UnsupportedMediaType, "Send the body as application/json."),
                401 => new ApiException(401, ErrorCodes.AuthenticationRequired, "Send Authorization: Bearer <secret key or connection token>."),
                _ => null,
            };
            return error is null ? Task.CompletedTask : ApiErrors.WriteAsync(http, error);
        });
        return app;
    }
}
