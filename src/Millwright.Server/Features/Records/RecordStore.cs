using System.Data;
using System.Data.Common;
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

/// <summary>
/// Runs record statements with ADO.NET (no EF materialization): on SQLite on a kept read connection with the statement
/// already prepared, otherwise on the DbContext's own connection (<see cref="StoreReads"/>).
/// </summary>
internal sealed class RecordStore(MillwrightDb db, SqliteReads? reads = null)
{
    public ISqlDialect Dialect { get; } = db.StoresTimesAsNumbers ? SqliteDialect.Instance : PostgresDialect.Instance;

    public Task<List<StoredRecord>> ReadAsync(SqlStatement statement, IReadOnlyList<SortKey> cursorKeys, CancellationToken cancellationToken) =>
        StoreReads.RunAsync(db, reads, statement.Text, statement.Parameters, CommandBehavior.Default,
            (reader, ct) => ReadRowsAsync(reader, cursorKeys, ct), cancellationToken);

    private async Task<List<StoredRecord>> ReadRowsAsync(DbDataReader reader, IReadOnlyList<SortKey> cursorKeys, CancellationToken cancellationToken)
    {
        var rows = new List<StoredRecord>();
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
}
