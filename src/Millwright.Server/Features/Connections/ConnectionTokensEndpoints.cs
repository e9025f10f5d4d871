using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Client.Keys;
using Millwright.Client.Models;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connections;

internal static partial class ConnectionTokensEndpoints
{
    private const int MaxNameLength = 100;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/{id}/tokens", CreateConnectionToken)
            .WithName("CreateConnectionToken")
            .WithSummary("Issue a connection token")
            .WithDescription("""
                A bearer token that sees exactly this connection, with scopes `read` and/or `write` (both by default) and
                an optional `expires_at`. The `token` is shown in this answer only; Millwright keeps a hash.
                """)
            .ProducesErrors(400, 404, 422);

        group.MapGet("/{id}/tokens", ListConnectionTokens)
            .WithName("ListConnectionTokens")
            .WithSummary("List a connection's tokens")
            .WithDescription("Tokens not revoked (expired ones included), newest first; each shows a `hint`, never the token.")
            .ProducesErrors(400, 404);

        group.MapPost("/{id}/tokens/{tokenId}/rotate", RotateConnectionToken)
            .WithName("RotateConnectionToken")
            .WithSummary("Rotate a connection token")
            .WithDescription("""
                Issues a successor with the same name, scopes and expiry (its `token` shown in this answer only) and keeps
                the old token working for `grace_period_seconds` (default 86400 = 24 hours, `0` revokes it at once, at most
                604800 = 7 days); then it stops working on every node (401 `INVALID_TOKEN`). A token is rotated once:
                409 `ALREADY_ROTATED` for a second rotation. Audited as `connection_token.rotated`.
                """)
            .ProducesErrors(400, 404, 409, 422);

        group.MapDelete("/{id}/tokens/{tokenId}", RevokeConnectionToken)
            .WithName("RevokeConnectionToken")
            .WithSummary("Revoke a connection token")
            .WithDescription("The token stops working at once: its next call is 401 `INVALID_TOKEN`.")
            .ProducesErrors(404);
    }

    private static async Task<Created<CreatedConnectionToken>> CreateConnectionToken(
        string id,
        CreateConnectionTokenBody? body,
        HttpContext http,
        [FromServices] MillwrightDb db,
        [FromServices] ConnectionTokenIssuer issuer,
        [FromServices] TimeProvider time,
        [FromServices] ILogger<ConnectionTokenIssuer> logger,
        CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionsVisibleTo(http.GetCaller()).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw ApiException.NotFound($"Connection '{id}'");

        var errors = new List<ErrorDetail>();
        var name = body?.Name;
        if (name is { Length: > MaxNameLength })
        {
            errors.Add(new("name", $"name may have at most {MaxNameLength} characters."));
        }

        var scopes = new HashSet<string>(StringComparer.Ordinal);
        if (body?.Scopes is { } requested)
        {
            if (requested.Count == 0)
            {
                errors.Add(new("scopes", "Give at least one scope (read, write), or omit scopes for both."));
            }

            for (var i = 0; i < requested.Count; i++)
            {
                if (requested[i] is { } scope && Scopes.All.Contains(scope))
                {
                    scopes.Add(scope);
                }
                else
                {
                    errors.Add(new($"scopes[{i}]", "Must be read or write."));
                }
            }
        }
        else
        {
            scopes.UnionWith(Scopes.All);
        }

        if (body?.ExpiresAt is { } expires && expires <= time.GetUtcNow())
        {
            errors.Add(new("expires_at", "expires_at must be in the future."));
        }

        ConnectionInput.ThrowIfAny(errors);
        var token = issuer.Issue(connection, name, scopes, body?.ExpiresAt);
        await db.SaveChangesAsync(cancellationToken);
        LogIssued(logger, token.Id, connection.Id, token.Scopes);
        return TypedResults.Created($"/v1/connections/{connection.Id}/tokens/{token.Id}", token);
    }

    private static async Task<Ok<Page<ConnectionToken>>> ListConnectionTokens(
        string id,
        HttpContext http,
        [FromServices] MillwrightDb db,
        int? limit,
        string? cursor,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var size = NewestFirstCursor.Limit(limit);
        var after = NewestFirstCursor.Decode(cursor, id);
        if (!await db.ConnectionsVisibleTo(caller).AnyAsync(c => c.Id == id, cancellationToken))
        {
            throw ApiException.NotFound($"Connection '{id}'");
        }

        var query = db.ConnectionTokens.AsNoTracking().Where(t => t.ConnectionId == id && t.RevokedAt == null);
        if (after is { } position)
        {
            query = query.Where(t => t.CreatedAt < position.CreatedAt
                || (t.CreatedAt == position.CreatedAt && string.Compare(t.Id, position.Id) < 0));
        }

        var rows = await query.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Take(size + 1).ToListAsync(cancellationToken);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? new NewestFirstCursor(page[^1].CreatedAt, page[^1].Id).Encode(id) : null;
        return TypedResults.Ok(new Page<ConnectionToken>([.. page.Select(r => r.ToDto())], next));
    }

    private static async Task<Ok<RotatedConnectionToken>> RotateConnectionToken(
        string id,
        string tokenId,
        RotateBody? body,
        HttpContext http,
        [FromServices] ConnectionTokenIssuer issuer,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await issuer.RotateAsync(http.GetCaller(), id, tokenId, GracePeriod.From(body), cancellationToken));

    private static async Task<NoContent> RevokeConnectionToken(
        string id,
        string tokenId,
        HttpContext http,
        [FromServices] ConnectionTokenIssuer issuer,
        [FromServices] ILogger<ConnectionTokenIssuer> logger,
        CancellationToken cancellationToken)
    {
        if (!await issuer.RevokeAsync(http.GetCaller(), id, tokenId, cancellationToken))
        {
            throw ApiException.NotFound($"Token '{tokenId}' of connection '{id}'");
        }

        LogRevoked(logger, tokenId, id);
        return TypedResults.NoContent();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} issued for connection {ConnectionId} with scopes {Scopes}")]
    private static partial void LogIssued(ILogger logger, string tokenId, string connectionId, IReadOnlyList<string> scopes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} of connection {ConnectionId} revoked")]
    private static partial void LogRevoked(ILogger logger, string tokenId, string connectionId);
}
