using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.ObjectPool;

namespace Millwright.Server.Persistence;

/// <summary>
/// The read path's SQLite statements, prepared once per connection and kept (ADR 0031). Preparing a statement on
/// the records table costs more than running it: SQLite's planner weighs every index of the table, and the query
/// indexes (ADR 0021, one per typed field and entity) number in the nineties, so a profile of
/// <c>list-50</c> found about a sixth of the server's CPU in <c>sqlite3_prepare</c>. Microsoft.Data.Sqlite keeps a
/// command's prepared statements only while its connection stays open, and EF closes the context's connection after
/// each use; so the hot reads (caller lookup, record pages) run on a small pool of read-only connections that stay
/// open, each with its commands by SQL text.
/// </summary>
/// <remarks>
/// Each statement runs in autocommit mode and its reader is disposed before the connection goes back to the pool, so
/// a read sees everything committed before it started (WAL), exactly as on a connection opened for it; no read
/// transaction outlives a request, so checkpoints are never held back. A schema change (a custom field's index)
/// makes SQLite re-prepare the statement on its next step. Reads inside a write transaction keep using the
/// context's connection, which sees the transaction's own changes.
/// </remarks>
internal sealed class SqliteReads : IDisposable
{
    /// <summary>Commands kept per connection; a connection that collected more forgets them all and starts again.</summary>
    internal const int StatementsPerConnection = 64;

    /// <summary>
    /// Idle connections kept. More reads at once than this open connections that are closed again afterwards, and a
    /// new connection pays for reading the schema and preparing anew; so it is sized for the request concurrency a
    /// node sees, not for its cores. A connection costs its page cache (at most 2 MB) while it is kept.
    /// </summary>
    internal const int ConnectionsKept = 32;

    private readonly ObjectPool<Session> pool;

    public SqliteReads(string file)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        pool = new DefaultObjectPoolProvider { MaximumRetained = ConnectionsKept }.Create(new SessionPolicy(connectionString));
    }

    /// <summary>A connection for one read; dispose the lease (after the reader) to give it back.</summary>
    public Lease Rent() => new(pool, pool.Get());

    public void Dispose() => (pool as IDisposable)?.Dispose();

    /// <summary>One rented connection and its prepared commands.</summary>
    internal readonly struct Lease(ObjectPool<Session> pool, Session session) : IDisposable
    {
        /// <summary>The command for <paramref name="sql"/> with <paramref name="parameters"/> bound (prepared on first use on this connection).</summary>
        public SqliteCommand Command(string sql, IReadOnlyList<KeyValuePair<string, object>> parameters)
        {
            var command = session.Command(sql);
            var bound = command.Parameters;
            bound.Clear();
            foreach (var (name, value) in parameters)
            {
                bound.AddWithValue(name, value);
            }

            return command;
        }

        public void Dispose() => pool.Return(session);
    }

    internal sealed class Session(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

        public bool Usable => connection.State == ConnectionState.Open;

        public SqliteCommand Command(string sql)
        {
            if (commands.TryGetValue(sql, out var command))
            {
                return command;
            }

            if (commands.Count >= StatementsPerConnection)
            {
                DisposeCommands();
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            commands.Add(sql, command);
            return command;
        }

        public void Dispose()
        {
            DisposeCommands();
            connection.Dispose();
        }

        private void DisposeCommands()
        {
            foreach (var command in commands.Values)
            {
                command.Dispose();
            }

            commands.Clear();
        }
    }

    private sealed class SessionPolicy(string connectionString) : IPooledObjectPolicy<Session>
    {
        public Session Create()
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, SqliteBusyWait.HandlerMilliseconds);
            return new Session(connection);
        }

        public bool Return(Session session) => session.Usable;
    }
}
