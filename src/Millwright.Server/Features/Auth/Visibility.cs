using Millwright.Server.Features.Connections;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Auth;

internal static class Visibility
{
    /// <summary>
    /// Live connections of the caller's account and environment. Everything else is invisible: a caller
    /// asking for another account's, another environment's or a deleted connection gets 404 (or 401 for its token).
    /// The read path's caller lookup applies the same rule in SQL (<see cref="CallerLookup"/>): change both together.
    /// </summary>
    public static IQueryable<ConnectionRow> ConnectionsVisibleTo(this MillwrightDb db, Caller caller) =>
        db.Connections.Where(c => c.AccountId == caller.AccountId && c.Environment == caller.Environment && c.DeletedAt == null);
}
