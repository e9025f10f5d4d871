using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Audit;
using Millwright.Client.Errors;
using Millwright.Client.Keys;
using Millwright.Server.Features.Audit;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Keys;

/// <summary>
/// Secret keys of one account and environment: list, issue (secret shown once, SHA-256 kept), rotate, revoke,
/// each audited. Shared by <c>/v1/api-keys</c> and the dashboard's Keys page. A key never revokes itself, so an
/// integrator cannot lock the calling code (or their dashboard session) out by accident; rotating itself is
/// fine, since the answer carries the successor.
/// </summary>
internal sealed partial class ApiKeyManager(MillwrightDb db, TimeProvider time, AuditLog audit, ILogger<ApiKeyManager> logger)
{
    public const int MaxNameLength = 100;

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string accountId, string environment, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await db.ApiKeys.AsNoTracking()
            .Where(k => k.AccountId == accountId && k.Environment == environment && k.RevokedAt == null)
            .ToListAsync(cancellationToken);
        // Filtered and sorted in memory: few keys per account, and SQLite cannot order DateTimeOffset columns it stores as text.
        return [.. rows.Where(k => k.ExpiresAt is null || k.ExpiresAt > now)
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id, StringComparer.Ordinal).Select(ToDto)];
    }

    public async Task<CreatedApiKey> CreateAsync(string accountId, string environment, string? name, CancellationToken cancellationToken)
    {
        name = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (name is { Length: > MaxNameLength })
        {
            throw ApiException.Validation("name", $"name may have at most {MaxNameLength} characters.");
        }

        var (row, created) = Add(accountId, environment, name);
        await db.SaveChangesAsync(cancellationToken);
        LogIssued(row.Id, environment);
        return created;
    }

    /// <summary>Issues a successor with the same name; the old key works until the grace period ends (0: revoked now).</summary>
    public async Task<RotatedApiKey> RotateAsync(string accountId, string environment, string id, TimeSpan grace, CancellationToken cancellationToken)
    {
        var now = StoreTime.Now(time);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var old = await db.ApiKeys.AsNoTracking()
            .FirstOrDefaultAsync(k => k.Id == id && k.AccountId == accountId && k.Environment == environment && k.RevokedAt == null, cancellationToken);
        if (old is null || old.ExpiresAt <= now)
        {
            throw ApiException.NotFound($"Secret key '{id}'");
        }

        var (successor, created) = Add(accountId, environment, old.Name);
        var ends = GracePeriod.End(now, grace, old.ExpiresAt);
        DateTimeOffset? revoked = grace == TimeSpan.Zero ? now : null;
        // Conditional, so that of two rotations at the same moment only one succeeds.
        var claimed = await db.ApiKeys.Where(k => k.Id == id && k.ReplacedById == null && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.ReplacedById, successor.Id).SetProperty(k => k.ExpiresAt, ends).SetProperty(k => k.RevokedAt, revoked), cancellationToken);
        if (claimed == 0)
        {
            throw AlreadyRotated(id);
        }

        audit.Add(AuditEventTypes.ApiKeyRotated, new(accountId, environment, AuditLog.ApiKeySubject, id), details: new Dictionary<string, string>
        {
            ["successor_id"] = successor.Id,
            ["grace_period_seconds"] = ((long)grace.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["expires_at"] = ends.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRotated(id, successor.Id, environment, (long)grace.TotalSeconds);
        old.ReplacedById = successor.Id;
        old.ExpiresAt = ends;
        return new RotatedApiKey { Successor = created, Previous = ToDto(old) };
    }

    /// <param name="callingKeyId">The key the request authenticated with; it cannot revoke itself (null: the operator's command line).</param>
    public async Task RevokeAsync(string accountId, string environment, string id, string? callingKeyId, CancellationToken cancellationToken, AuditActor? actor = null)
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

        await audit.RecordAsync(AuditEventTypes.ApiKeyRevoked, new(accountId, environment, AuditLog.ApiKeySubject, id), actor, null, cancellationToken);
        LogRevoked(id, environment);
    }

    /// <summary>Adds a key row and its audit event to the unit of work; the caller saves.</summary>
    internal (ApiKeyRow Row, CreatedApiKey Created) Add(string accountId, string environment, string? name, AuditActor? actor = null)
    {
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
        audit.Add(AuditEventTypes.ApiKeyCreated, new(accountId, environment, AuditLog.ApiKeySubject, row.Id), actor);
        return (row, new CreatedApiKey { Id = row.Id, Environment = environment, Key = secret, Name = name, CreatedAt = row.CreatedAt });
    }

    internal static ApiException AlreadyRotated(string id) =>
        new(StatusCodes.Status409Conflict, ErrorCodes.AlreadyRotated, $"'{id}' was rotated already: rotate its successor instead.");

    private static ApiKey ToDto(ApiKeyRow row) => new()
    {
        Id = row.Id,
        Environment = row.Environment,
        Hint = row.Hint,
        Name = row.Name,
        CreatedAt = row.CreatedAt,
        ExpiresAt = row.ExpiresAt,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Secret key {KeyId} issued in {Environment}")]
    private partial void LogIssued(string keyId, string environment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Secret key {KeyId} of {Environment} rotated to {SuccessorId} with {GraceSeconds} s of grace")]
    private partial void LogRotated(string keyId, string successorId, string environment, long graceSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Secret key {KeyId} of {Environment} revoked")]
    private partial void LogRevoked(string keyId, string environment);
}
