using Microsoft.EntityFrameworkCore;
using Millwright.Client.Connect;
using Millwright.Client.Errors;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Connect;

/// <summary>
/// <c>POST /v1/link-sessions/token</c>: the integrator's backend turns the redirect's one-time code into
/// the connection id and, for a new connection, a fresh token. The code is consumed by one conditional
/// update, so two exchanges of the same code cannot both succeed.
/// </summary>
internal sealed partial class LinkCodeExchange(MillwrightDb db, ConnectionTokenIssuer tokens, TimeProvider time, ILogger<LinkCodeExchange> logger)
{
    public async Task<LinkSessionResult> ExchangeAsync(Caller caller, string? code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code) || !code.StartsWith(LinkSessionSecrets.CodePrefix, StringComparison.Ordinal) || code.Length > 200)
        {
            throw Invalid();
        }

        var hash = LinkSessionSecrets.Hash(code.Trim());
        var now = StoreTime.Now(time);
        var session = await db.LinkSessions.AsNoTracking()
            .FirstOrDefaultAsync(s => s.CodeHash == hash && s.AccountId == caller.AccountId && s.Environment == caller.Environment, cancellationToken);
        if (session is null || session.ConnectionId is null || session.CodeUsedAt is not null || session.CodeExpiresAt is not { } expires || expires <= now)
        {
            throw Invalid();
        }

        var consumed = await db.LinkSessions.Where(s => s.Id == session.Id && s.CodeHash == hash && s.CodeUsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CodeUsedAt, now), cancellationToken);
        var connection = await db.ConnectionsVisibleTo(caller).AsNoTracking().FirstOrDefaultAsync(c => c.Id == session.ConnectionId, cancellationToken);
        if (consumed == 0 || connection is null)
        {
            throw Invalid();
        }

        Client.Connections.CreatedConnectionToken? token = null;
        if (!session.Reauth)
        {
            token = tokens.Issue(connection, "connect", Scopes.All, null);
            await db.SaveChangesAsync(cancellationToken);
        }

        LogExchanged(session.Id, connection.Id);
        return new LinkSessionResult { LinkSessionId = session.Id, ConnectionId = connection.Id, EndUserId = session.EndUserId, Token = token };
    }

    private static ApiException Invalid() => new(StatusCodes.Status400BadRequest, ErrorCodes.LinkSessionInvalid,
        "The code is unknown, expired (codes last 10 minutes) or already used. Each Connect redirect carries a new code.",
        details: [new ErrorDetail("code", "Not a valid code.")]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Code of link session {SessionId} exchanged for connection {ConnectionId}")]
    private partial void LogExchanged(string sessionId, string connectionId);
}
