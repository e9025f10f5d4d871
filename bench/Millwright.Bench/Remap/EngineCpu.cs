using System.Diagnostics;
using System.Globalization;
using Millwright.Bench.Data;
using Millwright.Client.Models;
using Millwright.Connectors.Mapping;
using Millwright.Connectors.Vendors.MaintainX;

namespace Millwright.Bench.Remap;

/// <summary>
/// Mapping-engine throughput per core measured in CPU time rather than wall time: on a machine shared with
/// other work (load averages of 20–40 on 2 cores here) wall-clock micro benchmarks mostly measure the
/// scheduler, while the process's CPU time of a single busy thread stays close to the work itself.
/// </summary>
internal static class EngineCpu
{
    private const int Documents = 1_000;
    private const int Rounds = 20;

    public static void Report()
    {
        var defaults = MaintainXMapping.Defaults[Entity.WorkOrders];
        var mapping = defaults with
        {
            Fields = [.. defaults.Fields, .. Micro.MappingBenchmarks.CustomLines.Select(l => new FieldMapping(l.Target, l.Expression))],
        };
        var documents = Enumerable.Range(0, Documents).Select(n => MaintainXDocuments.WorkOrder(n, assetCount: 1_000)).ToArray();
        foreach (var document in documents)
        {
            MappingEngine.Apply(mapping, document, "conn_bench"); // warm-up: JIT, caches
        }

        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.GetTimestamp();
        var fields = 0;
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var document in documents)
            {
                fields += MappingEngine.Apply(mapping, document, "conn_bench").Count;
            }
        }

        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var wallSeconds = Stopwatch.GetElapsedTime(wall).TotalSeconds;
        const int Records = Documents * Rounds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine: {mapping.Fields.Count}-field work-order mapping, {Records:N0} records on one thread: {cpuSeconds * 1e6 / Records:F1} µs CPU/record ({Records / cpuSeconds:N0} records per CPU-second), wall {wallSeconds * 1e6 / Records:F1} µs/record ({fields / Records} output fields)"));
    }
}
