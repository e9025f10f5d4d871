using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Server.Features.Records.Sql;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Mappings;

/// <summary>
/// Re-applies a mapping to every stored record of one connection and entity from its stored raw
/// document, inside the caller's transaction: keyset batches by remote id, mapping spread over the
/// cores, and only records whose unified data changed are written (their <c>updated_at</c> moves, so
/// incremental readers see the new values). ADO.NET on the context's connection: no change tracking.
/// </summary>
internal sealed partial class Remapper(MillwrightDb db)
{
    public const int BatchSize = 2_000;

    /// <param name="Key">Where to write: the SQLite rowid (no index search), or the record id on PostgreSQL.</param>
    private sealed record Stored(object Key, string RemoteId, string Raw, string Data);

    /// <summary>
    /// SQLite's page cache for the re-map's transaction, in KiB (the default is 2 000). A re-map rewrites every
    /// row of the entity and its entries in each query index (ADR 0021); with the default cache the dirty pages
    /// spill to the WAL and are read back many times over. Set on the connection for the re-map only and
    /// restored afterwards (the connection is pooled); SQLite allocates the pages as they are used and frees
    /// those above the restored size at commit, after which <see cref="MappingChanger"/> gives the memory back to
    /// the OS (<see cref="NativeHeap"/>) (docs/performance.md, "R1 with a larger page cache").
    /// </summary>
    public const int SqliteCacheKiB = 131_072;

    /// <summary>Returns how many records changed.</summary>
    public async Task<int> RemapAsync(string connectionId, EntityInfo entity, EntityMapping mapping, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Re-mapping runs inside the mapping change's transaction.");
        if (!db.StoresTimesAsNumbers)
        {
            return await RemapBatchesAsync(transaction, PostgresDialect.Instance, connectionId, entity, mapping, now, cancellationToken);
        }

        var previous = await PlainCommands.SqlitePragmaAsync(db, "cache_size", cancellationToken);
        await PlainCommands.SqlitePragmaAsync(db, $"cache_size = -{SqliteCacheKiB}", cancellationToken);
        try
        {
            return await RemapBatchesAsync(transaction, SqliteDialect.Instance, connectionId, entity, mapping, now, cancellationToken);
        }
        finally
        {
            await PlainCommands.SqlitePragmaAsync(db, $"cache_size = {previous ?? -2000}", CancellationToken.None); // -2000: SQLite's default
        }
    }

    private async Task<int> RemapBatchesAsync(
        DbTransaction transaction, ISqlDialect dialect, string connectionId, EntityInfo entity, EntityMapping mapping, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = 0;
        string? after = null;
        while (true)
        {
            var batch = await ReadBatchAsync(transaction, db.StoresTimesAsNumbers, connectionId, entity.Path, after, cancellationToken);
            if (batch.Count == 0)
            {
                return changed;
            }

            var mapped = Map(batch, mapping, connectionId);
            var updates = new List<(object Key, string Data)>();
            for (var i = 0; i < batch.Count; i++)
            {
                if (mapped[i] is { } data && data != batch[i].Data)
                {
                    updates.Add((batch[i].Key, data));
                }
            }

            if (updates.Count > 0)
            {
                await WriteAsync(transaction, updates, dialect.TimeColumnValue(now), cancellationToken);
                changed += updates.Count;
            }

            if (batch.Count < BatchSize)
            {
                return changed;
            }

            after = batch[^1].RemoteId;
        }
    }

    /// <summary>Maps a batch (in parallel when it is large); null where the stored raw document cannot be read (kept as is).</summary>
    private static string?[] Map(List<Stored> batch, EntityMapping mapping, string connectionId)
    {
        var result = new string?[batch.Count];
        void MapOne(int i)
        {
            JsonObject? raw;
            try
            {
                raw = JsonNode.Parse(batch[i].Raw) as JsonObject;
            }
            catch (JsonException)
            {
                raw = null;
            }

            result[i] = raw is null ? null : MappingEngine.Apply(mapping, new RawRecord(batch[i].RemoteId, raw, null, null, null), connectionId).ToJsonString();
        }

        if (batch.Count < 256 || Environment.ProcessorCount == 1)
        {
            for (var i = 0; i < batch.Count; i++)
            {
                MapOne(i);
            }
        }
        else
        {
            Parallel.For(0, batch.Count, MapOne);
        }

        return result;
    }

    private static async Task<List<Stored>> ReadBatchAsync(
        DbTransaction transaction, bool sqlite, string connectionId, string entity, string? after, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            $"SELECT {(sqlite ? "rowid" : "id")}, remote_id, raw, data FROM records WHERE connection_id = @c AND entity = @e"
            + (after is null ? "" : " AND remote_id > @after")
            + $" ORDER BY remote_id LIMIT {BatchSize}";
        command.AddParameter("@c", connectionId);
        command.AddParameter("@e", entity);
        if (after is not null)
        {
            command.AddParameter("@after", after);
        }

        var rows = new List<Stored>(BatchSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Stored(reader.GetValue(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    private async Task WriteAsync(DbTransaction transaction, List<(object Key, string Data)> updates, object updatedAt, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        if (!db.StoresTimesAsNumbers)
        {
            // PostgreSQL: one statement per batch (a round trip per record would dominate).
            command.CommandText =
                "UPDATE records AS r SET data = v.data, updated_at = @u FROM unnest(@ids, @datas) AS v(id, data) WHERE r.id = v.id";
            command.AddParameter("@u", updatedAt);
            command.AddParameter("@ids", updates.Select(u => (string)u.Key).ToArray());
            command.AddParameter("@datas", updates.Select(u => u.Data).ToArray());
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        // SQLite: in-process, so one prepared statement per record is the fast path; by rowid, read with the
        // batch, it skips the search of the (random, hash-derived) id index. Synchronous: the provider has no
        // real async I/O and the Task per row would cost more than the statement.
        command.CommandText = "UPDATE records SET data = @d, updated_at = @u WHERE rowid = @r";
        var data = command.AddParameter("@d", "");
        command.AddParameter("@u", updatedAt);
        var row = command.AddParameter("@r", 0L);
        command.Prepare();
        foreach (var (key, json) in updates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            row.Value = key;
            data.Value = json;
            command.ExecuteNonQuery();
        }
    }
}
