using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Millwright.Server.Hosting.Errors;

/// <summary>
/// Whether a failure means the store is unreachable or busy right now (issue 17, item 3), rather than a bug: the
/// request gets <c>503 STORE_UNAVAILABLE</c> with <c>Retry-After</c>, and the next request tries again — pools
/// reconnect by themselves once PostgreSQL is back, so no restart is needed.
/// </summary>
internal static class StoreOutage
{
    public static bool IsOutage(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                // Connection refused or dropped, server shutting down or starting (SQLSTATE class 08, 57P0x).
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P0", StringComparison.Ordinal):
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                // The embedded store locked by another writer for longer than the busy timeout.
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                    return true;
            }
        }

        return false;
    }
}
