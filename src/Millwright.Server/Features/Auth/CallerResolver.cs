using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Auth;

/// <summary>Finds the <see cref="Caller"/> behind an <c>Authorization: Bearer</c> header.</summary>
internal sealed class CallerResolver(MillwrightDb db, TimeProvider time)
{
    public async Task<Caller> ResolveAsync(HttpContext context)
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

    private static ApiException Invalid() =>
        new(401, ErrorCodes.InvalidToken, "The key or token is not valid: unknown, revoked or expired.");
}
