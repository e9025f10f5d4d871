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

    /// <summary>12 lines a customer might add to the 18 default work-order lines: a 30-field mapping.</summary>
    internal static readonly (string Target, string Expression)[] CustomLines =
    [
        ("custom_fields.line", "extraFields.Line | upper"),
        ("custom_fields.downtime_hours", "extraFields[\"Downtime Hours\"] | number"),
        ("custom_fields.budget", "extraFields[\"Estimated Budget\"] | trim"),
        ("custom_fields.created", "createdAt | date"),
        ("custom_fields.updated", "updatedAt | date(unix_ms)"),
        ("custom_fields.completer_id", "completerId | ref(users)"),
        ("custom_fields.label", "concat(title, ' / ', type)"),
        ("custom_fields.priority_code", "priority | lower"),
        ("custom_fields.asset_location", "asset.locationId | string"),
        ("custom_fields.summary", "coalesce(description, title)"),
        ("custom_fields.assignee_count", "assignees[].id | count"),
        ("custom_fields.done", "status | map(DONE: true, *: false)"),
    ];

    private EntityMapping workOrders = null!;
    private EntityMapping workOrders30 = null!;
    private string[] workOrderTexts = [];
    private EntityMapping assets = null!;
    private RawRecord fixtureWorkOrder = null!;
    private RawRecord[] workOrderBatch = [];
    private RawRecord[] assetBatch = [];

    [GlobalSetup]
    public void Setup()
    {
        workOrders = MaintainXMapping.Defaults[Entity.WorkOrders];
        workOrders30 = workOrders with { Fields = [.. workOrders.Fields, .. CustomLines.Select(l => new FieldMapping(l.Target, l.Expression))] };
        if (workOrders30.Fields.Count != 30 || MappingEngine.Validate(workOrders30).Count > 0)
        {
            throw new InvalidOperationException("The 30-field mapping must have 30 valid lines.");
        }

        assets = MaintainXMapping.Defaults[Entity.Assets];
        fixtureWorkOrder = MaintainXDocuments.FixtureWorkOrder();
        workOrderBatch = [.. Enumerable.Range(0, Batch).Select(n => MaintainXDocuments.WorkOrder(n, assetCount: 1_000))];
        assetBatch = [.. Enumerable.Range(0, Batch).Select(MaintainXDocuments.Asset)];
        workOrderTexts = [.. workOrderBatch.Select(r => r.Data.ToJsonString())];
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

    [Benchmark(Description = "work order, 30 fields: page of 1000 (per record)", OperationsPerInvoke = Batch)]
    public int WorkOrder30Page()
    {
        var fields = 0;
        foreach (var record in workOrderBatch)
        {
            fields += MappingEngine.Apply(workOrders30, record, ConnectionId).Count;
        }

        return fields;
    }

    /// <summary>The CPU work of re-mapping one stored record: parse the stored raw text, map, write the data text.</summary>
    [Benchmark(Description = "re-map, 30 fields: parse raw + map + serialize (per record)", OperationsPerInvoke = Batch)]
    public int Remap30Page()
    {
        var length = 0;
        for (var i = 0; i < workOrderTexts.Length; i++)
        {
            var raw = new RawRecord(workOrderBatch[i].RemoteId, JsonNode.Parse(workOrderTexts[i])!.AsObject(), null, null, null);
            length += MappingEngine.Apply(workOrders30, raw, ConnectionId).ToJsonString().Length;
        }

        return length;
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
