namespace Millwright.Bench.Load;

/// <summary>
/// <c>load</c>: starts the server process on a temporary data folder, runs the scenarios one after the
/// other and prints (and optionally writes) the report. Everything is bounded: each scenario runs for
/// warm-up + duration, and the server process stops by itself if the driver dies.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var unknown = options.Scenarios.Where(s => Scenario.All.All(a => a.Name != s)).ToList();
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Unknown scenario(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", Scenario.All.Select(s => s.Name))}.");
            return 2;
        }

        if (BenchDatabase.Validate(options.Database) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        var scenarios = Scenario.All.Where(s => options.Scenarios.Count == 0 || options.Scenarios.Contains(s.Name)).ToList();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "millwright-bench", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dataDirectory);
        try
        {
            var loadBefore = LoadReport.LoadAverage();
            Console.Error.WriteLine($"Starting the server and seeding {options.WorkOrders:N0} work orders + {options.Assets:N0} assets in {dataDirectory} …");
            await using var server = await ServerProcess.StartAsync(options, dataDirectory, cancellationToken);
            Console.Error.WriteLine($"Server process {server.ProcessId} at {server.Ready.BaseAddress} ({server.Ready.Store}), seeded in {server.Ready.SeedSeconds:0.0} s.");

            using var runner = new LoadRunner(server, options);
            var results = new List<ScenarioResult>();
            foreach (var scenario in scenarios)
            {
                Console.Error.WriteLine($"{scenario.Name}: {options.Warmup.TotalSeconds:0} s warm-up + {options.Duration.TotalSeconds:0} s with {options.Clients} clients …");
                results.Add(await runner.RunAsync(scenario, cancellationToken));
            }

            var report = LoadReport.Header(options, server.Ready, loadBefore) + Environment.NewLine
                + string.Join(Environment.NewLine, scenarios.Select(s => $"- {s.Name}: {s.Description}")) + Environment.NewLine + Environment.NewLine
                + LoadReport.Results(results, LoadReport.LoadAverage()) + Environment.NewLine
                + LoadReport.Breakdown(server.Ready);
            Console.Out.Write(report);
            if (options.Output is { Length: > 0 } output)
            {
                await File.WriteAllTextAsync(output, report, cancellationToken);
            }

            return results.Any(r => r.Errors > 0) ? 1 : 0;
        }
        finally
        {
            TryDelete(dataDirectory);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the exiting server: the folder is in the temp directory anyway.
        }
    }
}
