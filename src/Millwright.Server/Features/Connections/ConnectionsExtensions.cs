using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Connections;

/// <summary>Connections and their tokens: account-side management (secret key) and <c>GET /v1/connection</c> (token).</summary>
public static class ConnectionsExtensions
{
    public static IServiceCollection AddConnectionsApi(this IServiceCollection services)
    {
        services.AddOptions<AccountCapsOptions>()
            .BindConfiguration(AccountCapsOptions.Section)
            .Validate(AccountCapsOptions.IsValid, $"{AccountCapsOptions.Section}: caps must be 1 to 1000000.")
            .ValidateOnStart();
        services.AddScoped<AccountCaps>();
        services.AddScoped<ConnectionCreator>();
        services.AddScoped<ConnectionTokenIssuer>();
        services.AddScoped<ConnectionTokenService>();
        services.AddScoped<ConnectionUpdater>();
        services.AddScoped<ConnectionCredentialsUpdater>();
        services.AddScoped<ConnectionDeleter>();
        services.AddScoped<ConnectionEvents>();
        return services;
    }

    public static IEndpointRouteBuilder MapConnectionsEndpoints(this IEndpointRouteBuilder app)
    {
        var connections = app.MapGroup("/v1/connections")
            .WithTags("Connections")
            .RequireSecretKey()
            .ProducesErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        ConnectionsEndpoints.Map(connections);
        ConnectionTokensEndpoints.Map(connections);

        var current = app.MapGroup("/v1/connection")
            .WithTags("Connections")
            .RequireConnection(Scopes.Read)
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound);
        CurrentConnectionEndpoints.Map(current);
        return app;
    }
}
