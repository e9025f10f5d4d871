using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Auth;

/// <summary>
/// Turns the <c>Authorization: Bearer</c> header (and, for a secret key, <c>Millwright-Connection</c>) into the
/// request's <see cref="ICallerFeature"/>. The one place that reads keys, tokens and the caller's connection
/// from the store on the request path; nothing is cached between requests, so a revoked key or token is
/// refused on its very next call.
/// </summary>
internal sealed class CallerResolver(MillwrightDb db, TimeProvider time)
{
    public async Task<CallerFeature> ResolveAsync(HttpContext context)
    {
        var caller = await AuthenticateAsync(context);
        var connectionId = caller.ConnectionId ?? NamedConnection(context.Request);
        var connection = connectionId is null ? null
            : await db.ConnectionsVisibleTo(caller).AsNoTracking().FirstOrDefaultAsync(c => c.Id == connectionId, context.RequestAborted);
        return new CallerFeature(caller, connectionId, connection);
    }

    /// <summary>The connection a secret key names; a blank header names none.</summary>
    private static string? NamedConnection(HttpRequest request) =>
        request.Headers[AuthExtensions.ConnectionHeader].ToString() is { } named && !string.IsNullOrWhiteSpace(named) ? named : null;

    private async Task<Caller> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new ApiException(401, ErrorCodes.AuthenticationRequired,
                "Send Authorization: Bearer <secret key or connection token>.");
        }

        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(401, ErrorCodes.AuthenticationRequired, "The Authorization header must use the Bearer scheme.");
        }

        var secret = header[prefix.Length..].Trim();
        if (!BearerSecrets.TryParse(secret, out _, out var kind))
        {
            throw Invalid();
        }

        var hash = BearerSecrets.Hash(secret);
        var now = time.GetUtcNow();
        if (kind == BearerSecrets.SecretKeyKind)
        {
            var key = await db.ApiKeys.AsNoTracking()
                .FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, context.RequestAborted);
            return key is null
                ? throw Invalid()
                : new Caller(key.AccountId, key.Environment, CallerKind.SecretKey, key.Id, null, Scopes.All);
        }

        var token = await db.ConnectionTokens.AsNoTracking()
            .FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAt == null, context.RequestAborted);
        if (token is null || (token.ExpiresAt is { } expires && expires <= now))
        {
            throw Invalid();
        }

        var scopes = token.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        return new Caller(token.AccountId, token.Environment, CallerKind.ConnectionToken, token.Id, token.ConnectionId, scopes);
    }

    internal static ApiException Invalid() =>
        new(401, ErrorCodes.InvalidToken, "The key or token is not valid: unknown, revoked or expired.");
}
