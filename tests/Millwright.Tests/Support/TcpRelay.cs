using System.Net;
using System.Net.Sockets;

namespace Millwright.Tests.Support;

/// <summary>
/// A loopback TCP relay in front of a real server (PostgreSQL), which a test can cut and restore: <see cref="CutAsync"/>
/// stops listening and drops every relayed connection, as a server that went away does; <see cref="Restore"/>
/// listens again on the same port.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly List<TcpClient> open = [];
    private TcpListener? listener;
    private CancellationTokenSource? running;
    private Task? accepting;

    public TcpRelay(IPEndPoint target)
    {
        this.target = target;
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public int Port { get; }

    public void Restore()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        running = new CancellationTokenSource();
        accepting = AcceptAsync(listener, running.Token);
    }

    public async Task CutAsync()
    {
        await running!.CancelAsync();
        listener!.Stop();
        await accepting!.ContinueWith(_ => { }, TaskScheduler.Default);
        lock (open)
        {
            foreach (var client in open)
            {
                // A reset, not a polite close: the server side of the pool sees the connection die.
                if (client.Client is { } socket)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }

                client.Dispose();
            }

            open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener from, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var inbound = await from.AcceptTcpClientAsync(ct);
            var outbound = new TcpClient();
            await outbound.ConnectAsync(target, ct);
            lock (open)
            {
                open.Add(inbound);
                open.Add(outbound);
            }

            _ = PumpAsync(inbound, outbound, ct);
            _ = PumpAsync(outbound, inbound, ct);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken ct)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), ct);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The other side went away, or the relay was cut.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public async ValueTask DisposeAsync() => await CutAsync();
}
