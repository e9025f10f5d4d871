using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Millwright.Client.Errors;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Auth;

/// <summary>
/// Auth is attached to route groups as endpoint filters:
/// <see cref="RequireSecretKey"/> for account endpoints, <see cref="RequireConnection"/> for data
/// endpoints. Both check the request's <see cref="ICallerFeature"/>; endpoints then read
/// <see cref="GetCaller"/> / <see cref="GetConnection"/>.
/// </summary>
public static class AuthExtensions
{
    /// <summary>Header with which a secret key names the connection whose data it reads.</summary>
    public const string ConnectionHeader = "Millwright-Connection";

    public static IServiceCollection AddAuth(this IServiceCollection services)
    {
        services.AddScoped<CallerResolver>();
        return services;
    }

    public static Caller GetCaller(this HttpContext context) =>
        context.Features.Get<ICallerFeature>()?.Caller ?? throw new InvalidOperationException("No auth filter on this endpoint.");

    /// <summary>The connection <see cref="RequireConnection"/> admitted the request for.</summary>
    public static ConnectionRow GetConnection(this HttpContext context) =>
        context.Features.Get<ICallerFeature>()?.Connection ?? throw new InvalidOperationException("No connection filter on this endpoint.");

    /// <summary>Only the account's secret key (of the environment it belongs to) may call.</summary>
    public static TBuilder RequireSecretKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(AuthenticatedEndpoint.Instance);
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var caller = (await AuthenticateAsync(ctx.HttpContext)).Caller;
            if (caller.Kind != CallerKind.SecretKey)
            {
                throw new ApiException(403, ErrorCodes.Forbidden,
                    "This endpoint needs the account's secret key; a connection token cannot call it.");
            }

            return await next(ctx);
        });
        return builder;
    }

    /// <summary>
    /// The call works on one connection: the token's own, or the one a secret key names in
    /// <c>Millwright-Connection</c>. The connection must exist, not be deleted, and be in the caller's
    /// account and environment.
    /// </summary>
    public static TBuilder RequireConnection<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(AuthenticatedEndpoint.Instance);
        builder.AddOpenApiOperationTransformer((operation, context, _) => DocumentConnection(operation, context));
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var (caller, connectionId, connection, _) = await AuthenticateAsync(ctx.HttpContext);
            if (!caller.HasScope(scope))
            {
                throw new ApiException(403, ErrorCodes.InsufficientScope, $"The token lacks the '{scope}' scope.");
            }

            if (connectionId is null)
            {
                throw new ApiException(400, ErrorCodes.ConnectionHeaderRequired,
                    $"A secret key reads data of one connection at a time: send the header {ConnectionHeader}: <connection id>.");
            }

            if (connection is null)
            {
                // A token whose connection was deleted is as good as revoked.
                throw caller.Kind == CallerKind.ConnectionToken
                    ? CallerResolver.Invalid()
                    : ApiException.NotFound($"Connection '{connectionId}'");
            }

            return await next(ctx);
        });
        return builder;
    }

    /// <summary>What this filter adds to every operation it guards: the header, and the 404 of a connection the account does not have.</summary>
    private static Task DocumentConnection(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        operation.Parameters ??= [];
        operation.Parameters.Insert(0, new OpenApiParameterReference(ApiContract.ConnectionParameter, context.Document));
        if (operation.Responses is { } responses && !responses.ContainsKey("404")
            && responses.TryGetValue("401", out var unauthorized))
        {
            responses["404"] = new OpenApiResponse
            {
                Description = "NOT_FOUND: the record, or the connection a secret key named in Millwright-Connection, does not exist.",
                Content = unauthorized.Content is { } content ? new Dictionary<string, OpenApiMediaType>(content) : null,
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Resolves the caller of protected endpoints (<see cref="ICallerFeature"/>) before anything reads the
    /// request: endpoint filters run after parameter binding, so without this an anonymous caller could make
    /// the server read and parse a body, and would learn from the answer how it is validated. It also runs
    /// before the rate limiter and the request log read the caller. Kind, scope and connection checks stay in
    /// the filters.
    /// </summary>
    public static WebApplication UseBearerAuthentication(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<AuthenticatedEndpoint>() is not null)
            {
                await AuthenticateAsync(context);
            }

            await next(context);
        });
        return app;
    }

    private static async Task<CallerFeature> AuthenticateAsync(HttpContext http)
    {
        if (http.Features.Get<ICallerFeature>() is CallerFeature known)
        {
            return known;
        }

        var feature = await http.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(http);
        http.Features.Set<ICallerFeature>(feature);
        return feature;
    }
}

/// <summary>Marks endpoints whose callers <see cref="AuthExtensions.UseBearerAuthentication"/> authenticates up front.</summary>
internal sealed class AuthenticatedEndpoint
{
    public static readonly AuthenticatedEndpoint Instance = new();
}
