using Millwright.Connectors.Http;
using Millwright.Server.Hosting;

namespace Millwright.Server.Features.RateLimits;

/// <summary>
/// Entry points of inbound rate limiting. <see cref="UseRateLimits"/> goes right after <c>UseBearerAuthentication</c>;
/// <see cref="MapRateLimitEndpoints"/> adds <c>GET/PATCH /v1/account</c> (the account's own limit).
/// </summary>
internal static class RateLimitsExtensions
{
    public static IServiceCollection AddRateLimits(this IServiceCollection services, MillwrightOptions millwright)
    {
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .Validate(RateLimitOptions.IsValid, $"{RateLimitOptions.Section} limits must be 1 to {RateLimitOptions.MaxPerMinute} per minute.")
            .ValidateOnStart();
        services.AddSingleton<FixedWindowCounters>();
        services.AddSingleton<RateLimitSettings>();
        services.AddSingleton<AuthFailureLimits>();
        if (millwright.UsesRedis)
        {
            services.AddSingleton(new RedisConnection(millwright.Redis!));
            services.AddSingleton<IRateLimitCounters, RedisWindowCounters>();
            services.AddSingleton<ISharedUpstreamBudget, RedisUpstreamBudget>();
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["status"]);
        }
        else
        {
            services.AddSingleton<IRateLimitCounters>(sp => sp.GetRequiredService<FixedWindowCounters>());
        }

        services.ConfigureOpenApiForRateLimits();
        return services;
    }

    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.UseMiddleware<RateLimitMiddleware>();
        return app;
    }

    public static IEndpointRouteBuilder MapRateLimitEndpoints(this IEndpointRouteBuilder app)
    {
        AccountSettingsEndpoints.Map(app);
        return app;
    }
}
