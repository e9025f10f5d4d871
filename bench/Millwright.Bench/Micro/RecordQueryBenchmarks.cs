using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Millwright.Client.Models;
using Millwright.Server.Features.Records.Cursors;
using Millwright.Server.Features.Records.Query;
using Millwright.Server.Features.Records.Sql;

namespace Millwright.Bench.Micro;

/// <summary>
/// The per-request work of <c>GET /v1/work-orders</c> before the store is asked: query parsing and
/// validation, the query fingerprint, the SQL statement, and the signed cursor in both directions.
/// </summary>
[MemoryDiagnoser]
public class RecordQueryBenchmarks
{
    private const string ConnectionId = "conn_bench";
    private const string Filtered =
        "filter[status:in]=open,in_progress&filter[priority:gte]=high&filter[due_at:lt]=2025-07-01T00:00:00Z"
        + "&filter[custom_fields.Line]=B&sort=-priority,due_at&limit=100&expand=asset";

    private EntitySchema schema = null!;
    private QueryCollection empty = null!;
    private QueryCollection filtered = null!;
    private RecordQuery filteredQuery = null!;
    private CursorCodec codec = null!;
    private byte[] fingerprint = [];
    private CursorPosition position = null!;
    private string cursor = "";

    [GlobalSetup]
    public void Setup()
    {
        schema = RecordSchemas.Build()[Entity.WorkOrders];
        empty = new QueryCollection();
        filtered = new QueryCollection(QueryHelpers.ParseQuery(Filtered));
        filteredQuery = QueryParser.ParseList(schema, filtered);
        codec = new CursorCodec(new CursorKey([.. Enumerable.Range(1, 32).Select(i => (byte)i)]));
        fingerprint = QueryFingerprint.Compute(ConnectionId, schema.Info.Path, QueryParser.ParseList(schema, empty));
        // Default order (updated_at, id): an integer of unix microseconds on SQLite, then the stable id.
        position = new CursorPosition([1_767_600_000_000_000L], "wo_3k9d7x2m4q8v6b1n5c0z7a9s2d");
        cursor = codec.Encode(fingerprint, position);
    }

    [Benchmark(Description = "parse: no parameters")]
    public object ParseDefault() => QueryParser.ParseList(schema, empty);

    [Benchmark(Description = "parse: 4 filters, 2 sorts, limit, expand")]
    public object ParseFiltered() => QueryParser.ParseList(schema, filtered);

    [Benchmark(Description = "fingerprint: filtered query")]
    public byte[] Fingerprint() => QueryFingerprint.Compute(ConnectionId, schema.Info.Path, filteredQuery);

    [Benchmark(Description = "SQL: filtered query (SQLite)")]
    public object BuildSql()
    {
        var sql = new RecordSql(SqliteDialect.Instance, ConnectionId);
        var keys = sql.SortKeys(filteredQuery.Sort);
        return sql.List(schema.Info, filteredQuery, keys, after: null);
    }

    [Benchmark(Description = "cursor: encode")]
    public string EncodeCursor() => codec.Encode(fingerprint, position);

    [Benchmark(Description = "cursor: decode + verify")]
    public object DecodeCursor() => codec.Decode(cursor, fingerprint, keyCount: 1);
}
