using Microsoft.EntityFrameworkCore;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Dashboard;

/// <summary>Who is using the dashboard: the session, and the caller it acts as in the environment shown.</summary>
internal sealed record DashboardUser(DashboardSessionRow Session, Caller Caller)
{
    public string Environment => Session.Environment;

    public bool Unlocked(string environment) =>
        (environment == AccountEnvironments.Test ? Session.TestKeyId : Session.LiveKeyId) is not null;
}

/// <summary>
/// Server-side dashboard sessions. Signing in with a secret key unlocks that key's environment; the other
/// environment needs its own key (a <c>test</c> key never sees <c>live</c> data, in the dashboard too).
/// Every request re-checks that the key behind the environment shown is still active.
/// </summary>
internal sealed partial class DashboardSessions(MillwrightDb db, TimeProvider time, ILogger<DashboardSessions> logger)
{
    public const string CookieName = "mw_dashboard";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>Signs in with a secret key; returns the cookie secret of a new session, or null when the key is not valid.</summary>
    public async Task<(string Secret, DashboardSessionRow Session)?> SignInAsync(string presentedKey, DashboardSessionRow? current, CancellationToken cancellationToken)
    {
        presentedKey = presentedKey.Trim();
        if (!BearerSecrets.TryParse(presentedKey, out _, out var kind) || kind != BearerSecrets.SecretKeyKind)
        {
            return null;
        }

        var hash = BearerSecrets.Hash(presentedKey);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, cancellationToken);
        if (key is null)
        {
            return null;
        }

        var now = StoreTime.Now(time);
        // A new session (and cookie secret) at every sign-in: a secret seen before sign-in never gains rights.
        var row = new DashboardSessionRow
        {
            Id = Ids.New("ds"),
            TokenHash = "",
            AccountId = key.AccountId,
            Environment = key.Environment,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        if (current is not null && current.AccountId == key.AccountId)
        {
            row.TestKeyId = current.TestKeyId;
            row.LiveKeyId = current.LiveKeyId;
            await db.DashboardSessions.Where(s => s.Id == current.Id).ExecuteDeleteAsync(cancellationToken);
        }

        SetKey(row, key.Environment, key.Id);
        var secret = BearerSecrets.New(key.Environment, "ds");
        row.TokenHash = BearerSecrets.Hash(secret);
        db.DashboardSessions.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        LogSignedIn(row.Id, key.Id, key.Environment);
        return (secret, row);
    }

    /// <summary>The session of this cookie secret, switched to an environment whose key still works; null when there is none.</summary>
    public async Task<DashboardUser?> ResolveAsync(string? secret, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 200)
        {
            return null;
        }

        var hash = BearerSecrets.Hash(secret);
        var row = await db.DashboardSessions.AsTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
        if (row is null || row.ExpiresAt <= time.GetUtcNow())
        {
            return null;
        }

        var keyIds = new[] { row.TestKeyId, row.LiveKeyId }.OfType<string>().ToList();
        var active = await db.ApiKeys.AsNoTracking().Where(k => keyIds.Contains(k.Id) && k.RevokedAt == null).Select(k => k.Id).ToListAsync(cancellationToken);
        row.TestKeyId = active.Contains(row.TestKeyId ?? "") ? row.TestKeyId : null;
        row.LiveKeyId = active.Contains(row.LiveKeyId ?? "") ? row.LiveKeyId : null;
        if (KeyOf(row, row.Environment) is null)
        {
            row.Environment = row.TestKeyId is not null ? AccountEnvironments.Test : AccountEnvironments.Live;
        }

        if (KeyOf(row, row.Environment) is not { } keyId)
        {
            await db.DashboardSessions.Where(s => s.Id == row.Id).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new DashboardUser(row, new Caller(row.AccountId, row.Environment, CallerKind.SecretKey, keyId, null, Scopes.All));
    }

    public async Task<bool> SwitchAsync(DashboardUser user, string environment, CancellationToken cancellationToken)
    {
        if (!AccountEnvironments.IsValid(environment) || !user.Unlocked(environment))
        {
            return false;
        }

        await db.DashboardSessions.Where(s => s.Id == user.Session.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Environment, environment), cancellationToken);
        return true;
    }

    public async Task SignOutAsync(DashboardUser user, CancellationToken cancellationToken)
    {
        await db.DashboardSessions.Where(s => s.Id == user.Session.Id).ExecuteDeleteAsync(cancellationToken);
        LogSignedOut(user.Session.Id);
    }

    private static string? KeyOf(DashboardSessionRow row, string environment) =>
        environment == AccountEnvironments.Test ? row.TestKeyId : row.LiveKeyId;

    private static void SetKey(DashboardSessionRow row, string environment, string keyId)
    {
        if (environment == AccountEnvironments.Test)
        {
            row.TestKeyId = keyId;
        }
        else
        {
            row.LiveKeyId = keyId;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard session {SessionId} signed in with key {KeyId} ({Environment})")]
    private partial void LogSignedIn(string sessionId, string keyId, string environment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard session {SessionId} signed out")]
    private partial void LogSignedOut(string sessionId);
}
