namespace Millwright.Server.Features.RateLimits;

/// <summary>Entry points of inbound rate limiting. <see cref="UseRateLimits"/> goes right after <c>UseBearerAuthentication</c>.</summary>
internal static class RateLimitsExtensions
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .Validate(RateLimitOptions.IsValid, $"{RateLimitOptions.Section} limits must be at least 1 per minute.")
            .ValidateOnStart();
        services.AddSingleton<FixedWindowCounters>();
        return services;
    }

    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.UseMiddleware<RateLimitMiddleware>();
        return app;
    }
}
