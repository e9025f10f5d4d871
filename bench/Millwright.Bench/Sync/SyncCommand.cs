using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Bench.Load;
using Millwright.Bench.Webhooks;
using Millwright.Client;
using Millwright.Client.Sync;
using Millwright.Client.Webhooks;
using Millwright.Sandbox.MaintainX;
using Millwright.Server.Features.Accounts;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Hosting;
using Millwright.Server.Persistence;

namespace Millwright.Bench.Sync;

/// <summary>Settings of one <c>sync</c> run.</summary>
internal sealed record SyncOptions(int WorkOrders, int Assets, int SandboxRequestsPerMinute, string? Database, string? Output, bool RequestLogs, bool WebhookEndpoint);

/// <summary>
/// <c>sync</c> (issue 16, S1/S2): a MaintainX sandbox seeded with N work orders (and the assets, locations, users,
/// purchase orders … it seeds with them) on its own loopback host, the real server in this process with one
/// MaintainX connection to it. S1: time the first full sync, then replay exactly the upstream requests it made
/// (recorded on the sandbox side) with a plain <see cref="HttpClient"/>: sync time ÷ raw-fetch time. S2: change
/// 10 work orders through the sandbox's write API and count the upstream requests of the incremental sync per
/// resource. The sandbox's rate limit is set far above the request rate, so neither side waits for it.
/// </summary>
internal static class SyncCommand
{
    private const int ChangedWorkOrders = 10;
    private static readonly TimeSpan MaxRunTime = TimeSpan.FromHours(1);

