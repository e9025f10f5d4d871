using Millwright.Client.Models;
using Millwright.Server.Features.Auth;

namespace Millwright.Server.Features.Writes;

/// <summary>Writes back to the connected system: <c>POST</c>/<c>PATCH</c>/<c>DELETE /v1/{entity}</c> and <c>POST /v1/passthrough</c> (README.md here).</summary>
public static class WritesExtensions
{
    public static IServiceCollection AddWrites(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyKeys>();
        services.AddScoped<WriteTargets>();
        services.AddScoped<WriteBody>();
        services.AddScoped<WrittenRecords>();
        services.AddScoped<WriteCredentialFailures>();
        services.AddScoped<RecordWrites>();
        return services;
    }

    public static IEndpointRouteBuilder MapWritesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1").RequireConnection(Scopes.Write);
        foreach (var entity in EntityInfo.All)
        {
            WriteEndpoints.Map(group, entity);
        }

        PassthroughEndpoints.Map(app);

        return app;
    }
}
