using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Millwright.Client;
using Millwright.Client.Webhooks;
using Millwright.Server.Features.Accounts;
using Millwright.Server.Features.Webhooks;
using Millwright.Server.Persistence;

namespace Millwright.Bench.Webhooks;

/// <summary>
/// <c>webhooks</c>: fan-out throughput to a local receiver (a loopback Kestrel app answering 204). Phase 1
/// stores <c>events</c> record-change events in pages of 100 through the real outbox, one transaction per
/// page as a sync does, with the dispatcher off; phase 2 starts a new server on the same store and times
/// how fast its dispatcher delivers the backlog to <c>endpoints</c> endpoints, while a probe calls
/// <c>GET /v1/webhook-endpoints</c> every 50 ms. CPU time is that of the whole process (server and receiver).
/// </summary>
internal static class WebhookBench
{
    public static async Task<int> RunAsync(int events, int endpoints, string? database, CancellationToken cancellationToken)
    {
        var received = 0L;
        await using var receiver = await StartReceiverAsync(() => Interlocked.Increment(ref received));
        var receiverUrl = ReceiverUrl(receiver);
        var data = Path.Combine(Path.GetTempPath(), "mw-webhook-bench-" + Guid.NewGuid().ToString("n")[..8]);
        var quiet = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" };
        var expected = (long)events * endpoints;

        // Phase 1, store: the dispatcher is off, so this is the outbox cost a sync pays per page.
        ProvisionedAccount account;
        List<double> pageTimes;
        TimeSpan stored;
        using (var host = new WebhookBenchHost(data, database, new Dictionary<string, string?>(quiet) { ["Millwright:Webhooks:DispatcherEnabled"] = "false" }))
        {
            await using (var scope = host.Services.CreateAsyncScope())
            {
                account = await scope.ServiceProvider.GetRequiredService<AccountProvisioning>().CreateAsync("Bench", cancellationToken);
            }

            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var client = new MillwrightClient(http, account.TestSecretKey);
            for (var i = 0; i < endpoints; i++)
            {
                await client.CreateWebhookEndpointAsync(new CreateWebhookEndpointRequest(receiverUrl), cancellationToken);
            }

            var watch = Stopwatch.StartNew();
            pageTimes = await StoreAsync(host, account, events, cancellationToken);
            stored = watch.Elapsed;
        }

        // Phase 2, deliver: a new server on the same store sends the backlog while the probe reads the API.
        using var sender = new WebhookBenchHost(data, database, quiet);
        using var probeHttp = new HttpClient { BaseAddress = sender.BaseAddress };
        using var probeStop = new CancellationTokenSource();
        var probe = ProbeAsync(new MillwrightClient(probeHttp, account.TestSecretKey), probeStop.Token);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        while (Interlocked.Read(ref received) < expected && total.Elapsed < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(10, cancellationToken);
        }

        var delivered = total.Elapsed;
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await probeStop.CancelAsync();
        var latencies = await probe;
        pageTimes.Sort();
        latencies.Sort();
        var count = Interlocked.Read(ref received);
        Console.WriteLine("| store | events × endpoints | store: 100-event page p50 / max | store: total | deliver: wall | deliveries/s (wall) | deliveries per CPU-second | API probe while delivering p50 / p99 / max |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {(database is null ? "SQLite" : "PostgreSQL")} | {events} × {endpoints} | {Pct(pageTimes, 0.5):0.0} / {pageTimes[^1]:0.0} ms | {stored.TotalSeconds:0.0} s "
            + $"| {delivered.TotalSeconds:0.00} s | {count / delivered.TotalSeconds:0} | {count / cpuUsed.TotalSeconds:0} "
            + $"| {Pct(latencies, 0.5):0.0} / {Pct(latencies, 0.99):0.0} / {latencies[^1]:0.0} ms |");
        return count >= expected ? 0 : 1;
    }

    private static async Task<List<double>> StoreAsync(WebhookBenchHost host, ProvisionedAccount account, int events, CancellationToken cancellationToken)
    {
        var pageTimes = new List<double>();
        for (var written = 0; written < events; written += 100)
        {
            var page = Stopwatch.StartNew();
            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
            var outbox = scope.ServiceProvider.GetRequiredService<WebhookOutbox>();
            var batch = Enumerable.Range(written, Math.Min(100, events - written))
                .Select(n => new NewEvent("work_order.updated", "conn_bench", EventPayloads.Object(new { sequence = n, title = "Replace the conveyor drive belt", status = "open" })))
                .ToList();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await outbox.AddAsync(db, account.AccountId, "test", batch, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            pageTimes.Add(page.Elapsed.TotalMilliseconds);
        }

        return pageTimes;
    }

    private static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];

    private static async Task<List<double>> ProbeAsync(MillwrightClient client, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        while (!cancellationToken.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            await client.ListWebhookEndpointsAsync(cancellationToken: CancellationToken.None);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            try
            {
                await Task.Delay(50, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return latencies;
    }

    /// <summary>The URL the receiver of <see cref="StartReceiverAsync"/> takes deliveries at.</summary>
    internal static string ReceiverUrl(WebApplication receiver) =>
        receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/hooks";

    /// <summary>A loopback receiver that answers every delivery 204 and counts it.</summary>
    internal static async Task<WebApplication> StartReceiverAsync(Action onRequest)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hooks", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            await reader.ReadToEndAsync();
            onRequest();
            return Results.NoContent();
        });
        await app.StartAsync();
        return app;
    }
}
