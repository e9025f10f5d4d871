namespace Millwright.Server.Features.Audit;

/// <summary>The audit log: <see cref="AuditLog"/> for writers, <c>GET /v1/audit-events</c>, retention.</summary>
public static class AuditExtensions
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.Section)
            .Validate(AuditOptions.IsValid, $"{AuditOptions.Section} has a value out of range (see AuditOptions).")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddScoped<AuditLog>();
        services.AddSingleton<AuditCleanup>();
        return services;
    }

    /// <summary>The retention job; only the server runs it (the command line writes events but starts no background work).</summary>
    public static IServiceCollection AddAuditRetention(this IServiceCollection services) =>
        services.AddHostedService(sp => sp.GetRequiredService<AuditCleanup>());

    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        AuditEndpoints.Map(app);
        return app;
    }
}
