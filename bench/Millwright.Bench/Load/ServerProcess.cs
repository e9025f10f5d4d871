using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Millwright.Bench.Load;

/// <summary>
/// The driver's handle on the server process: this same executable started with <c>load-server</c>.
/// Protocol lines from its stdout are queued for <see cref="StatsAsync"/>; everything else it prints is
/// passed on to our stderr with a prefix.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly Channel<string> replies = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim exchange = new(1, 1);
    private readonly Task pump;

    private ServerProcess(Process process)
    {
        this.process = process;
        pump = Task.Run(PumpAsync);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine($"  [server] {e.Data}");
            }
        };
        process.BeginErrorReadLine();
    }

    public ServerReady Ready { get; private set; } = null!;

    public int ProcessId => process.Id;

    public static async Task<ServerProcess> StartAsync(LoadOptions options, string dataDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this executable is unknown."),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            // Started as `dotnet Millwright.Bench.dll`: the child needs the assembly too.
            start.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        foreach (var argument in new[]
        {
            "load-server",
            "--data", dataDirectory,
            "--work-orders", options.WorkOrders.ToString(CultureInfo.InvariantCulture),
            "--assets", options.Assets.ToString(CultureInfo.InvariantCulture),
            "--max-seconds", ((int)options.MaxServerLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrWhiteSpace(options.Database))
        {
            start.ArgumentList.Add("--database");
            start.ArgumentList.Add(options.Database);
        }

        // The published server is an ASP.NET Core app, which runs with server GC; this executable is a
        // console app (workstation GC), so the server process asks for server GC explicitly.
        start.Environment["DOTNET_gcServer"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Millwright__RequestLogs__Enabled"] = options.RequestLogs ? "true" : "false";
        // The load measures the server, not its inbound rate limits (600 per minute per connection by
        // default would turn most of a run into 429s). 1 000 000 per minute is the largest limit the options
        // accept (about 16 700 req/s, far above what any authenticated scenario reaches here).
        start.Environment["Millwright__RateLimits__AccountPerMinute"] = "1000000";
        start.Environment["Millwright__RateLimits__ConnectionPerMinute"] = "1000000";

        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("The server process did not start."));
        try
        {
            // Seeding 20 000 records takes well under a minute even on a busy machine; 5 minutes means stuck.
            server.Ready = BenchProtocol.Parse<ServerReady>(await server.NextReplyAsync(TimeSpan.FromMinutes(5), cancellationToken));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async Task<ServerStats> StatsAsync(CancellationToken cancellationToken)
    {
        await exchange.WaitAsync(cancellationToken);
        try
        {
            await process.StandardInput.WriteLineAsync(BenchProtocol.StatsCommand.AsMemory(), cancellationToken);
            await process.StandardInput.FlushAsync(cancellationToken);
            return BenchProtocol.Parse<ServerStats>(await NextReplyAsync(ReplyTimeout, cancellationToken));
        }
        finally
        {
            exchange.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            try
            {
                await process.StandardInput.WriteLineAsync(BenchProtocol.ExitCommand);
                await process.StandardInput.FlushAsync();
            }
            catch (IOException)
            {
                // The process is already on its way out.
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        await pump;
        exchange.Dispose();
        process.Dispose();
    }

    private async Task<string> NextReplyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            return await replies.Reader.ReadAsync(limit.Token);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The server process exited (code {(process.HasExited ? process.ExitCode : -1)}) before answering; see its output above.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The server process did not answer within {timeout.TotalSeconds:0} s.");
        }
    }

    private async Task PumpAsync()
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(BenchProtocol.Prefix, StringComparison.Ordinal))
            {
                await replies.Writer.WriteAsync(line);
            }
            else
            {
                await Console.Error.WriteLineAsync($"  [server] {line}");
            }
        }

        replies.Writer.Complete();
    }
}
