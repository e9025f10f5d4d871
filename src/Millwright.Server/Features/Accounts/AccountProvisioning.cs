using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Keys;
using Millwright.Server.Hosting;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Accounts;

/// <summary>An account with its freshly issued secret keys; the keys are shown this once.</summary>
public sealed record ProvisionedAccount(string AccountId, string TestSecretKey, string LiveSecretKey);

/// <summary>Creates accounts and issues secret keys (used by the CLI, the demo and tests).</summary>
public sealed class AccountProvisioning(MillwrightDb db, TimeProvider time)
{
    public async Task<ProvisionedAccount> CreateAsync(string name, CancellationToken cancellationToken, string? id = null)
    {
        var account = new AccountRow { Id = id ?? Ids.New("acct"), Name = name, CreatedAt = time.GetUtcNow() };
        db.Accounts.Add(account);
        var test = AddKey(account.Id, AccountEnvironments.Test, "default");
        var live = AddKey(account.Id, AccountEnvironments.Live, "default");
        await db.SaveChangesAsync(cancellationToken);
        return new ProvisionedAccount(account.Id, test, live);
    }

    /// <summary>Issues one more secret key for an existing account and environment.</summary>
    public async Task<string> IssueKeyAsync(string accountId, string environment, string name, CancellationToken cancellationToken)
    {
        var key = AddKey(accountId, environment, name);
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    private string AddKey(string accountId, string environment, string name)
    {
        var secret = BearerSecrets.New(environment, BearerSecrets.SecretKeyKind);
        db.ApiKeys.Add(new ApiKeyRow
        {
            Id = Ids.New("key"),
            AccountId = accountId,
            Environment = environment,
            KeyHash = BearerSecrets.Hash(secret),
            Hint = BearerSecrets.Hint(secret),
            Name = name,
            CreatedAt = time.GetUtcNow(),
        });
        return secret;
    }
}
