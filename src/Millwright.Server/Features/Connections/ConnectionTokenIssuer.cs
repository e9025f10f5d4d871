using Millwright.Client.Connections;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connections;

/// <summary>Adds connection token rows (hash and hint only) to the unit of work; the caller saves.</summary>
internal sealed class ConnectionTokenIssuer(MillwrightDb db, TimeProvider time)
{
    public CreatedConnectionToken Issue(ConnectionRow connection, string? name, IReadOnlyCollection<string> scopes, DateTimeOffset? expiresAt)
    {
        var secret = BearerSecrets.New(connection.Environment, BearerSecrets.ConnectionTokenKind);
        // Stored in a fixed order so that the same grant always reads the same.
        var ordered = Scopes.All.Where(scopes.Contains).Order(StringComparer.Ordinal).ToList();
        var row = new ConnectionTokenRow
        {
            Id = Ids.New("tok"),
            ConnectionId = connection.Id,
            AccountId = connection.AccountId,
            Environment = connection.Environment,
            TokenHash = BearerSecrets.Hash(secret),
            Hint = BearerSecrets.Hint(secret),
            Scopes = string.Join(' ', ordered),
            Name = name,
            CreatedAt = StoreTime.Now(time),
            ExpiresAt = expiresAt is { } e ? StoreTime.Truncate(e) : null,
        };
        db.ConnectionTokens.Add(row);
        return new CreatedConnectionToken
        {
            Id = row.Id,
            Token = secret,
            Name = row.Name,
            Scopes = ordered,
            ExpiresAt = row.ExpiresAt,
            CreatedAt = row.CreatedAt,
        };
    }
}
