using Microsoft.EntityFrameworkCore;
using Millwright.Server.Features.Connections;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connect;

/// <summary>What a Connect page URL resolves to.</summary>
internal enum LinkSessionState
{
    Unknown,
    Expired,
    Open,
    Completed,
}

/// <summary>The life of a link session after its creation: lookup, the single-use claim, completion, codes.</summary>
internal sealed class LinkSessionStore(MillwrightDb db, TimeProvider time)
{
    /// <summary>How long the one-time code of a redirect can be exchanged.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>A claim older than this belongs to a submission that died; the session is open again.</summary>
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    public async Task<(LinkSessionState State, LinkSessionRow? Session)> FindAsync(string? secret, CancellationToken cancellationToken)
    {
        if (!LinkSessionSecrets.LooksLikeSessionSecret(secret))
        {
            return (LinkSessionState.Unknown, null);
        }

        var hash = LinkSessionSecrets.Hash(secret!);
        var row = await db.LinkSessions.AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
        if (row is null)
        {
            return (LinkSessionState.Unknown, null);
        }

        if (row.ExpiresAt <= time.GetUtcNow())
        {
            return (LinkSessionState.Expired, row);
        }

        return (row.CompletedAt is null ? LinkSessionState.Open : LinkSessionState.Completed, row);
    }

    /// <summary>Takes the session for one submission; false when it is completed or another submission holds it.</summary>
    public async Task<bool> TryClaimAsync(string id, CancellationToken cancellationToken)
    {
        var now = StoreTime.Now(time);
        var stale = now - ClaimTimeout;
        var claimed = await db.LinkSessions
            .Where(s => s.Id == id && s.CompletedAt == null && (s.ClaimedAt == null || s.ClaimedAt < stale))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimedAt, now), cancellationToken);
        return claimed == 1;
    }

    public Task ReleaseAsync(string id) =>
        db.LinkSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ClaimedAt, (DateTimeOffset?)null), CancellationToken.None);

    public Task CompleteAsync(string id, string connectionId) =>
        db.LinkSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.CompletedAt, StoreTime.Now(time))
            .SetProperty(x => x.ConnectionId, connectionId), CancellationToken.None);

    /// <summary>A fresh one-time code for the redirect; it replaces any earlier one, which stops working.</summary>
    public async Task<string> IssueCodeAsync(string id, CancellationToken cancellationToken)
    {
        var code = LinkSessionSecrets.NewCode();
        var hash = LinkSessionSecrets.Hash(code);
        var expires = StoreTime.Now(time) + CodeLifetime;
        await db.LinkSessions.Where(s => s.Id == id && s.CodeUsedAt == null).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.CodeHash, hash)
            .SetProperty(x => x.CodeExpiresAt, expires), cancellationToken);
        return code;
    }
}
