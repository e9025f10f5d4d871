using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Millwright.Tests.Server.Cluster;

/// <summary>
/// One Millwright server as a separate operating-system process (the built <c>Millwright.Server.dll</c> beside the
/// tests), on its own loopback port, with the environment a cluster node gets from <c>scripts/cluster.sh</c>.
/// </summary>
internal sealed class ServerNode : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private ServerNode(Process process, int port)
    {
        this.process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>What the process wrote, for failure messages.</summary>
    public string Output => string.Join('\n', output.TakeLast(60));

    public static ServerNode Start(string dataDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var process = Create(environment, "--urls", $"http://127.0.0.1:{port}", "--data", dataDirectory);
        var node = new ServerNode(process, port);
        process.OutputDataReceived += (_, e) => node.output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => node.output.Enqueue(e.Data ?? "");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Runs the server's CLI (<c>accounts create</c>, …) to its end and returns what it printed.</summary>
    public static async Task<string> RunCliAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Create(environment, args);
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        var printed = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, printed);
        return printed;
    }

    /// <summary>Waits until <c>/readyz</c> answers 200 (the store is migrated and reachable).</summary>
    public async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(process.HasExited, $"the node on port {Port} exited:\n{Output}");
            try
            {
                using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }

            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), $"the node on port {Port} did not become ready:\n{Output}");
            await Task.Delay(200);
        }
    }

    public HttpClient Http(string bearer)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return http;
    }

    /// <summary><c>kill -9</c>: no drain, no lease released.</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM, as an orchestrator stopping the node does.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Whether a new TCP connection to the node's port is refused: it no longer listens (it is stopping).</summary>
    public async Task<bool> RefusesConnectionsAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
    }

    /// <summary>Whether the process ended within <paramref name="limit"/>.</summary>
    public async Task<bool> ExitsWithinAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private static Process Create(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Millwright.Server.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "MILLWRIGHT_DATABASE", "MILLWRIGHT_REDIS", "MILLWRIGHT_ENCRYPTION_KEY" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new Process { StartInfo = start };
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
