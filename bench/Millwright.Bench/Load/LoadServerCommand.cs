namespace Millwright.Bench.Load;

/// <summary>
/// The server side of a load run, in its own process so that its allocations, CPU time and working set
/// are the server's alone: start, seed, report <see cref="ServerReady"/>, then answer <c>stats</c> until
/// <c>exit</c>, the end of stdin, or the time limit.
/// </summary>
internal static class LoadServerCommand
{
    public static async Task<int> RunAsync(string dataDirectory, string? database, int workOrders, int assets, TimeSpan maxLifetime)
    {
        using var lifetime = new CancellationTokenSource(maxLifetime);
        if (database is { Length: > 0 })
        {
            await BenchDatabase.DropAsync(database, lifetime.Token);
        }

        try
        {
            return await ServeAsync(dataDirectory, database, workOrders, assets, lifetime);
        }
        finally
        {
            if (database is { Length: > 0 })
            {
                await BenchDatabase.DropAsync(database, CancellationToken.None);
            }
        }
    }

    private static async Task<int> ServeAsync(string dataDirectory, string? database, int workOrders, int assets, CancellationTokenSource lifetime)
    {
        using var host = new LoadServerHost(dataDirectory, database, floor: true);
        var ready = await LoadSeed.SeedAsync(host, workOrders, assets, lifetime.Token);
        await CaptureFloorAsync(host, ready, lifetime.Token);
        ready = ready with { Breakdown = await RequestBreakdown.MeasureAsync(host.Services, ready, lifetime.Token) };
        // Start every scenario from the same state rather than with the seeding's garbage.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        Console.Out.WriteLine(BenchProtocol.Line(ready));
        Console.Out.Flush();

        while (!lifetime.IsCancellationRequested)
        {
            string? command;
            try
            {
                command = await Console.In.ReadLineAsync(lifetime.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (command is null or BenchProtocol.ExitCommand)
            {
                break;
            }

            if (command == BenchProtocol.StatsCommand)
            {
                Console.Out.WriteLine(BenchProtocol.Line(Snapshot()));
                Console.Out.Flush();
            }
        }

        return 0;
    }

    /// <summary>One real <c>list-50</c> answer, kept for the <c>floor-50</c> scenario to be served from memory.</summary>
    private static async Task CaptureFloorAsync(LoadServerHost host, ServerReady ready, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", ready.Token);
        using var response = await http.GetAsync(Scenario.ListPath, cancellationToken);
        response.EnsureSuccessStatusCode();
        host.Floor!.Capture(await response.Content.ReadAsByteArrayAsync(cancellationToken), response.Content.Headers.ContentType?.ToString());
    }

    private static ServerStats Snapshot() => new(
        GC.GetTotalAllocatedBytes(precise: true),
        Environment.WorkingSet,
        GC.GetGCMemoryInfo().HeapSizeBytes,
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        GC.GetTotalPauseDuration().TotalMilliseconds,
        Environment.CpuUsage.TotalTime.TotalMilliseconds);
}
