using Microsoft.EntityFrameworkCore;
using Millwright.Client.Errors;
using Millwright.Client.Keys;
using Millwright.Server.Features.Audit;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Keys;
using Millwright.Server.Hosting;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Accounts;

/// <summary>An account with its freshly issued secret keys; the keys are shown this once.</summary>
public sealed record ProvisionedAccount(string AccountId, string TestSecretKey, string LiveSecretKey);

/// <summary>An account as the operator's <c>accounts list</c> shows it.</summary>
internal sealed record AccountSummary(string Id, string Name, DateTimeOffset CreatedAt, int TestKeys, int LiveKeys);

/// <summary>
/// The operator's side of accounts (the command line, the demo, tests): create accounts, issue and revoke
/// secret keys of either environment. Nothing here is reachable over HTTP, where a key only ever manages keys of
/// its own environment. Every change is audited as done by the operator.
/// </summary>
internal sealed class AccountProvisioning(MillwrightDb db, TimeProvider time, ApiKeyManager keys)
{
    public const int MaxNameLength = 200;

    public async Task<ProvisionedAccount> CreateAsync(string name, CancellationToken cancellationToken, string? id = null)
    {
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw ApiException.Validation("name", $"The account name must have 1 to {MaxNameLength} characters.");
        }

        var account = new AccountRow { Id = id ?? Ids.New("acct"), Name = name, CreatedAt = StoreTime.Now(time) };
        db.Accounts.Add(account);
        var test = keys.Add(account.Id, AccountEnvironments.Test, "default", AuditActor.Cli);
        var live = keys.Add(account.Id, AccountEnvironments.Live, "default", AuditActor.Cli);
        await db.SaveChangesAsync(cancellationToken);
        return new ProvisionedAccount(account.Id, test.Created.Key, live.Created.Key);
    }

    /// <summary>Issues one more secret key for an existing account and environment.</summary>
    public async Task<string> IssueKeyAsync(string accountId, string environment, string name, CancellationToken cancellationToken) =>
        (await IssueAsync(accountId, environment, name, cancellationToken)).Key;

    public async Task<CreatedApiKey> IssueAsync(string accountId, string environment, string? name, CancellationToken cancellationToken)
    {
        if (!AccountEnvironments.IsValid(environment))
        {
            throw ApiException.Validation("environment", "The environment must be test or live.");
        }

        if (!await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken))
        {
            throw ApiException.NotFound($"Account '{accountId}'");
        }

        var (_, created) = keys.Add(accountId, environment, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), AuditActor.Cli);
        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    /// <summary>Revokes any account's key by id (the operator may); returns its account and environment.</summary>
    public async Task<(string AccountId, string Environment)> RevokeKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId && k.RevokedAt == null, cancellationToken)
            ?? throw new ApiException(StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"Secret key '{keyId}' was not found or is revoked already.");
        await keys.RevokeAsync(key.AccountId, key.Environment, key.Id, null, cancellationToken, AuditActor.Cli);
        return (key.AccountId, key.Environment);
    }

    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var accounts = await db.Accounts.AsNoTracking().ToListAsync(cancellationToken);
        var active = await db.ApiKeys.AsNoTracking().Where(k => k.RevokedAt == null)
            .Select(k => new { k.AccountId, k.Environment, k.ExpiresAt }).ToListAsync(cancellationToken);
        var counts = active.Where(k => k.ExpiresAt is null || k.ExpiresAt > now).ToLookup(k => (k.AccountId, k.Environment));
        return [.. accounts.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => new AccountSummary(a.Id, a.Name, a.CreatedAt,
                counts[(a.Id, AccountEnvironments.Test)].Count(), counts[(a.Id, AccountEnvironments.Live)].Count()))];
    }
}
