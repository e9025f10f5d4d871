using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Millwright.Bench.Data;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Connectors.Vendors.MaintainX;

namespace Millwright.Bench.Micro;

/// <summary>
/// <c>MappingEngine.Apply</c> with the MaintainX default mappings. The batch benchmarks map a page of
/// distinct generated documents (references spread over 1 000 assets, 40 users, 8 teams), so their
/// time per operation is the time per record of a sync.
/// </summary>
[MemoryDiagnoser]
public class MappingBenchmarks
{
    public const int Batch = 1_000;
    private const string ConnectionId = "conn_bench";

    private EntityMapping workOrders = null!;
    private EntityMapping assets = null!;
    private RawRecord fixtureWorkOrder = null!;
    private RawRecord[] workOrderBatch = [];
    private RawRecord[] assetBatch = [];

    [GlobalSetup]
    public void Setup()
    {
        workOrders = MaintainXMapping.Defaults[Entity.WorkOrders];
        assets = MaintainXMapping.Defaults[Entity.Assets];
        fixtureWorkOrder = MaintainXDocuments.FixtureWorkOrder();
        workOrderBatch = [.. Enumerable.Range(0, Batch).Select(n => MaintainXDocuments.WorkOrder(n, assetCount: 1_000))];
        assetBatch = [.. Enumerable.Range(0, Batch).Select(MaintainXDocuments.Asset)];
    }

    [Benchmark(Description = "work order: fixture document")]
    public JsonObject WorkOrderFixture() => MappingEngine.Apply(workOrders, fixtureWorkOrder, ConnectionId);

    [Benchmark(Description = "work order: page of 1000 (per record)", OperationsPerInvoke = Batch)]
    public int WorkOrderPage()
    {
        var fields = 0;
        foreach (var record in workOrderBatch)
        {
            fields += MappingEngine.Apply(workOrders, record, ConnectionId).Count;
        }

        return fields;
    }

    [Benchmark(Description = "asset: page of 1000 (per record)", OperationsPerInvoke = Batch)]
    public int AssetPage()
    {
        var fields = 0;
        foreach (var record in assetBatch)
        {
            fields += MappingEngine.Apply(assets, record, ConnectionId).Count;
        }

        return fields;
    }
}