    public static async Task<int> RunAsync(SyncOptions options, CancellationToken cancellationToken)
    {
        if (BenchDatabase.Validate(options.Database) is { } problem)
        {
            await Console.Error.WriteLineAsync(problem);
            return 2;
        }

        var data = Path.Combine(Path.GetTempPath(), "millwright-sync-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(data);
        if (options.Database is { Length: > 0 })
        {
            await BenchDatabase.DropAsync(options.Database, cancellationToken);
        }

        try
        {
            return await RunAsync(options, data, cancellationToken);
        }
        finally
        {
            if (options.Database is { Length: > 0 })
            {
                await BenchDatabase.DropAsync(options.Database, CancellationToken.None);
            }

            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<int> RunAsync(SyncOptions options, string data, CancellationToken cancellationToken)
    {
        var loadBefore = LoadReport.LoadAverage();
        var settings = new MaintainXSandboxSettings
        {
            WorkOrderCount = options.WorkOrders,
            AssetCount = options.Assets,
            RequestsPerMinute = options.SandboxRequestsPerMinute,
        };
        await using var sandbox = await RecordingSandbox.StartAsync(settings, cancellationToken);
        using var sandboxHttp = new HttpClient { BaseAddress = sandbox.ApiBaseUrl };
        sandboxHttp.DefaultRequestHeaders.Authorization = new("Bearer", MaintainXSandboxSettings.DemoApiKey);

        // The sandbox seeds an organisation on its first request: do that before the clock starts.
        var seeding = Stopwatch.GetTimestamp();
        (await sandboxHttp.GetAsync("workorders?limit=1", cancellationToken)).EnsureSuccessStatusCode();
        var seedSeconds = Stopwatch.GetElapsedTime(seeding).TotalSeconds;
        Console.Error.WriteLine($"Sandbox at {sandbox.ApiBaseUrl} seeded {options.WorkOrders:N0} work orders + {options.Assets:N0} assets in {seedSeconds:0.0} s.");

        // S4: one endpoint subscribed to every event, so each changed record also gets a delivery (sent while the sync runs).
        var delivered = 0L;
        await using var receiver = options.WebhookEndpoint ? await WebhookBench.StartReceiverAsync(() => Interlocked.Increment(ref delivered)) : null;
        var receiverAddress = receiver is null ? null : new Uri(WebhookBench.ReceiverUrl(receiver));

        using var host = new LoadServerHost(data, options.Database, extra: new Dictionary<string, string?>
        {
            ["Millwright:Upstream:AllowedAddresses:0"] = $"{sandbox.BaseAddress.Host}:{sandbox.BaseAddress.Port}",
            ["Millwright:Upstream:AllowedAddresses:1"] = receiverAddress is null ? null : $"{receiverAddress.Host}:{receiverAddress.Port}",
            ["Millwright:Jobs:PollInterval"] = "00:00:00.100",
            ["Millwright:RateLimits:AccountPerMinute"] = "1000000",
            ["Millwright:RateLimits:ConnectionPerMinute"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Millwright:RequestLogs:Enabled"] = options.RequestLogs ? "true" : "false",
        });
        var (account, connectionId, store) = await ConnectAsync(host, sandbox, cancellationToken);
        using var api = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var client = new MillwrightClient(api, account.TestSecretKey);
        if (receiver is not null)
        {
            await client.CreateWebhookEndpointAsync(new CreateWebhookEndpointRequest(WebhookBench.ReceiverUrl(receiver)), cancellationToken);
        }

        // S1: the first (full) sync, then the same requests without Millwright.
        using var spans = new SyncSpans();
        sandbox.Recording = spans.Recording = true;
        var full = await SyncAsync(host, client, connectionId, SyncKind.Full, options.RequestLogs, cancellationToken);
        sandbox.Recording = spans.Recording = false;
        var fullCalls = sandbox.Take();
        var fullSpans = spans.Take();
        var deliveredDuringSync = Interlocked.Read(ref delivered);
        Console.Error.WriteLine($"Full sync: {full.Run.Status}, {full.Run.Counts.Added:N0} records, {fullCalls.Count:N0} upstream requests in {full.RunSeconds:0.00} s; replaying them …");
        var raw = await RawFetch.RunAsync(sandbox.BaseAddress, fullCalls, cancellationToken);

        // S2: ten work orders change in the system, then an incremental sync.
        await ChangeWorkOrdersAsync(sandboxHttp, cancellationToken);
        sandbox.Recording = true;
        var incremental = await SyncAsync(host, client, connectionId, SyncKind.Incremental, options.RequestLogs, cancellationToken);
        sandbox.Recording = false;
        var incrementalCalls = sandbox.Take();

        var report = Report(options, store, seedSeconds, loadBefore, full, fullCalls, fullSpans, raw, incremental, incrementalCalls, deliveredDuringSync);
        Console.Out.Write(report);
        if (options.Output is { Length: > 0 } output)
        {
            await File.WriteAllTextAsync(output, report, cancellationToken);
        }

        var failed = full.Run.Status != SyncRunStatus.Succeeded || incremental.Run.Status != SyncRunStatus.Succeeded || raw.Failures > 0;
        return failed ? 1 : 0;
    }

    /// <summary>One account and a MaintainX test connection to the sandbox with its demo key, written into the store.</summary>
    private static async Task<(ProvisionedAccount Account, string ConnectionId, string Store)> ConnectAsync(
        LoadServerHost host, RecordingSandbox sandbox, CancellationToken cancellationToken)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<AccountProvisioning>().CreateAsync("Bench Sync", cancellationToken);
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var protector = scope.ServiceProvider.GetRequiredService<CredentialProtector>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var id = Ids.New("conn");
        db.Connections.Add(new ConnectionRow
        {
            Id = id,
            AccountId = account.AccountId,
            Environment = AccountEnvironments.Test,
            System = "maintainx",
            Status = "syncing",
            SettingsJson = JsonSerializer.Serialize(new Dictionary<string, string> { ["base_url"] = sandbox.ApiBaseUrl.ToString() }),
            CredentialsCipher = protector.Protect(id, new Dictionary<string, string> { ["api_key"] = MaintainXSandboxSettings.DemoApiKey }),
            MetadataJson = "{}",
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (account, id, db.Database.ProviderName ?? "?");
    }

    private static async Task<SyncMeasurement> SyncAsync(
        LoadServerHost host, MillwrightClient client, string connectionId, SyncKind kind, bool logged, CancellationToken cancellationToken)
    {
        var cpu = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        var queued = await client.StartSyncAsync(connectionId, kind, cancellationToken);
        // Bounded like every bench loop: a stuck run ends the bench instead of holding the machine.
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(MaxRunTime);
        var run = await client.WaitForSyncRunAsync(connectionId, queued.Id, TimeSpan.FromMilliseconds(50), limit.Token);
        var wall = Stopwatch.GetElapsedTime(started);
        var cpuUsed = Environment.CpuUsage.TotalTime - cpu;

        // The request log's writer stores upstream calls off the sync's path: wait until it has caught up.
        var (count, totalMs) = (0, 0.0);
        for (var attempt = 0; attempt < 100 && logged; attempt++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
            var calls = await db.UpstreamCalls.AsNoTracking().Where(c => c.RequestLogId == run.Id).Select(c => c.DurationMs).ToListAsync(cancellationToken);
            if (calls.Count > 0 && calls.Count == count)
            {
                break;
            }

            (count, totalMs) = (calls.Count, calls.Sum());
            await Task.Delay(200, cancellationToken);
        }

        return new SyncMeasurement(run, wall, cpuUsed, count, totalMs);
    }

    /// <summary>Changes the titles of <see cref="ChangedWorkOrders"/> work orders through the sandbox's own API, as another tool would.</summary>
    private static async Task ChangeWorkOrdersAsync(HttpClient sandbox, CancellationToken cancellationToken)
    {
        var page = await sandbox.GetFromJsonAsync<JsonObject>($"workorders?limit={ChangedWorkOrders}", cancellationToken);
        foreach (var workOrder in page!["workOrders"]!.AsArray())
        {
            var id = (long)workOrder!["id"]!;
            using var response = await sandbox.PatchAsJsonAsync($"workorders/{id}", new { title = $"{(string?)workOrder["title"]} (changed by the sync bench)" }, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
    }

    private static string Report(
        SyncOptions options, string store, double seedSeconds, string loadBefore,
        SyncMeasurement full, List<SandboxCall> fullCalls, Dictionary<string, (int Count, double Seconds)> fullSpans, RawFetchResult raw, SyncMeasurement incremental, List<SandboxCall> incrementalCalls, long deliveredDuringSync)
    {
        var records = full.Run.Counts.Added + full.Run.Counts.Updated;
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Sync run of {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- store: {store}; sandbox: MaintainX, {options.WorkOrders:N0} work orders + {options.Assets:N0} assets (seeded in {seedSeconds:0.0} s), rate limit {options.SandboxRequestsPerMinute:N0} per minute; request logs {(options.RequestLogs ? "on" : "off")}; webhook endpoints {(options.WebhookEndpoint ? $"1, subscribed to every event ({deliveredDuringSync:N0} deliveries received by the sync's end)" : "none")}")
            .AppendLine(CultureInfo.InvariantCulture, $"- one process (sandbox on its own loopback Kestrel, server, driver), {Environment.ProcessorCount} cores, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC")
            .AppendLine(CultureInfo.InvariantCulture, $"- load average before (1/5/15 min): {loadBefore}; after: {LoadReport.LoadAverage()}")
            .AppendLine()
            .AppendLine("S1, first full sync vs the same upstream requests with a plain HttpClient:")
            .AppendLine()
            .AppendLine("| | requests | records | wall s | records/s | process CPU s |")
            .AppendLine("|---|---:|---:|---:|---:|---:|")
            .AppendLine(CultureInfo.InvariantCulture, $"| sync ({full.Run.Status}; run start → finish) | {fullCalls.Count:N0} | {records:N0} | {full.RunSeconds:0.00} | {records / full.RunSeconds:N0} | {full.Cpu.TotalSeconds:0.00} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| raw fetch ({raw.Failures} failed, {raw.Bytes / 1024.0 / 1024.0:N1} MiB) | {raw.Requests:N0} | | {raw.Elapsed.TotalSeconds:0.00} | {records / raw.Elapsed.TotalSeconds:N0} | {raw.Cpu.TotalSeconds:0.00} |")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"- **sync / raw fetch: {full.RunSeconds / raw.Elapsed.TotalSeconds:0.00}** (S1 target ≤ 1.3); POST → finished seen by the client: {full.Wall.TotalSeconds:0.00} s")
            .AppendLine(CultureInfo.InvariantCulture, $"- upstream calls in the sync's request log: {full.LoggedCalls:N0}, {full.LoggedMs / 1000:0.00} s in total ({full.LoggedMs / 10 / full.RunSeconds:0}% of the run); the sandbox's own time on them: {fullCalls.Sum(c => c.Milliseconds) / 1000:0.00} s")
            .AppendLine(CultureInfo.InvariantCulture, $"- where the run's {full.RunSeconds:0.00} s went, by the server's spans: {Spans(fullSpans, full.RunSeconds)}")
            .AppendLine()
            .AppendLine("Per resource, in the order the sync read them (span: first request's start to last request's end, as the sandbox saw it):")
            .AppendLine()
            .AppendLine("| resource | requests | sandbox ms | span ms |")
            .AppendLine("|---|---:|---:|---:|");
        foreach (var group in fullCalls.GroupBy(c => c.Resource))
        {
            var span = (group.Max(c => c.Ended) - group.Min(c => c.Started)) * 1000.0 / Stopwatch.Frequency;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count():N0} | {group.Sum(c => c.Milliseconds):N0} | {span:N0} |");
        }

        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture,
                $"S2, incremental sync after {ChangedWorkOrders} work orders changed ({incremental.Run.Status}; +{incremental.Run.Counts.Added} ~{incremental.Run.Counts.Updated} -{incremental.Run.Counts.Deleted}; {incremental.RunSeconds:0.00} s; {incrementalCalls.Count} upstream requests):")
            .AppendLine()
            .AppendLine("| resource | requests |")
            .AppendLine("|---|---:|");
        foreach (var group in incrementalCalls.GroupBy(c => c.Resource))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {group.Count()} |");
        }

        foreach (var run in new[] { full.Run, incremental.Run }.Where(r => r.Errors.Count > 0))
        {
            text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Errors of run {run.Id}: {string.Join("; ", run.Errors.Select(e => $"{e.Entity} {e.Code}: {e.Message}"))}");
        }

        return text.ToString();
    }

    private static string Spans(Dictionary<string, (int Count, double Seconds)> spans, double runSeconds)
    {
        var parts = spans.Where(s => s.Key != "sync run" && !s.Key.StartsWith("sql ", StringComparison.Ordinal)).OrderByDescending(s => s.Value.Seconds)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"`{s.Key}` {s.Value.Count:N0} × = {s.Value.Seconds:0.00} s ({s.Value.Seconds * 100 / runSeconds:0}%)"))
            .ToList();
        var outside = runSeconds - spans.Where(s => s.Key.StartsWith("store ", StringComparison.Ordinal) || s.Key.StartsWith("upstream ", StringComparison.Ordinal)).Sum(s => s.Value.Seconds);
        parts.Add(string.Create(CultureInfo.InvariantCulture, $"outside both {outside:0.00} s ({outside * 100 / runSeconds:0}%)"));
        var sql = spans.Where(s => s.Key.StartsWith("sql ", StringComparison.Ordinal)).OrderByDescending(s => s.Value.Seconds).ToList();
        if (sql.Count > 0)
        {
            var top = string.Join(", ", sql.Take(6).Select(s => string.Create(CultureInfo.InvariantCulture, $"`{s.Key}` {s.Value.Count:N0} × {s.Value.Seconds:0.00} s")));
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"of all that, EF's SQL commands executing {sql.Sum(s => s.Value.Seconds):0.00} s ({top})"));
        }

        return string.Join("; ", parts);
    }

    private sealed record SyncMeasurement(SyncRun Run, TimeSpan Wall, TimeSpan Cpu, int LoggedCalls, double LoggedMs)
    {
        /// <summary>From the worker's start of the run to its end (queueing and the client's polling excluded).</summary>
        public double RunSeconds => Run.DurationMs is { } ms ? ms / 1000.0 : Wall.TotalSeconds;
    }
}
