using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Millwright.Connectors.Http;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.MaintainX;
using Millwright.Server.Features.RequestLogs;
using Millwright.Server.Features.Status;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Status;

/// <summary>A Millwright host with one test connection to a sandbox of its own, and quick upstream retries.</summary>
internal sealed class StatusScenario : IAsyncDisposable
{
    private StatusScenario(SandboxHost<MaintainXSandbox> sandbox, MillwrightHost host, MillwrightClient client, string connectionId)
    {
        Sandbox = sandbox;
        Host = host;
        Client = client;
        ConnectionId = connectionId;
    }

    public SandboxHost<MaintainXSandbox> Sandbox { get; }

    public MillwrightHost Host { get; }

    public MillwrightClient Client { get; }

    public string ConnectionId { get; }

    public static async Task<StatusScenario> StartAsync()
    {
        var sandbox = await SandboxHost.StartAsync(new MaintainXSandboxModule(), new MaintainXSandboxSettings { RequestsPerMinute = 100_000, WorkOrderCount = 40, AssetCount = 10 });
        var host = new MillwrightHost(SyncTestData.FastSettings(AllowedTestEndpoints.WithSandbox(sandbox.BaseAddress)), configureServices: services => services.Configure<UpstreamHttpOptions>(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            o.MaxRetries = 1;
        }));
        var account = await host.CreateAccountAsync();
        var connectionId = await SandboxScenario.ConnectAsync(host, account, sandbox);
        return new StatusScenario(sandbox, host, SyncTestData.Client(host, account.TestSecretKey), connectionId);
    }

    public async Task<SyncRun> SyncAsync()
    {
        var queued = await Client.StartSyncAsync(ConnectionId);
        return await SyncTestData.WaitAsync(Client, ConnectionId, queued.Id);
    }

    /// <summary>The status report once every upstream outcome so far has been counted.</summary>
    public async Task<StatusReport> StatusAsync()
    {
        await Host.Services.GetRequiredService<LogQueue>().FlushAsync();
        using var http = Host.Http();
        return (await http.GetFromJsonAsync<StatusReport>("/status.json", MillwrightJson.Options))!;
    }

    public async Task<string> StatusHtmlAsync()
    {
        using var http = Host.Http();
        return await http.GetStringAsync("/status");
    }

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await Sandbox.DisposeAsync();
    }
}
