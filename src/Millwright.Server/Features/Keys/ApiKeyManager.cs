using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Client.Keys;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Keys;

/// <summary>
/// Secret keys of one account and environment: list, issue (secret shown once, SHA-256 kept), revoke.
/// Shared by <c>/v1/api-keys</c> and the dashboard's Keys page. A key never revokes itself, so an
/// integrator cannot lock the calling code (or their dashboard session) out by accident.
/// </summary>
internal sealed partial class ApiKeyManager(MillwrightDb db, TimeProvider time, ILogger<ApiKeyManager> logger)
{
    public const int MaxNameLength = 100;

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string accountId, string environment, CancellationToken cancellationToken)
    {
        var rows = await db.ApiKeys.AsNoTracking()
            .Where(k => k.AccountId == accountId && k.Environment == environment && k.RevokedAt == null)
            .ToListAsync(cancellationToken);
        // Sorted in memory: few keys per account, and SQLite cannot order DateTimeOffset columns it stores as text.
        return [.. rows.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id, StringComparer.Ordinal).Select(ToDto)];
    }

    public async Task<CreatedApiKey> CreateAsync(string accountId, string environment, string? name, CancellationToken cancellationToken)
    {
        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (name is { Length: > MaxNameLength })
        {
            throw ApiException.Validation("name", $"name may have at most {MaxNameLength} characters.");
        }

        var secret = BearerSecrets.New(environment, BearerSecrets.SecretKeyKind);
        var row = new ApiKeyRow
        {
            Id = Ids.New("key"),
            AccountId = accountId,
            Environment = environment,
            KeyHash = BearerSecrets.Hash(secret),
            Hint = BearerSecrets.Hint(secret),
            Name = name,
            CreatedAt = StoreTime.Now(time),
        };
        db.ApiKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        LogIssued(row.Id, environment);
        return new CreatedApiKey { Id = row.Id, Environment = environment, Key = secret, Name = name, CreatedAt = row.CreatedAt };
    }

    /// <param name="callingKeyId">The key the request authenticated with; it cannot revoke itself.</param>
    public async Task RevokeAsync(string accountId, string environment, string id, string callingKeyId, CancellationToken cancellationToken)
    {
        if (id == callingKeyId)
        {
            throw new ApiException(StatusCodes.Status409Conflict, ErrorCodes.KeyInUse,
                "A key cannot revoke itself: revoke it with another key of the same environment (create one first).");
        }

        var revoked = await db.ApiKeys
            .Where(k => k.Id == id && k.AccountId == accountId && k.Environment == environment && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, StoreTime.Now(time)), cancellationToken);
        if (revoked == 0)
        {
            throw ApiException.NotFound($"Secret key '{id}'");
        }

        LogRevoked(id, environment);
    }

    private static ApiKey ToDto(ApiKeyRow row) => new()
    {
        Id = row.Id,
        Environment = row.Environment,
        Hint = row.Hint,
        Name = row.Name,
        CreatedAt = row.CreatedAt,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Secret key {KeyId} issued in {Environment}")]
    private partial void LogIssued(string keyId, string environment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Secret key {KeyId} of {Environment} revoked")]
    private partial void LogRevoked(string keyId, string environment);
}
