using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Millwright.Bench.Data;
using Millwright.Client.Models;
using Millwright.Server.Features.Records;
using Millwright.Server.Features.Records.Query;

namespace Millwright.Bench.Micro;

/// <summary>
/// <c>RecordJsonWriter</c> writing one list page of 50 mapped MaintainX work orders from their stored JSON,
/// as the list endpoint does (without HTTP and without the store).
/// </summary>
[MemoryDiagnoser]
public class RecordWriterBenchmarks
{
    private const string ConnectionId = "conn_bench";
    private const int PageSize = 50;

    private readonly ArrayBufferWriter<byte> buffer = new(256 * 1024);
    private RecordSet plain = null!;
    private RecordSet withRaw = null!;
    private RecordSet expanded = null!;

    [GlobalSetup]
    public void Setup()
    {
        var schemas = RecordSchemas.Build();
        var schema = schemas[Entity.WorkOrders];
        var rows = Enumerable.Range(0, PageSize).Select(n => Stored(SeedRecords.WorkOrder(ConnectionId, n, assetCount: 1_000))).ToList();
        var assets = Enumerable.Range(0, 1_000).Select(n => Stored(SeedRecords.Asset(ConnectionId, n))).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var assetField = schema.Expansions["asset"];
        var assetSet = new RecordSet(schemas[Entity.Assets], [], IncludeRaw: false, []);

        plain = new RecordSet(schema, rows, IncludeRaw: false, []);
        withRaw = new RecordSet(schema, rows, IncludeRaw: true, []);
        expanded = new RecordSet(schema, rows, IncludeRaw: false, [new Expansion(assetField, assetSet, assets)]);
    }

    [Benchmark(Baseline = true, Description = "page of 50")]
    public int Page() => Write(plain);

    [Benchmark(Description = "page of 50, include_raw")]
    public int PageWithRaw() => Write(withRaw);

    [Benchmark(Description = "page of 50, expand=asset")]
    public int PageExpanded() => Write(expanded);

    private int Write(RecordSet set)
    {
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteStartArray("data");
        foreach (var record in set.Rows)
        {
            RecordJsonWriter.WriteRecord(writer, set, record);
        }

        writer.WriteEndArray();
        writer.WriteNull("next_cursor");
        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenCount;
    }

    private static StoredRecord Stored(SeedRecord seed) => new(
        seed.Id, seed.RemoteId, seed.SeenAt, seed.SeenAt, null, seed.RemoteCreatedAt, seed.RemoteUpdatedAt, seed.Data, seed.Raw);
}
