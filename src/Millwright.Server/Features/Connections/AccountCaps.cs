using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Millwright.Client.Errors;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connections;

/// <summary>
/// Per-account caps (issue 20, item 8), per account and environment, like webhook endpoints': each connection
/// syncs on a schedule and each open link session is a live secret, so an account (or a leaked key) cannot
/// multiply either without bound. Section <c>Millwright:Limits</c>.
/// </summary>
public sealed class AccountCapsOptions
{
    public const string Section = "Millwright:Limits";

    /// <summary>Connections (not deleted) per account and environment. Default 500.</summary>
    public int MaxConnectionsPerAccount { get; set; } = 500;

    /// <summary>Link sessions and magic links still open (not expired, not completed) per account and environment. Default 1000.</summary>
    public int MaxOpenLinkSessionsPerAccount { get; set; } = 1000;

    public static bool IsValid(AccountCapsOptions o) =>
        o.MaxConnectionsPerAccount is >= 1 and <= 1_000_000 && o.MaxOpenLinkSessionsPerAccount is >= 1 and <= 1_000_000;
}

/// <summary>
/// Checked before the insert, not atomically with it: two racing creations may pass one over a cap, which is
/// harmless; a cap bounds load, it is not a billed quota.
/// </summary>
internal sealed class AccountCaps(MillwrightDb db, TimeProvider time, IOptions<AccountCapsOptions> options)
{
    public async Task ThrowIfConnectionsFullAsync(string accountId, string environment, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxConnectionsPerAccount;
        if (await db.Connections.CountAsync(c => c.AccountId == accountId && c.Environment == environment && c.DeletedAt == null, cancellationToken) >= max)
        {
            throw LimitReached("connections", max, "connections", "delete one first");
        }
    }

    public async Task ThrowIfLinkSessionsFullAsync(string accountId, string environment, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxOpenLinkSessionsPerAccount;
        var now = StoreTime.Now(time);
        if (await db.LinkSessions.CountAsync(s => s.AccountId == accountId && s.Environment == environment && s.CompletedAt == null && s.ExpiresAt > now, cancellationToken) >= max)
        {
            throw LimitReached("link_sessions", max, "open link sessions and magic links", "wait until some expire or are used");
        }
    }

    /// <summary>409 <c>LIMIT_REACHED</c>, as for webhook endpoints.</summary>
    private static ApiException LimitReached(string field, int max, string what, string remedy) =>
        new(StatusCodes.Status409Conflict, ErrorCodes.LimitReached,
            $"This account already has {max} {what} in this environment, the most allowed; {remedy}.",
            details: [new ErrorDetail(field, $"At most {max} {what} per account and environment ({AccountCapsOptions.Section}).")]);
}
