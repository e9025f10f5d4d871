using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Millwright.Server.Persistence;

/// <summary>
/// SQLite has one writer at a time; the others wait. Microsoft.Data.Sqlite waits for a busy store in its own loop,
/// which puts the thread to sleep between tries (`Thread.Sleep`), so a request-log batch that met a sync page slept
/// on after the page had committed, and the next page then waited for the batch (a profile of a sync found a tenth of
/// its page time so, and the log writer asleep most of the run). SQLite's own busy handler,
/// set here on every connection the store opens, retries within a millisecond or two of the lock's release; the
/// provider's loop still bounds the whole wait by the command timeout.
/// </summary>
internal sealed class SqliteBusyWait : DbConnectionInterceptor
{
    /// <summary>How long one statement waits in SQLite's handler before the provider's loop takes over.</summary>
    internal const int HandlerMilliseconds = 5_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Set(connection);
        return Task.CompletedTask;
    }

    private static void Set(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, HandlerMilliseconds);
        }
    }
}
