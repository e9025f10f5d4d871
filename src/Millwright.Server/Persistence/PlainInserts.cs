using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Millwright.Server.Persistence;

/// <summary>
/// Inserts many rows of one mapped type with plain statements on the context's current transaction, without change
/// tracking, for the sync's page writes (records and their outbox events) and the request-log writer: through EF, a page of 200 records and 200
/// events spent more time building, preparing and tracking commands than the store spent storing them (each batched
/// INSERT was prepared anew, and the records table's ~90 partial expression indexes make a prepare cost about as much
/// as the insert). Columns, names and value conversions come from the EF model, so the rows are stored exactly as
/// <c>SaveChanges</c> would store them. SQLite: one prepared statement, run once per row (in-process, so a round trip
/// costs nothing; synchronous, as in <see cref="Features.Mappings.Remapper"/>: the provider has no real async I/O).
/// PostgreSQL: multi-row <c>INSERT … VALUES</c> statements of up to <see cref="PostgresRowsPerStatement"/> rows.
/// A constraint violation surfaces as the provider's exception (not a <see cref="DbUpdateException"/>).
/// </summary>
internal static class PlainInserts
{
    private const int PostgresRowsPerStatement = 500;

    public static async Task InsertAsync<T>(MillwrightDb db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entityType.GetTableName()!;
        // A key the store generates (an identity column) is left to the store, as SaveChanges leaves it.
        var properties = entityType.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd)).ToArray();
        var columns = string.Join(", ", properties.Select(p => p.GetColumnName()));
        var postgres = !db.StoresTimesAsNumbers;

        await using var command = PlainCommands.OnTransaction(db, "Plain inserts");
        if (postgres)
        {
            for (var start = 0; start < rows.Count; start += PostgresRowsPerStatement)
            {
                var count = Math.Min(PostgresRowsPerStatement, rows.Count - start);
                command.Parameters.Clear();
                var sql = new StringBuilder($"INSERT INTO {table} ({columns}) VALUES ");
                for (var r = 0; r < count; r++)
                {
                    sql.Append(r == 0 ? "(" : ", (");
                    for (var c = 0; c < properties.Length; c++)
                    {
                        var name = $"@p{r}_{c}";
                        sql.Append(c == 0 ? name : ", " + name);
                        command.AddParameter(name, StoreValue(properties[c], rows[start + r], postgres));
                    }

                    sql.Append(')');
                }

                command.CommandText = sql.ToString();
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return;
        }

        command.CommandText = $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", properties.Select((_, i) => $"@p{i}"))})";
        var parameters = properties.Select((_, i) => command.AddParameter($"@p{i}", null)).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var c = 0; c < properties.Length; c++)
            {
                parameters[c].Value = StoreValue(properties[c], row, postgres);
            }

            command.ExecuteNonQuery();
        }
    }

    /// <summary>The value as the provider stores it: the model's converter applied (SQLite times are numbers), UTC on PostgreSQL.</summary>
    private static object StoreValue(IProperty property, object row, bool postgres)
    {
        var value = property.GetGetter().GetClrValue(row);
        if (value is null)
        {
            return DBNull.Value;
        }

        if (property.GetTypeMapping().Converter is { } converter)
        {
            value = converter.ConvertToProvider(value);
        }

        return postgres && value is DateTimeOffset time ? time.UtcDateTime : value ?? DBNull.Value;
    }
}
