using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Audit;
using Millwright.Client.Connections;
using Millwright.Client.Keys;
using Millwright.Server.Features.Audit;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Keys;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connections;

/// <summary>
/// Connection tokens' lifecycle, audited: <see cref="Issue"/> adds a row (hash and hint only) to the unit of work
/// for the caller to save; <see cref="RotateAsync"/> and <see cref="RevokeAsync"/> save themselves. Used by the
/// API, the dashboard, connection creation and the Connect code exchange.
/// </summary>
internal sealed class ConnectionTokenIssuer(MillwrightDb db, TimeProvider time, AuditLog audit)
{
    public CreatedConnectionToken Issue(ConnectionRow connection, string? name, IReadOnlyCollection<string> scopes, DateTimeOffset? expiresAt) =>
        Add(connection.Id, connection.AccountId, connection.Environment, name, scopes, expiresAt).Created;

    /// <summary>Issues a successor with the same name, scopes and expiry; the old token works until the grace period ends (0: revoked now).</summary>
    public async Task<RotatedConnectionToken> RotateAsync(Caller caller, string connectionId, string tokenId, TimeSpan grace, CancellationToken cancellationToken)
    {
        var now = StoreTime.Now(time);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var old = await Visible(caller, connectionId, tokenId).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (old is null || old.ExpiresAt <= now
            || !await db.ConnectionsVisibleTo(caller).AnyAsync(c => c.Id == connectionId, cancellationToken))
        {
            throw ApiException.NotFound($"Token '{tokenId}' of connection '{connectionId}'");
        }

        var (successor, created) = Add(old.ConnectionId, old.AccountId, old.Environment, old.Name, old.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries), old.ExpiresAt);
        var ends = GracePeriod.End(now, grace, old.ExpiresAt);
        DateTimeOffset? revoked = grace == TimeSpan.Zero ? now : null;
        var claimed = await db.ConnectionTokens.Where(t => t.Id == tokenId && t.ReplacedById == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ReplacedById, successor.Id).SetProperty(t => t.ExpiresAt, ends).SetProperty(t => t.RevokedAt, revoked), cancellationToken);
        if (claimed == 0)
        {
            throw ApiKeyManager.AlreadyRotated(tokenId);
        }

        audit.Add(AuditEventTypes.ConnectionTokenRotated, new(old.AccountId, old.Environment, AuditLog.ConnectionTokenSubject, tokenId), details: new Dictionary<string, string>
        {
            ["connection_id"] = old.ConnectionId,
            ["successor_id"] = successor.Id,
            ["grace_period_seconds"] = ((long)grace.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["expires_at"] = ends.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        old.ReplacedById = successor.Id;
        old.ExpiresAt = ends;
        return new RotatedConnectionToken { Successor = created, Previous = old.ToWire() };
    }

    /// <summary>Revokes a token of a connection the caller sees; false when there is no such active token.</summary>
    public async Task<bool> RevokeAsync(Caller caller, string connectionId, string tokenId, CancellationToken cancellationToken)
    {
        var token = await Visible(caller, connectionId, tokenId).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (token is null)
        {
            return false;
        }

        var now = StoreTime.Now(time);
        var revoked = await db.ConnectionTokens.Where(t => t.Id == tokenId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        if (revoked == 0)
        {
            return false;
        }

        await audit.RecordAsync(AuditEventTypes.ConnectionTokenRevoked, new(token.AccountId, token.Environment, AuditLog.ConnectionTokenSubject, tokenId), null,
            new Dictionary<string, string> { ["connection_id"] = token.ConnectionId }, cancellationToken);
        return true;
    }

    private IQueryable<ConnectionTokenRow> Visible(Caller caller, string connectionId, string tokenId) =>
        db.ConnectionTokens.Where(t => t.Id == tokenId && t.ConnectionId == connectionId && t.AccountId == caller.AccountId
            && t.Environment == caller.Environment && t.RevokedAt == null);

    private (ConnectionTokenRow Row, CreatedConnectionToken Created) Add(
        string connectionId, string accountId, string environment, string? name, IReadOnlyCollection<string> scopes, DateTimeOffset? expiresAt)
    {
        var secret = BearerSecrets.New(environment, BearerSecrets.ConnectionTokenKind);
        // Stored in a fixed order so that the same grant always reads the same.
        var ordered = Scopes.All.Where(scopes.Contains).Order(StringComparer.Ordinal).ToList();
        var row = new ConnectionTokenRow
        {
            Id = Ids.New("tok"),
            ConnectionId = connectionId,
            AccountId = accountId,
            Environment = environment,
            TokenHash = BearerSecrets.Hash(secret),
            Hint = BearerSecrets.Hint(secret),
            Scopes = string.Join(' ', ordered),
            Name = name,
            CreatedAt = StoreTime.Now(time),
            ExpiresAt = expiresAt is { } e ? StoreTime.Truncate(e) : null,
        };
        db.ConnectionTokens.Add(row);
        audit.Add(AuditEventTypes.ConnectionTokenCreated, new(accountId, environment, AuditLog.ConnectionTokenSubject, row.Id),
            details: new Dictionary<string, string> { ["connection_id"] = connectionId, ["scopes"] = row.Scopes });
        var created = new CreatedConnectionToken
        {
            Id = row.Id,
            Token = secret,
            Name = row.Name,
            Scopes = ordered,
            ExpiresAt = row.ExpiresAt,
            CreatedAt = row.CreatedAt,
        };
        return (row, created);
    }
}
