using System.Text.Json.Nodes;
using Millwright.Client;
using Millwright.Server.Hosting.Modules;
using Millwright.Tests.Connectors.Modules;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Hosting;

/// <summary>
/// One server for the contract tests: every vendor module's in-process sandbox (seeded small through its test
/// profile) connected as the demo connects it, first syncs done, and the document the server serves.
/// </summary>
public sealed class ContractScenario : IAsyncLifetime
{
    public const string Collection = "OpenAPI contract";

    public MillwrightHost Host { get; private set; } = null!;

    public string SecretKey { get; private set; } = null!;

    /// <summary>Per system id (in module order): the connection id and its token (read and write).</summary>
    public IReadOnlyList<(string System, string ConnectionId, string Token)> Connections { get; private set; } = [];

    public JsonObject Document { get; private set; } = null!;

    public string DocumentText { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>();
        foreach (var module in VendorModules.All)
        {
            foreach (var (key, value) in ModuleCases.Profile(module.SystemId).SmallSandbox)
            {
                settings[$"{module.Sandbox.ConfigurationSection}:{key}"] = value;
            }
        }

        Host = new MillwrightHost(SyncTestData.FastSettings(settings));
        SecretKey = (await Host.CreateAccountAsync()).TestSecretKey;
        using var http = Host.Http();
        var client = new MillwrightClient(http, SecretKey);
        var connections = new List<(string, string, string)>();
        foreach (var module in VendorModules.All)
        {
            var created = await client.CreateConnectionAsync(module.DemoConnectionRequest(Host.BaseAddress));
            connections.Add((module.SystemId, created.Connection.Id, created.Token.Token));
        }

        foreach (var (_, _, token) in connections)
        {
            using var tokenHttp = Host.Http();
            await SandboxServer.WaitForFirstSyncAsync(new MillwrightClient(tokenHttp, token));
        }

        Connections = connections;
        DocumentText = await http.GetStringAsync("/openapi/v1.json");
        Document = JsonNode.Parse(DocumentText)!.AsObject();
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The contract and generated-client tests share one <see cref="ContractScenario"/>.</summary>
[CollectionDefinition(ContractScenario.Collection)]
public sealed class ContractCollection : ICollectionFixture<ContractScenario>;
