using System.CommandLine;
using BenchmarkDotNet.Running;
using Millwright.Bench.Load;
using Millwright.Bench.Micro;
using Millwright.Bench.Webhooks;
using Millwright.Sandbox.MaintainX;

namespace Millwright.Bench;

/// <summary>
/// <c>micro [BenchmarkDotNet options]</c>: micro benchmarks (mapping, query and cursors, JSON writer);
/// <c>load [options]</c>: the real server under HTTP load. Results and how to read them: docs/performance.md.
/// (Not a top-level program: the server's own <c>Program</c> is in scope here.)
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var micro = new Command("micro", "Run the BenchmarkDotNet micro benchmarks (all of them unless --filter is given).")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        micro.SetAction(result =>
        {
            var benchmarkArgs = result.UnmatchedTokens.ToList();
            if (!benchmarkArgs.Contains("--filter") && !benchmarkArgs.Contains("-f") && !benchmarkArgs.Contains("--list"))
            {
                // Without a filter BenchmarkDotNet asks interactively which benchmark to run.
                benchmarkArgs.AddRange(["--filter", "*"]);
            }

            var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroConfig).Assembly).Run([.. benchmarkArgs], MicroConfig.Create());
            return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
        });

        var clients = new Option<int>("--clients") { Description = "Concurrent clients.", DefaultValueFactory = _ => 8 };
        var duration = new Option<int>("--duration") { Description = "Measured seconds per scenario.", DefaultValueFactory = _ => 15 };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured warm-up seconds per scenario.", DefaultValueFactory = _ => 3 };
        var workOrders = new Option<int>("--work-orders") { Description = "Work orders to seed.", DefaultValueFactory = _ => 20_000 };
        var assets = new Option<int>("--assets") { Description = "Assets to seed.", DefaultValueFactory = _ => 1_000 };
        var database = new Option<string?>("--database") { Description = $"PostgreSQL connection string whose database starts with {BenchDatabase.NamePrefix} (dropped before and after the run); default: SQLite in a temporary folder." };
        var scenario = new Option<string[]>("--scenario")
        {
            Description = $"Scenario(s) to run (default all): {string.Join(", ", Scenario.All.Select(s => s.Name))}.",
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string?>("--output") { Description = "Also write the markdown report to this file." };
        var requestLogs = new Option<bool>("--request-logs") { Description = "Log every API call (the server's default); false measures the server without request logs.", DefaultValueFactory = _ => true };
        var load = new Command("load", "Start the real server on loopback, seed it, and measure the read API under concurrent HTTP load.")
        {
            clients, duration, warmup, workOrders, assets, database, scenario, output, requestLogs,
        };
        load.SetAction((result, cancellationToken) => LoadCommand.RunAsync(
            new LoadOptions
            {
                Clients = Math.Clamp(result.GetValue(clients), 1, 256),
                Duration = TimeSpan.FromSeconds(Math.Clamp(result.GetValue(duration), 1, 600)),
                Warmup = TimeSpan.FromSeconds(Math.Clamp(result.GetValue(warmup), 0, 120)),
                WorkOrders = Math.Clamp(result.GetValue(workOrders), 1, 1_000_000),
                Assets = Math.Clamp(result.GetValue(assets), 1, 100_000),
                Database = result.GetValue(database),
                Scenarios = result.GetValue(scenario) ?? [],
                Output = result.GetValue(output),
                RequestLogs = result.GetValue(requestLogs),
            },
            cancellationToken));

        var data = new Option<string>("--data") { Required = true };
        var maxSeconds = new Option<int>("--max-seconds") { DefaultValueFactory = _ => 1_800 };
        var loadServer = new Command("load-server", "The server process of a load run (started by `load`).")
        {
            data, database, workOrders, assets, maxSeconds,
        };
        loadServer.Hidden = true;
        loadServer.SetAction(result => LoadServerCommand.RunAsync(
            result.GetRequiredValue(data),
            result.GetValue(database),
            result.GetValue(workOrders),
            result.GetValue(assets),
            TimeSpan.FromSeconds(result.GetValue(maxSeconds))));

        var remapRecords = new Option<int>("--work-orders") { Description = "Work orders to seed and re-map.", DefaultValueFactory = _ => 100_000 };
        var remap = new Command("remap", "Seed work orders and time re-mapping them all on field-mapping changes (in-process).")
        {
            remapRecords, database,
        };
        remap.SetAction((result, cancellationToken) =>
            Remap.RemapCommand.RunAsync(Math.Clamp(result.GetValue(remapRecords), 1, 2_000_000), result.GetValue(database), cancellationToken));

        var events = new Option<int>("--events") { Description = "Events to store.", DefaultValueFactory = _ => 20_000 };
        var endpoints = new Option<int>("--endpoints") { Description = "Endpoints each event fans out to.", DefaultValueFactory = _ => 1 };
        var webhooks = new Command("webhooks", "Fan-out throughput of webhook deliveries to a local receiver, with an API latency probe.")
        {
            events, endpoints, database,
        };
        webhooks.SetAction((result, cancellationToken) => WebhookBench.RunAsync(
            Math.Clamp(result.GetValue(events), 1, 1_000_000), Math.Clamp(result.GetValue(endpoints), 1, 100), result.GetValue(database), cancellationToken));

        var syncWorkOrders = new Option<int>("--work-orders") { Description = "Work orders the MaintainX sandbox seeds (with its assets, locations, users, purchase orders …).", DefaultValueFactory = _ => 100_000 };
        var syncAssets = new Option<int>("--assets") { Description = "Assets the sandbox seeds.", DefaultValueFactory = _ => new MaintainXSandboxSettings().AssetCount };
        // 1 000 000 per minute (about 16 700/s) is far above what a sync sends here, and the largest limit the
        // connector believes (RateLimitHeaders.Limit ignores a larger X-Rate-Limit-Limit and keeps the documented 100).
        var sandboxLimit = new Option<int>("--sandbox-rate-limit") { Description = "The sandbox's requests per minute, at most 1 000 000 (the default); 100 is the real MaintainX limit.", DefaultValueFactory = _ => 1_000_000 };
        var syncOutput = new Option<string?>("--output") { Description = "Also write the markdown report to this file." };
        var webhookEndpoint = new Option<bool>("--webhook-endpoint") { Description = "Subscribe one webhook endpoint (a local receiver) to every event before the sync (S4: compare with a run without)." };
        var sync = new Command("sync", "First full sync of MaintainX sandbox work orders vs a plain HttpClient making the same requests, then an incremental sync after 10 changes (in-process).")
        {
            syncWorkOrders, syncAssets, sandboxLimit, database, syncOutput, requestLogs, webhookEndpoint,
        };
        sync.SetAction((result, cancellationToken) => Sync.SyncCommand.RunAsync(
            new Sync.SyncOptions(
                Math.Clamp(result.GetValue(syncWorkOrders), 1, 1_000_000),
                Math.Clamp(result.GetValue(syncAssets), 10, 100_000),
                Math.Clamp(result.GetValue(sandboxLimit), 1, 1_000_000),
                result.GetValue(database),
                result.GetValue(syncOutput),
                result.GetValue(requestLogs),
                result.GetValue(webhookEndpoint)),
            cancellationToken));

        var root = new RootCommand("Millwright benchmarks: micro benchmarks and load runs (results in docs/performance.md).") { micro, load, loadServer, remap, webhooks, sync };
        return await root.Parse(args).InvokeAsync();
    }
}
