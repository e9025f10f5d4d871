using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Millwright.Client;
using Millwright.Client.Sync;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.MaintainX;
using Millwright.Server.Features.Accounts;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Mappings;

/// <summary>
/// One MaintainX sandbox (small plant) and one Millwright host per test class. Each test makes its own
/// connection(s) to the sandbox and syncs them, so tests never see each other's mappings or records.
/// </summary>
public sealed class MappingsFixture : IAsyncLifetime
{
    private SandboxHost<MaintainXSandbox>? sandbox;
    private MillwrightHost? host;

    public MillwrightHost Host => host ?? throw new InvalidOperationException("Not started.");

    public ProvisionedAccount Account { get; private set; } = null!;

    public MillwrightClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        sandbox = await SandboxHost.StartAsync(new MaintainXSandboxModule(), SandboxScenario.SmallPlant(workOrders: 60));
        host = new MillwrightHost(SyncTestData.FastSettings(AllowedTestEndpoints.WithSandbox(sandbox.BaseAddress)));
        Account = await Host.CreateAccountAsync();
        Client = SyncTestData.Client(Host, Account.TestSecretKey);
    }

    /// <summary>A new connection to the sandbox, synced in full.</summary>
    public async Task<string> SyncedConnectionAsync()
    {
        var connectionId = await SandboxScenario.ConnectAsync(Host, Account, sandbox!);
        var run = await Client.StartSyncAsync(connectionId, SyncKind.Full);
        var finished = await SyncTestData.WaitAsync(Client, connectionId, run.Id);
        Assert.Equal(SyncRunStatus.Succeeded, finished.Status);
        return connectionId;
    }

    /// <summary>A new connection to the sandbox, not synced.</summary>
    public Task<string> ConnectionAsync() => SandboxScenario.ConnectAsync(Host, Account, sandbox!);

    /// <summary>GET on the records API with the secret key and Millwright-Connection.</summary>
    public async Task<JsonObject> ReadAsync(string connectionId, string pathAndQuery)
    {
        using var http = Host.Http(Account.TestSecretKey);
        http.DefaultRequestHeaders.Add("Millwright-Connection", connectionId);
        var response = await http.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Every work order of the connection (as the API returns them), up to 500.</summary>
    public async Task<List<JsonObject>> WorkOrdersAsync(string connectionId, string query = "")
    {
        var page = await ReadAsync(connectionId, "/v1/work-orders?limit=500" + query);
        return [.. page["data"]!.AsArray().Select(n => n!.AsObject())];
    }

    /// <summary>The stored data column of every record of the connection, by id.</summary>
    public Task<Dictionary<string, string>> StoredDataAsync(string connectionId) =>
        SyncTestData.WithDbAsync(Host, db => db.Records.AsNoTracking().Where(r => r.ConnectionId == connectionId).ToDictionaryAsync(r => r.Id, r => r.Data));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body)
    {
        using var http = Host.Http(Account.TestSecretKey);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public async Task DisposeAsync()
    {
        host?.Dispose();
        if (sandbox is not null)
        {
            await sandbox.DisposeAsync();
        }
    }
}
