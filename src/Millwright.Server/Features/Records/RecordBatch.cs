using System.Data.Common;
using Millwright.Server.Features.Records.Sql;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Records;

/// <summary>
/// Updates a sync page's existing records with plain statements on the page's transaction, without change tracking
/// (new records go through <see cref="PlainInserts"/>; why both, see there). SQLite: one prepared statement per page,
/// run once per record. PostgreSQL: one statement per page over <c>unnest</c> of column arrays.
/// </summary>
internal static class RecordBatch
{
    /// <summary>Writes every column a sync may change (all but the identity and <c>created_at</c>) of existing records.</summary>
    public static async Task UpdateAsync(MillwrightDb db, IReadOnlyList<RecordRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = PlainCommands.OnTransaction(db, "Record updates");
        if (!db.StoresTimesAsNumbers)
        {
            command.CommandText = "UPDATE records AS r SET data = v.data, raw = v.raw, raw_hash = v.raw_hash, updated_at = v.updated_at, "
                + "deleted_at = v.deleted_at, remote_created_at = v.remote_created_at, remote_updated_at = v.remote_updated_at, last_seen_run_id = v.run "
                + "FROM unnest(@id::text[], @d::text[], @raw::text[], @h::text[], @ua::timestamptz[], @da::timestamptz[], @rca::timestamptz[], "
                + "@rua::timestamptz[], @run::text[]) AS v(id, data, raw, raw_hash, updated_at, deleted_at, remote_created_at, remote_updated_at, run) "
                + "WHERE r.id = v.id";
            command.AddParameter("@id", rows.Select(r => r.Id).ToArray());
            command.AddParameter("@d", rows.Select(r => r.Data).ToArray());
            command.AddParameter("@raw", rows.Select(r => r.Raw).ToArray());
            command.AddParameter("@h", rows.Select(r => r.RawHash).ToArray());
            command.AddParameter("@ua", rows.Select(r => r.UpdatedAt.UtcDateTime).ToArray());
            command.AddParameter("@da", rows.Select(r => r.DeletedAt?.UtcDateTime).ToArray());
            command.AddParameter("@rca", rows.Select(r => r.RemoteCreatedAt?.UtcDateTime).ToArray());
            command.AddParameter("@rua", rows.Select(r => r.RemoteUpdatedAt?.UtcDateTime).ToArray());
            command.AddParameter("@run", rows.Select(r => r.LastSeenRunId).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        command.CommandText = "UPDATE records SET data = @d, raw = @raw, raw_hash = @h, updated_at = @ua, deleted_at = @da, "
            + "remote_created_at = @rca, remote_updated_at = @rua, last_seen_run_id = @run WHERE id = @id";
        var p = AddAll(command, "@id", "@d", "@raw", "@h", "@ua", "@da", "@rca", "@rua", "@run");
        command.Prepare();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            p[0].Value = row.Id;
            p[1].Value = row.Data;
            p[2].Value = row.Raw;
            p[3].Value = row.RawHash;
            p[4].Value = Micros(row.UpdatedAt);
            p[5].Value = Micros(row.DeletedAt);
            p[6].Value = Micros(row.RemoteCreatedAt);
            p[7].Value = Micros(row.RemoteUpdatedAt);
            p[8].Value = (object?)row.LastSeenRunId ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Remembers that run <paramref name="runId"/> saw these records unchanged (a full run deletes what it did not see).</summary>
    public static async Task MarkSeenAsync(MillwrightDb db, IReadOnlyList<string> ids, string runId, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var command = PlainCommands.OnTransaction(db, "Record updates");
        if (!db.StoresTimesAsNumbers)
        {
            command.CommandText = "UPDATE records SET last_seen_run_id = @run WHERE id = ANY(@ids)";
            command.AddParameter("@run", runId);
            command.AddParameter("@ids", ids.ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        command.CommandText = "UPDATE records SET last_seen_run_id = @run WHERE id = @id";
        var p = AddAll(command, "@run", "@id");
        p[0].Value = runId;
        command.Prepare();
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            p[1].Value = id;
            command.ExecuteNonQuery();
        }
    }

    private static object Micros(DateTimeOffset? value) =>
        value is { } v ? SqliteDialect.Instance.TimeColumnValue(v) : DBNull.Value;

    private static DbParameter[] AddAll(DbCommand command, params string[] names)
    {
        var parameters = new DbParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            parameters[i] = command.AddParameter(names[i], null);
        }

        return parameters;
    }
}
