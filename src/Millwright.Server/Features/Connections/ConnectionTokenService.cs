using Microsoft.EntityFrameworkCore;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connections;

/// <summary>
/// A connection's tokens as the caller may manage them: issue (validated here), list, revoke. Used by
/// <see cref="ConnectionTokensEndpoints"/> and the dashboard alike.
/// </summary>
internal sealed partial class ConnectionTokenService(MillwrightDb db, ConnectionTokenIssuer issuer, TimeProvider time, ILogger<ConnectionTokenService> logger)
{
    private const int MaxNameLength = 100;

    /// <summary>A new token of a connection visible to the caller; the answer is the only time it is shown.</summary>
    public async Task<CreatedConnectionToken> IssueAsync(Caller caller, string id, CreateConnectionTokenBody? body, CancellationToken cancellationToken)
    {
        var connection = await db.ConnectionsVisibleTo(caller).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
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
        LogIssued(token.Id, connection.Id, token.Scopes);
        return token;
    }

    /// <summary>Tokens not revoked (expired ones included), newest first.</summary>
    public async Task<Page<ConnectionToken>> ListAsync(Caller caller, string id, int? limit, string? cursor, CancellationToken cancellationToken)
    {
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
        return new Page<ConnectionToken>([.. page.Select(r => r.ToWire())], next);
    }

    /// <summary>The token stops working at once: its next call is refused.</summary>
    public async Task RevokeAsync(Caller caller, string id, string tokenId, CancellationToken cancellationToken)
    {
        var now = StoreTime.Now(time);
        var revoked = await db.ConnectionTokens
            .Where(t => t.Id == tokenId && t.ConnectionId == id && t.AccountId == caller.AccountId
                && t.Environment == caller.Environment && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        if (revoked == 0)
        {
            throw ApiException.NotFound($"Token '{tokenId}' of connection '{id}'");
        }

        LogRevoked(tokenId, id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} issued for connection {ConnectionId} with scopes {Scopes}")]
    private partial void LogIssued(string tokenId, string connectionId, IReadOnlyList<string> scopes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} of connection {ConnectionId} revoked")]
    private partial void LogRevoked(string tokenId, string connectionId);
}
