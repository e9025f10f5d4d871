using System.Diagnostics.CodeAnalysis;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Auth;

/// <summary>
/// Auth is attached to route groups as endpoint filters:
/// <see cref="RequireSecretKey"/> for account endpoints, <see cref="RequireConnection"/> for data
/// endpoints. Endpoints then read <see cref="GetCaller"/> / <see cref="GetConnection"/>.
/// </summary>
public static class AuthExtensions
{
    private const string CallerKey = "millwright.caller";
    private const string ConnectionKey = "millwright.connection";

    /// <summary>Header with which a secret key names the connection whose data it reads.</summary>
    public const string ConnectionHeader = "Millwright-Connection";

    public static IServiceCollection AddAuth(this IServiceCollection services)
    {
        services.AddScoped<CallerResolver>();
        return services;
    }

    public static Caller GetCaller(this HttpContext context) =>
        context.Items[CallerKey] as Caller ?? throw new InvalidOperationException("No auth filter on this endpoint.");

    /// <summary>The caller when <see cref="UseBearerAuthentication"/> or an auth filter has authenticated the request.</summary>
    internal static bool TryGetCaller(this HttpContext context, [NotNullWhen(true)] out Caller? caller)
    {
        caller = context.Items[CallerKey] as Caller;
        return caller is not null;
    }

    public static ConnectionRow GetConnection(this HttpContext context) =>
        context.Items[ConnectionKey] as ConnectionRow ?? throw new InvalidOperationException("No connection filter on this endpoint.");

    /// <summary>Only the account's secret key (of the environment it belongs to) may call.</summary>
    public static TBuilder RequireSecretKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(AuthenticatedEndpoint.Instance);
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var caller = await AuthenticateAsync(ctx.HttpContext);
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
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            var http = ctx.HttpContext;
            var caller = await AuthenticateAsync(http);
            if (!caller.HasScope(scope))
            {
                throw new ApiException(403, ErrorCodes.InsufficientScope, $"The token lacks the '{scope}' scope.");
            }

            var connectionId = caller.ConnectionId;
            if (connectionId is null)
            {
                connectionId = http.Request.Headers[ConnectionHeader].ToString();
                if (string.IsNullOrWhiteSpace(connectionId))
                {
                    throw new ApiException(400, ErrorCodes.ConnectionHeaderRequired,
                        $"A secret key reads data of one connection at a time: send the header {ConnectionHeader}: <connection id>.");
                }
            }

            var db = http.RequestServices.GetRequiredService<MillwrightDb>();
            var connection = await db.ConnectionsVisibleTo(caller).AsNoTracking()
                .FirstOrDefaultAsync(c => c.Id == connectionId, http.RequestAborted);
            if (connection is null)
            {
                // A token whose connection was deleted is as good as revoked.
                throw caller.Kind == CallerKind.ConnectionToken
                    ? new ApiException(401, ErrorCodes.InvalidToken, "The key or token is not valid: unknown, revoked or expired.")
                    : ApiException.NotFound($"Connection '{connectionId}'");
            }

            http.Items[ConnectionKey] = connection;
            return await next(ctx);
        });
        return builder;
    }

    /// <summary>
    /// Authenticates callers of protected endpoints before anything reads the request: endpoint filters run
    /// after parameter binding, so without this an anonymous caller could make the server read and parse a
    /// body, and would learn from the answer how it is validated. Kind, scope and connection checks stay in
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

    private static async Task<Caller> AuthenticateAsync(HttpContext http)
    {
        if (http.Items[CallerKey] is Caller known)
        {
            return known;
        }

        var caller = await http.RequestServices.GetRequiredService<CallerResolver>().ResolveAsync(http);
        http.Items[CallerKey] = caller;
        return caller;
    }
}

/// <summary>Marks endpoints whose callers <see cref="AuthExtensions.UseBearerAuthentication"/> authenticates up front.</summary>
internal sealed class AuthenticatedEndpoint
{
    public static readonly AuthenticatedEndpoint Instance = new();
}
