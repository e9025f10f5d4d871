using System.Text.Json;
using Millwright.Client.Models;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Records.Cursors;
using Millwright.Server.Features.Records.Query;
using Millwright.Server.Features.Records.Sql;
using Millwright.Server.Hosting.Errors;
using Millwright.Server.Hosting.Telemetry;

namespace Millwright.Server.Features.Records;

/// <summary>Records of one expanded reference field, by id; <paramref name="Target"/> shapes how they are written.</summary>
internal sealed record Expansion(FieldDef Field, RecordSet Target, IReadOnlyDictionary<string, StoredRecord> ById);

/// <summary>One page (or one record) ready to be written, with what the writer needs to shape it.</summary>
internal sealed record RecordSet(EntitySchema Schema, IReadOnlyList<StoredRecord> Rows, bool IncludeRaw, IReadOnlyList<Expansion> Expansions);

/// <summary>Answers list and get requests of one connection from the store.</summary>
internal sealed class RecordReader(RecordStore store, RecordSchemas schemas, CursorCodec cursors)
{
    private const string PageSpan = "store read records";
    private const string ExpansionSpan = "store read expansion";

    public async Task<RecordPageResult> ListAsync(ConnectionRow connection, Entity entity, IQueryCollection queryString, CancellationToken cancellationToken)
    {
        var schema = schemas[entity];
        var query = QueryParser.ParseList(schema, queryString);
        // Custom-field keys hold parameters of their statement: each statement builds its own keys.
        var sql = new RecordSql(store.Dialect, connection.Id);
        var keys = sql.SortKeys(query.Sort);
        var cursorKeys = keys.Take(keys.Count - 1).ToList();
        var fingerprint = QueryFingerprint.Compute(connection.Id, schema.Info.Path, query);
        var after = query.Cursor is null ? null : cursors.Decode(query.Cursor, fingerprint, cursorKeys.Count);

        List<StoredRecord> rows;
        if (!RecordSql.SplitsNulls(keys))
        {
            rows = await ReadAsync(PageSpan, schema.Info, sql.List(schema.Info, query, keys, after), cursorKeys, cancellationToken);
        }
        else
        {
            // Rows with a value first, then (when the page is not full) the rows without one: a cursor whose key
            // is null already stands among the latter.
            var inNulls = after is not null && after.Keys[0] is null;
            rows = inNulls ? [] : await ReadAsync(PageSpan, schema.Info, sql.List(schema.Info, query, keys, after, RecordSql.KeyRange.Values), cursorKeys, cancellationToken);
            if (rows.Count <= query.Limit)
            {
                var nulls = new RecordSql(store.Dialect, connection.Id);
                var statement = nulls.List(schema.Info, query, nulls.SortKeys(query.Sort), inNulls ? after : null, RecordSql.KeyRange.Nulls, query.Limit + 1 - rows.Count);
                rows.AddRange(await ReadAsync(PageSpan, schema.Info, statement, cursorKeys, cancellationToken));
            }
        }

        string? next = null;
        if (rows.Count > query.Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = cursors.Encode(fingerprint, new CursorPosition(rows[^1].CursorKeys, rows[^1].Id));
        }

        var expansions = await ExpandAsync(connection.Id, query.Expand, rows, cancellationToken);
        return new RecordPageResult(new RecordSet(schema, rows, query.IncludeRaw, expansions), next);
    }

    public async Task<RecordResult> GetAsync(ConnectionRow connection, Entity entity, string id, IQueryCollection queryString, CancellationToken cancellationToken)
    {
        var schema = schemas[entity];
        var query = QueryParser.ParseGet(schema, queryString);
        var statement = new RecordSql(store.Dialect, connection.Id).Get(schema.Info, id, query.IncludeDeleted, query.IncludeRaw);
        var rows = await ReadAsync(PageSpan, schema.Info, statement, [], cancellationToken);
        if (rows.Count == 0)
        {
            // Also for ids of other connections: their existence is not the caller's business.
            throw ApiException.NotFound($"{schema.Info.Singular.Replace('_', ' ')} '{QueryValues.Shorten(id)}'");
        }

        var expansions = await ExpandAsync(connection.Id, query.Expand, rows, cancellationToken);
        return new RecordResult(new RecordSet(schema, rows, query.IncludeRaw, expansions));
    }

    /// <summary>One query per expanded field for the whole page, never one per record.</summary>
    private async Task<IReadOnlyList<Expansion>> ExpandAsync(string connectionId, IReadOnlyList<FieldDef> fields, List<StoredRecord> rows, CancellationToken cancellationToken)
    {
        if (fields.Count == 0 || rows.Count == 0)
        {
            return [];
        }

        var wanted = fields.ToDictionary(f => f.Name, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var row in rows)
        {
            using var data = JsonDocument.Parse(row.Data);
            if (data.RootElement.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var (name, ids) in wanted)
            {
                if (!data.RootElement.TryGetProperty(name, out var value))
                {
                    continue;
                }

                if (value.ValueKind == JsonValueKind.String)
                {
                    ids.Add(value.GetString()!);
                }
                else if (value.ValueKind == JsonValueKind.Array)
                {
                    ids.UnionWith(value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
                }
            }
        }

        var expansions = new List<Expansion>(fields.Count);
        foreach (var field in fields)
        {
            var ids = wanted[field.Name];
            var found = ids.Count == 0
                ? []
                : await ReadAsync(ExpansionSpan, field.References!, new RecordSql(store.Dialect, connectionId).ByIds(field.References!, ids), [], cancellationToken);
            var target = new RecordSet(schemas[field.References!.Entity], [], IncludeRaw: false, []);
            expansions.Add(new Expansion(field, target, found.ToDictionary(r => r.Id, StringComparer.Ordinal)));
        }

        return expansions;
    }

    /// <summary>One statement, as a child span of the request (<see cref="MillwrightTelemetry.Store"/>): entity and row count, no values.</summary>
    private async Task<List<StoredRecord>> ReadAsync(
        string span, EntityInfo entity, SqlStatement statement, IReadOnlyList<SortKey> cursorKeys, CancellationToken cancellationToken)
    {
        using var activity = MillwrightTelemetry.Store.StartActivity(span);
        activity?.SetTag(MillwrightTelemetry.EntityTag, entity.Path);
        var rows = await store.ReadAsync(statement, cursorKeys, cancellationToken);
        activity?.SetTag(MillwrightTelemetry.RowsTag, rows.Count);
        return rows;
    }
}
