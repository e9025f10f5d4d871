using Millwright.Client.Audit;
using Millwright.Client.Errors;
using Millwright.Server.Features.Audit;
using Millwright.Server.Features.RateLimits;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Hosting.Telemetry;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Auth;

/// <summary>
/// Turns the <c>Authorization: Bearer</c> header (and, for a secret key, <c>Millwright-Connection</c>) into the
/// request's <see cref="ICallerFeature"/>. The one place that reads keys, tokens, the caller's connection and
/// the account's rate limit from the store on the request path, in one statement (<see cref="CallerLookup"/>);
/// nothing is cached between requests, so a revoked key or token is refused on its very next call on every
/// node. A client address with too many failures this minute is refused (429) before anything else; a secret of the wrong shape or checksum is refused without a store lookup; a revoked or
/// expired one is refused and audited. Expiry (including a rotation's grace period) is compared with the
/// injected clock against the stored time, so every node agrees.
/// </summary>
internal sealed class CallerResolver(MillwrightDb db, TimeProvider time, AuthFailureLimits limits, AuditLog audit, SqliteReads? reads = null)
{
    public async Task<CallerFeature> ResolveAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            throw new ApiException(401, ErrorCodes.AuthenticationRequired,
                "Send Authorization: Bearer <secret key or connection token>.");
        }

        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(401, ErrorCodes.AuthenticationRequired, "The Authorization header must use the Bearer scheme.");
        }

        var cancellationToken = context.RequestAborted;
        var address = limits.Bearer(context);
        await limits.ThrowIfLimitedAsync([address], cancellationToken);
        var secret = header[prefix.Length..].Trim();
        if (!BearerSecrets.TryParse(secret, out _, out var kind))
        {
            throw await FailedAsync(context, address);
        }

        // One statement finds the secret, the account's limit and the connection (CallerLookup): nothing is cached.
        var isToken = kind == BearerSecrets.ConnectionTokenKind;
        CallerRecord? found;
        using (var span = MillwrightTelemetry.Store.StartActivity("store read caller"))
        {
            span?.SetTag(MillwrightTelemetry.CallerKindTag, isToken ? "connection_token" : "secret_key");
            found = await CallerLookup.FindAsync(db, reads, isToken, BearerSecrets.Hash(secret), isToken ? null : NamedConnection(context.Request), cancellationToken);
        }

        if (found is null)
        {
            throw await FailedAsync(context, address);
        }

        if (found.RevokedAt is not null || found.ExpiresAt <= time.GetUtcNow())
        {
            var (type, subject) = isToken
                ? (AuditEventTypes.ConnectionTokenRejected, AuditLog.ConnectionTokenSubject)
                : (AuditEventTypes.ApiKeyRejected, AuditLog.ApiKeySubject);
            await RejectedAsync(type, new(found.AccountId, found.Environment, subject, found.CredentialId), found.RevokedAt, found.ExpiresAt, cancellationToken);
            throw await FailedAsync(context, address);
        }

        var caller = isToken
            ? new Caller(found.AccountId, found.Environment, CallerKind.ConnectionToken, found.CredentialId, found.TokenConnectionId,
                found.Scopes!.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal))
            : new Caller(found.AccountId, found.Environment, CallerKind.SecretKey, found.CredentialId, null, Scopes.All);
        var connectionId = caller.ConnectionId ?? NamedConnection(context.Request);
        return new CallerFeature(caller, connectionId, found.Connection, found.AccountRateLimitPerMinute);
    }

    /// <summary>The connection a secret key names; a blank header names none.</summary>
    private static string? NamedConnection(HttpRequest request) =>
        request.Headers[AuthExtensions.ConnectionHeader].ToString() is { } named && !string.IsNullOrWhiteSpace(named) ? named : null;

    /// <summary>Counts the failure against the client address; the failure that uses up the address's allowance is audited as a burst.</summary>
    private async Task<ApiException> FailedAsync(HttpContext context, RateLimitPartition address)
    {
        var cancellationToken = context.RequestAborted;
        if ((await limits.CountFailureAsync([address], cancellationToken)).Count > 0)
        {
            // A burst names no account: the secrets tried need not belong to anyone (installation-wide event).
            await audit.RecordAsync(AuditEventTypes.AuthFailuresLimited, new(null, null, AuditLog.ClientAddressSubject, ClientAddress.Of(context)),
                new AuditActor(AuditActor.Anonymous, null), new Dictionary<string, string> { ["failures_per_minute"] = address.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                cancellationToken);
        }

        return Invalid();
    }

    /// <summary>Someone holds a secret that no longer works: worth telling the account, once a minute per secret.</summary>
    private async Task RejectedAsync(string type, AuditSubject subject, DateTimeOffset? revokedAt, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        if (await limits.FirstThisMinuteAsync($"{type}:{subject.Id}", cancellationToken))
        {
            var details = new Dictionary<string, string> { ["reason"] = revokedAt is not null ? "revoked" : "expired" };
            await audit.RecordAsync(type, subject, new AuditActor(AuditActor.Anonymous, null), details, cancellationToken);
        }
    }

    internal static ApiException Invalid() =>
        new(401, ErrorCodes.InvalidToken, "The key or token is not valid: unknown, revoked or expired.");
}
