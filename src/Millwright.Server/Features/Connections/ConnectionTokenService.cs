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

    /// <summary>
    /// A successor with the same name, scopes and expiry; the old token works until the grace period ends
    /// (0: revoked now). Audited by <see cref="ConnectionTokenIssuer.RotateAsync"/>.
    /// </summary>
    public async Task<RotatedConnectionToken> RotateAsync(Caller caller, string id, string tokenId, TimeSpan grace, CancellationToken cancellationToken)
    {
        var rotated = await issuer.RotateAsync(caller, id, tokenId, grace, cancellationToken);
        LogRotated(tokenId, id, rotated.Successor.Id);
        return rotated;
    }

    /// <summary>The token stops working at once: its next call is refused. Audited by <see cref="ConnectionTokenIssuer.RevokeAsync"/>.</summary>
    public async Task RevokeAsync(Caller caller, string id, string tokenId, CancellationToken cancellationToken)
    {
        if (!await issuer.RevokeAsync(caller, id, tokenId, cancellationToken))
        {
            throw ApiException.NotFound($"Token '{tokenId}' of connection '{id}'");
        }

        LogRevoked(tokenId, id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} issued for connection {ConnectionId} with scopes {Scopes}")]
    private partial void LogIssued(string tokenId, string connectionId, IReadOnlyList<string> scopes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} of connection {ConnectionId} rotated; successor {SuccessorId}")]
    private partial void LogRotated(string tokenId, string connectionId, string successorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Token {TokenId} of connection {ConnectionId} revoked")]
    private partial void LogRevoked(string tokenId, string connectionId);
}
