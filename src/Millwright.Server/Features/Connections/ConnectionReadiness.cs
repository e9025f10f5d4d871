using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Server.Features.Auth;
using Millwright.Server.Hosting.Errors;

namespace Millwright.Server.Features.Connections;

/// <summary>
/// The connection-state refusals, in one place so that every endpoint answers them alike (docs/errors.md):
/// <c>CONNECTION_NOT_READY</c> for store reads while the first sync is still filling the store, and
/// <c>CONNECTION_REAUTH_REQUIRED</c> for anything that would call a system that rejects the credentials.
/// Store reads of a <c>reauth_required</c> or <c>degraded</c> connection keep working: they never call the system.
/// </summary>
public static class ConnectionReadiness
{
    /// <summary>Suggested wait before asking again while the first sync runs.</summary>
    internal const int NotReadyRetryAfterSeconds = 10;

    /// <summary>
    /// Data reads refuse with 409 <c>CONNECTION_NOT_READY</c> while the connection's first sync runs (status
    /// <c>syncing</c>, never synced): a partial store would answer "no such records" for records not read yet.
    /// Goes after <c>RequireConnection</c>.
    /// </summary>
    public static TBuilder RequireFirstSyncDone<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (ctx, next) =>
        {
            EnsureFirstSyncDone(ctx.HttpContext.GetConnection());
            return await next(ctx);
        });
        return builder.ProducesErrors(StatusCodes.Status409Conflict);
    }

    internal static void EnsureFirstSyncDone(ConnectionRow connection)
    {
        if (connection.Status == ConnectionStatuses.Syncing && connection.LastSyncedAt is null)
        {
            throw new ApiException(StatusCodes.Status409Conflict, ErrorCodes.ConnectionNotReady,
                $"Connection '{connection.Id}' is still running its first sync, so its data is incomplete. Retry in a few seconds, "
                + "or watch GET /v1/connection until status is active.",
                ErrorSource.ConnectedSystem, retryAfterSeconds: NotReadyRetryAfterSeconds);
        }
    }

    /// <summary>409 <c>CONNECTION_REAUTH_REQUIRED</c> when the system has rejected the stored credentials.</summary>
    internal static void EnsureCredentialsAccepted(ConnectionRow connection)
    {
        if (connection.Status == ConnectionStatuses.ReauthRequired)
        {
            throw ReauthRequired(connection.Id);
        }
    }

    internal static ApiException ReauthRequired(string connectionId) =>
        new(StatusCodes.Status409Conflict, ErrorCodes.ConnectionReauthRequired,
            $"The system rejects the credentials of connection '{connectionId}'. Supply working ones with PUT /v1/connections/{connectionId}/credentials "
            + "(or the customer re-authenticates on the Connect page); syncs resume then.",
            ErrorSource.ConnectedSystem);
}
