using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Bench.Load;
using Millwright.Connectors.Core;
using Millwright.Server.Features.Mappings;
using Millwright.Server.Persistence;

namespace Millwright.Bench.Remap;

/// <summary>
/// Re-mapping on a field-mapping change: seeds N MaintainX work orders into a store (as a sync stores them),
/// then times <c>MappingChanger</c> — the code behind PUT/PATCH/rollback of field mappings, one transaction
/// including the re-map of every stored work order — for three changes that each alter every record.
/// </summary>
internal static class RemapCommand
{
    public static async Task<int> RunAsync(int workOrders, string? database, CancellationToken cancellationToken)
    {
        if (BenchDatabase.Validate(database) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        EngineCpu.Report();
        var data = Path.Combine(Path.GetTempPath(), "millwright-remap-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(data);
        if (database is { Length: > 0 })
        {
            await BenchDatabase.DropAsync(database, cancellationToken);
        }

        try
        {
            using var host = new LoadServerHost(data, database);
            var ready = await LoadSeed.SeedAsync(host, workOrders, assets: 1_000, cancellationToken);
            Console.WriteLine($"store: {ready.Store}; seeded {workOrders:N0} work orders + 1,000 assets in {ready.SeedSeconds:F1} s");
            Console.WriteLine();
            Console.WriteLine("| change | records re-mapped | wall s | records/s | process CPU s | working set after, MiB |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            await ChangeAsync(host, ready.ConnectionId, "title + new custom field (every record changes)", current => current.Overrides.Patch(
                new Dictionary<string, Dictionary<string, string?>?>
                {
                    ["work-orders"] = new() { ["title"] = "concat(sequentialId | string, ' ', title)", ["custom_fields.seq"] = "sequentialId | number" },
                }), cancellationToken);
            await ChangeAsync(host, ready.ConnectionId, "status value map (every record changes)", current => current.Overrides.Patch(
                new Dictionary<string, Dictionary<string, string?>?> { ["work-orders"] = new() { ["status"] = "status | map(DONE: completed, *: open)" } }), cancellationToken);
            await ChangeAsync(host, ready.ConnectionId, "back to the defaults", _ => MappingOverrides.Empty, cancellationToken);
            return 0;
        }
        finally
        {
            if (database is { Length: > 0 })
            {
                await BenchDatabase.DropAsync(database, CancellationToken.None);
            }

            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task ChangeAsync(
        LoadServerHost host, string connectionId, string name, Func<CurrentMappings, MappingOverrides> change, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var connection = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == connectionId, cancellationToken);
        var connector = scope.ServiceProvider.GetRequiredService<ConnectorRegistry>().Find(connection.System)!;
        var changer = scope.ServiceProvider.GetRequiredService<MappingChanger>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var (row, _) = await changer.ChangeAsync(connection, connector, "patch", current => Task.FromResult((change(current), (int?)null)), "req_bench", cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var records = row?.RemappedRecords ?? 0;
        var workingSet = Process.GetCurrentProcess().WorkingSet64 / (1024.0 * 1024);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {records:N0} | {seconds:F2} | {records / seconds:N0} | {cpuSeconds:F2} | {workingSet:F0} |"));
    }
}
