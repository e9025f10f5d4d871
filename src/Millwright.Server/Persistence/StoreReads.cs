using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Millwright.Server.Persistence;

/// <summary>
/// Runs one read statement of the hot path with plain ADO.NET and hands its reader to <c>read</c>: on SQLite outside a
/// write transaction on a kept connection with the statement prepared (<see cref="SqliteReads"/>, ADR 0031), otherwise
/// on the context's own connection and transaction (which sees a write transaction's own changes), opened for the
/// statement when it is not open yet.
/// </summary>
internal static class StoreReads
{
    public static async Task<T> RunAsync<T>(
        MillwrightDb db,
        SqliteReads? reads,
        string sql,
        IReadOnlyList<KeyValuePair<string, object>> parameters,
        CommandBehavior behavior,
        Func<DbDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        if (reads is not null && db.Database.CurrentTransaction is null)
        {
            using var lease = reads.Rent();
            await using var kept = await lease.Command(sql, parameters).ExecuteReaderAsync(behavior, cancellationToken);
            return await read(kept, cancellationToken);
        }

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters)
            {
                command.AddParameter(name, value);
            }

            await using var reader = await command.ExecuteReaderAsync(behavior, cancellationToken);
            return await read(reader, cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
