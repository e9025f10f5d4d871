using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Millwright.Server.Features.Records.Sql;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Records;

/// <summary>A stored record as read for the API: envelope columns, data and raw as the store holds them.</summary>
internal sealed record StoredRecord(
    string Id,
    string RemoteId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt,
    DateTimeOffset? RemoteCreatedAt,
    DateTimeOffset? RemoteUpdatedAt,
    string Data,
    string? Raw)
{
    /// <summary>Sort-key values of this row, for a cursor that starts after it.</summary>
    public IReadOnlyList<object?> CursorKeys { get; init; } = [];
}

/// <summary>Runs record statements with ADO.NET on the DbContext's own connection (no EF materialization).</summary>
internal sealed class RecordStore(MillwrightDb db)
{
    public ISqlDialect Dialect { get; } = db.StoresTimesAsNumbers ? SqliteDialect.Instance : PostgresDialect.Instance;

    public async Task<List<StoredRecord>> ReadAsync(SqlStatement statement, IReadOnlyList<SortKey> cursorKeys, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement.Text;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in statement.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            var rows = new List<StoredRecord>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var keys = new object?[cursorKeys.Count];
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = Dialect.ReadCursorValue(reader, RecordSql.CursorColumnsStart + i, cursorKeys[i].Kind);
                }

                rows.Add(new StoredRecord(
                    reader.GetString(0),
                    reader.GetString(1),
                    Dialect.ReadTime(reader, 2),
                    Dialect.ReadTime(reader, 3),
                    reader.IsDBNull(4) ? null : Dialect.ReadTime(reader, 4),
                    reader.IsDBNull(5) ? null : Dialect.ReadTime(reader, 5),
                    reader.IsDBNull(6) ? null : Dialect.ReadTime(reader, 6),
                    reader.GetString(7),
                    reader.IsDBNull(8) ? null : reader.GetString(8))
                { CursorKeys = keys });
            }

            return rows;
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
