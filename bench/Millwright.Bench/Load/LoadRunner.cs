using System.Diagnostics;
using System.Net;
using System.Text;

namespace Millwright.Bench.Load;

/// <summary>One completed request: its latency in <see cref="Stopwatch"/> ticks and its page number (0 when not paging).</summary>
internal readonly record struct Sample(long Ticks, int Depth);

/// <summary>What one scenario measured, on the driver's side and on the server's.</summary>
internal sealed record ScenarioResult(
    Scenario Scenario,
    int Clients,
    TimeSpan Elapsed,
    IReadOnlyList<Sample> Samples,
    long BytesReceived,
    int Errors,
    string? FirstError,
    int WalksCompleted,
    ServerStats Before,
    ServerStats After,
    IReadOnlyList<ServerStats> Timeline);

/// <summary>
/// Closed-loop load: a fixed number of clients, each sending its next request as soon as the previous
/// answer has been read in full, for a bounded time. A warm-up of the same traffic runs first and is
/// not measured. Server counters are read before, after, and once a second in between.
/// </summary>
internal sealed class LoadRunner(ServerProcess server, LoadOptions options) : IDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    private readonly HttpClient http = CreateClient(server.Ready, options.Clients);

    public async Task<ScenarioResult> RunAsync(Scenario scenario, CancellationToken cancellationToken)
    {
        await DriveAsync(scenario, options.Warmup, cancellationToken);
        var before = await server.StatsAsync(cancellationToken);
        var timeline = new List<ServerStats> { before };
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampler = SampleAsync(timeline, sampling.Token);

        var started = Stopwatch.GetTimestamp();
        var drive = await DriveAsync(scenario, options.Duration, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await sampling.CancelAsync();
        await sampler;
        var after = await server.StatsAsync(cancellationToken);
        timeline.Add(after);

        return new ScenarioResult(scenario, options.Clients, elapsed, drive.Samples, drive.Bytes, drive.Errors, drive.FirstError, drive.Walks,
            before, after, timeline);
    }

    public void Dispose() => http.Dispose();

    private async Task<(List<Sample> Samples, long Bytes, int Errors, string? FirstError, int Walks)> DriveAsync(
        Scenario scenario, TimeSpan duration, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var clients = Enumerable.Range(0, options.Clients).Select(i => new ClientRun(scenario.CreateClient(i, server.Ready))).ToList();
        await Task.WhenAll(clients.Select(c => Task.Run(() => c.RunAsync(http, deadline, cancellationToken), cancellationToken)));
        return (
            [.. clients.SelectMany(c => c.Samples)],
            clients.Sum(c => c.Bytes),
            clients.Sum(c => c.Errors),
            clients.Select(c => c.FirstError).FirstOrDefault(e => e is not null),
            clients.Sum(c => (c.Source as CursorWalk)?.Completions ?? 0));
    }

    private async Task SampleAsync(List<ServerStats> timeline, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SampleInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                // Not cancellable: a reply abandoned halfway would be read as the answer to the next request.
                timeline.Add(await server.StatsAsync(CancellationToken.None));
            }
        }
        catch (OperationCanceledException)
        {
            // The scenario is over.
        }
    }

    private static HttpClient CreateClient(ServerReady ready, int clients)
    {
        var handler = new SocketsHttpHandler
        {
            // One keep-alive connection per client, opened once: the run measures requests, not handshakes.
            MaxConnectionsPerServer = clients,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(ready.BaseAddress), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", ready.Token);
        return client;
    }

    /// <summary>One client's loop. The body is read into a reused buffer so the driver allocates little per request.</summary>
    private sealed class ClientRun(IRequestSource source)
    {
        private byte[] buffer = new byte[256 * 1024];

        public IRequestSource Source => source;

        public List<Sample> Samples { get; } = new(16_384);

        public long Bytes { get; private set; }

        public int Errors { get; private set; }

        public string? FirstError { get; private set; }

        public async Task RunAsync(HttpClient http, long deadline, CancellationToken cancellationToken)
        {
            while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
            {
                var path = source.NextPath();
                var depth = source.Depth;
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                var length = await ReadBodyAsync(response, cancellationToken);
                var ticks = Stopwatch.GetTimestamp() - started;
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Errors++;
                    FirstError ??= $"{path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 500))}";
                    continue;
                }

                Samples.Add(new Sample(ticks, depth));
                Bytes += length;
                source.Completed(buffer.AsSpan(0, length));
            }
        }

        private async Task<int> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return length;
                }

                length += read;
            }
        }
    }
}
