using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Cluster;

/// <summary>
/// A private redis-server (the binary test.sh installs) on a free loopback port with its own folder and no
/// persistence, so a test can stop and start it without touching the suite's Redis. A restart comes back empty.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private readonly string folder = Path.Combine(TestFolders.Root, "redis-" + Guid.NewGuid().ToString("n"));
    private Process? process;

    public int Port { get; } = FreePort();

    /// <summary>The StackExchange.Redis configuration string of this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool IsRunning => process is not null;

    /// <summary>Starts the server (again, on the same port) and returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, WorkingDirectory = folder };
        foreach (var arg in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no", "--dir", folder })
        {
            start.ArgumentList.Add(arg);
        }

        process = Process.Start(start)!;
        process.BeginOutputReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Kills the server, as an outage would: clients see their connections drop.</summary>
    public void Stop()
    {
        if (process is null)
        {
            return;
        }

        process.Kill();
        process.WaitForExit();
        process.Dispose();
        process = null;
    }

    public void Dispose()
    {
        Stop();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
