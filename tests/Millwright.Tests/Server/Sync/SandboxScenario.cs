using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Client;
using Millwright.Client.Sync;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.MaintainX;
using Millwright.Server.Features.Accounts;
using Millwright.Server.Features.Records;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Sync;

/// <summary>
/// A Millwright host with one MaintainX connection to a sandbox of its own on a separate loopback host
/// (so it outlives a Millwright restart), seeded small and with a generous rate limit to keep tests fast.
/// </summary>
internal sealed class SandboxScenario : IAsyncDisposable
{
    private readonly IDictionary<string, string?>? hostSettings;

    private SandboxScenario(SandboxHost<MaintainXSandbox> sandbox, MillwrightHost host, ProvisionedAccount account, string connectionId, IDictionary<string, string?>? hostSettings)
    {
        this.hostSettings = hostSettings;
        Sandbox = sandbox;
        Host = host;
        Account = account;
        ConnectionId = connectionId;
        Client = SyncTestData.Client(host, account.TestSecretKey);
    }

    public SandboxHost<MaintainXSandbox> Sandbox { get; }

    public MillwrightHost Host { get; private set; }

    public ProvisionedAccount Account { get; }

    public string ConnectionId { get; }

    public MillwrightClient Client { get; private set; }

    public static MaintainXSandboxSettings SmallPlant(int workOrders = 450) =>
        new() { RequestsPerMinute = 100_000, WorkOrderCount = workOrders, AssetCount = 40 };

    public static async Task<SandboxScenario> StartAsync(
        MaintainXSandboxSettings? settings = null, IDictionary<string, string?>? hostSettings = null, TimeProvider? sandboxTime = null,
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configureServices = null)
    {
        var sandbox = await SandboxHost.StartAsync(new MaintainXSandboxModule(), settings ?? SmallPlant(), sandboxTime);
        hostSettings = AllowedTestEndpoints.WithSandbox(sandbox.BaseAddress, hostSettings);
        var host = new MillwrightHost(SyncTestData.FastSettings(hostSettings), configureServices: configureServices);
        var account = await host.CreateAccountAsync();
        var connectionId = await ConnectAsync(host, account, sandbox);
        return new SandboxScenario(sandbox, host, account, connectionId, hostSettings);
    }

    /// <summary>A connection of <paramref name="account"/> to <paramref name="sandbox"/> with its demo key.</summary>
    public static Task<string> ConnectAsync(MillwrightHost host, ProvisionedAccount account, SandboxHost<MaintainXSandbox> sandbox, string apiKey = MaintainXSandboxSettings.DemoApiKey) =>
        SyncTestData.InsertConnectionAsync(host, account, "maintainx",
            new Dictionary<string, string> { ["base_url"] = sandbox.ApiBaseUrl.ToString() },
            new Dictionary<string, string> { ["api_key"] = apiKey });

    /// <summary>Starts a run and waits for its end.</summary>
    public async Task<SyncRun> SyncAsync(SyncKind? kind = null)
    {
        var queued = await Client.StartSyncAsync(ConnectionId, kind);
        return await SyncTestData.WaitAsync(Client, ConnectionId, queued.Id);
    }

    public Task<List<RecordRow>> RecordsAsync() => SyncTestData.RecordsAsync(Host, ConnectionId);

    /// <summary>
    /// Stops this Millwright host, runs <paramref name="whileStopped"/> (what happens while no Millwright runs), and
    /// starts another on the same data folder (and database).
    /// </summary>
    public async Task RestartAsync(Func<Task>? whileStopped = null)
    {
        var dataDirectory = Host.DataDirectory;
        Host.Dispose();
        if (whileStopped is not null)
        {
            await whileStopped();
        }

        Host = new MillwrightHost(SyncTestData.FastSettings(hostSettings), dataDirectory);
        Client = SyncTestData.Client(Host, Account.TestSecretKey);
    }

    /// <summary>A call to the sandbox's own API, as the customer's other tools would make it.</summary>
    public async Task<JsonObject?> SandboxCallAsync(HttpMethod method, string path, object? body = null)
    {
        using var http = Sandbox.CreateClient();
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
    }

    /// <summary>Every item of a sandbox list, following its cursors (the oracle for what a full sync must store).</summary>
    public async Task<List<JsonObject>> SandboxListAsync(string path, string envelope)
    {
        var items = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await SandboxCallAsync(HttpMethod.Get, $"{path}?limit=200" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            items.AddRange(page![envelope]!.AsArray().Select(n => n!.AsObject()));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);

        return items;
    }

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await Sandbox.DisposeAsync();
    }
}
