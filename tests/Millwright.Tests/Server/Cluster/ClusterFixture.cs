using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace Millwright.Tests.Server.Cluster;

/// <summary>
/// One cluster for all of <see cref="ClusterTests"/>, started by the first test that runs (a skipped class starts
/// nothing): a database of its own on the suite's PostgreSQL, a private redis-server (so that one test can stop it),
/// three MaintainX sandboxes (a large one for syncs, a small one for webhooks and limits, one with a vendor budget), a slow webhook receiver,
/// two accounts made with the CLI (the first migrates: the documented upgrade order) and three server processes. A test
/// that kills or stops nodes leaves them dead; the next one gets three live nodes again (restarted, as an operator
/// would), which is much cheaper than a new cluster.
/// </summary>
public sealed partial class ClusterFixture : IAsyncLifetime
{
    internal static readonly MaintainXSandboxSettings LargeSeed = new() { RequestsPerMinute = 100_000, WorkOrderCount = 1300, AssetCount = 300 };
    internal static readonly MaintainXSandboxSettings SmallSeed = new() { RequestsPerMinute = 100_000, WorkOrderCount = 20, AssetCount = 120 };
    /// <summary>A vendor with a real budget, for the budget test alone: its own window counts only that test's calls.</summary>
    internal static readonly MaintainXSandboxSettings BudgetSeed = new() { RequestsPerMinute = 300, WorkOrderCount = 20, AssetCount = 10 };
    internal static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Webhook lease: a dead node's batch is sent again after this (must exceed the 4 s receiver timeout).</summary>
    internal static readonly TimeSpan WebhookLease = TimeSpan.FromSeconds(6);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Stopwatch clock = new();
    private readonly string folder = Path.Combine(TestFolders.Root, "cluster-" + Guid.NewGuid().ToString("n"));
    private readonly List<ServerNode> retired = [];
    private readonly RedisServer redis = new();
    private LoopbackHost? largeHost, smallHost, budgetHost;
    private int generation;
    private ITestOutputHelper? output;

    internal string Database { get; } = NewDatabase();

    internal RedisServer Redis => redis;

    internal MaintainXSandbox LargeSandbox { get; private set; } = null!;

    internal Uri LargeApiBase { get; private set; } = null!;

    internal Uri SmallApiBase { get; private set; } = null!;

    /// <summary>The mount of the sandbox with <see cref="BudgetSeed"/> (its <c>_sandbox/requests</c> counts are read).</summary>
    internal Uri BudgetMount { get; private set; } = null!;

    internal Uri BudgetApiBase => MaintainXSandboxModule.ApiBaseUrl(BudgetMount);

    internal SlowWebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>Holds calls to the small sandbox that carry <see cref="RequestGate.Header"/> (the drain test's passthrough calls).</summary>
    internal RequestGate SmallGate { get; } = new();

    /// <summary>Secret key (test environment) of the account the CLI made at start.</summary>
    internal string Key { get; private set; } = "";

    /// <summary>Secret key of a second account, for the webhook test alone: no other test's events reach its endpoint.</summary>
    internal string WebhookKey { get; private set; } = "";

    /// <summary>The three current nodes (some may have been killed by the running test).</summary>
    internal List<ServerNode> Nodes { get; } = [];

    private Dictionary<string, string> Environment { get; set; } = [];

    private static string NewDatabase() =>
        // "mw_" + 16 characters, like the other test databases, so that test.sh drops it with them.
        new NpgsqlConnectionStringBuilder(System.Environment.GetEnvironmentVariable("MILLWRIGHT_TEST_POSTGRES") ?? "")
        {
            Database = "mw_" + Guid.NewGuid().ToString("n")[..16],
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 2,
        }.ConnectionString;

    internal void Step(string what) => output?.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    /// <summary>Starts the cluster the first time; afterwards restarts the nodes the previous test left dead.</summary>
    internal async Task StartAsync(ITestOutputHelper testOutput)
    {
        output = testOutput;
        await gate.WaitAsync();
        try
        {
            var first = Nodes.Count == 0;
            if (first)
            {
                await StartServicesAsync();
            }
            else if (!redis.IsRunning)
            {
                // A test that stopped Redis failed before starting it again.
                await redis.StartAsync();
            }

            for (var i = 0; i < 3; i++)
            {
                if (i == Nodes.Count)
                {
                    Nodes.Add(StartNode(i));
                }
                else if (Nodes[i].HasExited)
                {
                    retired.Add(Nodes[i]);
                    Nodes[i] = StartNode(i);
                }
            }

            // The second account is made while the nodes start, which takes the longest.
            var second = first ? CreateAccountAsync("Webhooks") : Task.FromResult(WebhookKey);
            await Task.WhenAll(Nodes.Select(n => n.WaitReadyAsync()).Append(second));
            WebhookKey = await second;
            Step("three nodes ready");
        }
        finally
        {
            gate.Release();
        }
    }

    private ServerNode StartNode(int index) =>
        ServerNode.Start(Path.Combine(folder, $"node{index}-{++generation}"), Environment);

    private async Task StartServicesAsync()
    {
        clock.Start();
        await redis.StartAsync();
        var module = new MaintainXSandboxModule();
        MaintainXSandbox? large = null;
        largeHost = await LoopbackHost.StartAsync(app => large = module.Map(app, module.Prefix, LargeSeed, TimeProvider.System), allowed: false);
        LargeSandbox = large!;
        LargeApiBase = MaintainXSandboxModule.ApiBaseUrl(new Uri(largeHost.BaseAddress, module.Prefix.TrimStart('/') + "/"));
        smallHost = await LoopbackHost.StartAsync(
            app =>
            {
                SmallGate.UseIn(app);
                module.Map(app, module.Prefix, SmallSeed, TimeProvider.System);
            },
            allowed: false);
        SmallApiBase = MaintainXSandboxModule.ApiBaseUrl(new Uri(smallHost.BaseAddress, module.Prefix.TrimStart('/') + "/"));
        budgetHost = await LoopbackHost.StartAsync(app => module.Map(app, module.Prefix, BudgetSeed, TimeProvider.System), allowed: false);
        BudgetMount = new Uri(budgetHost.BaseAddress, module.Prefix.TrimStart('/') + "/");
        Receiver = await SlowWebhookReceiver.StartAsync(TimeSpan.FromSeconds(1));
        Environment = NodeEnvironment();
        Key = await CreateAccountAsync("Cluster");
        Step("redis, sandboxes, receiver and account ready (CLI, migrations)");
    }

    /// <summary>An account made with the server's CLI on the cluster's store; returns its test secret key.</summary>
    internal async Task<string> CreateAccountAsync(string name)
    {
        var created = await ServerNode.RunCliAsync(Environment, "accounts", "create", "--name", name, "--data", Path.Combine(folder, "cli-" + name));
        var key = SecretKey().Match(created).Value;
        Assert.StartsWith("mw_test_sk_", key, StringComparison.Ordinal);
        return key;
    }

    private Dictionary<string, string> NodeEnvironment() => new()
    {
        ["MILLWRIGHT_DATABASE"] = Database,
        ["MILLWRIGHT_REDIS"] = redis.ConnectionString,
        ["MILLWRIGHT_ENCRYPTION_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Millwright__SandboxEnabled"] = "false",
        // The operator allows the sandboxes and the receiver on loopback (ADR 0022); nothing else local is reachable.
        ["Millwright__Upstream__AllowedAddresses__0"] = largeHost!.BaseAddress.Authority,
        ["Millwright__Upstream__AllowedAddresses__1"] = smallHost!.BaseAddress.Authority,
        ["Millwright__Upstream__AllowedAddresses__2"] = Receiver.BaseAddress.Authority,
        ["Millwright__Upstream__AllowedAddresses__3"] = budgetHost!.BaseAddress.Authority,
        // A call the drain test holds at the vendor stays open while the test waits for webhooks to flow.
        ["Millwright__Upstream__AttemptTimeout"] = "00:02:00",
        ["Millwright__Sync__PageSize"] = "100",
        ["Millwright__Sync__LeaseDuration"] = "00:00:04",
        ["Millwright__Sync__RecoveryCron"] = "*/2 * * * * *",
        ["Millwright__Jobs__PollInterval"] = "00:00:00.250",
        ["Millwright__Jobs__Workers"] = "4",
        ["Millwright__Jobs__ShutdownTimeout"] = "00:00:05",
        // Small batches in flight for a second each (the receiver's delay), spread over the three nodes.
        ["Millwright__Webhooks__PollInterval"] = "00:00:00.200",
        ["Millwright__Webhooks__BatchSize"] = "10",
        ["Millwright__Webhooks__Lanes"] = "2",
        ["Millwright__Webhooks__Parallelism"] = "10",
        ["Millwright__Webhooks__Timeout"] = "00:00:04",
        ["Millwright__Webhooks__LeaseDuration"] = WebhookLease.ToString("c", CultureInfo.InvariantCulture),
        ["Millwright__Webhooks__FirstRetryDelay"] = "00:00:01",
        ["shutdownTimeoutSeconds"] = ((int)ShutdownTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>A MaintainX connection made through <paramref name="node"/>'s API; its first sync starts at once.</summary>
    internal static async Task<string> ConnectAsync(ServerNode node, string key, Uri apiBase)
    {
        using var http = node.Http(key);
        using var response = await http.PostAsJsonAsync("/v1/connections", new
        {
            system = "maintainx",
            settings = new { base_url = apiBase.ToString().TrimEnd('/') },
            credentials = new { api_key = MaintainXSandboxSettings.DemoApiKey },
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (string)JsonNode.Parse(body)!["connection"]!["id"]!;
    }

    /// <summary>The current node with this process id.</summary>
    internal ServerNode NodeOf(int processId) => Nodes.Single(n => n.ProcessId == processId);

    /// <summary>The process id in a lease owner (<c>machine/pid/…</c>, as sync runs and webhook batches write it).</summary>
    internal static int LeasePid(string owner) => int.Parse(owner.Split('/')[1], CultureInfo.InvariantCulture);

    internal string NodeOutput => string.Join("\n---\n", Nodes.Select(n => n.Output));

    internal async Task<JsonNode> WaitForRunEndAsync(ServerNode node, string key, string connectionId)
    {
        using var http = node.Http(key);
        var waited = Stopwatch.StartNew();
        string? lastOwner = "";
        while (true)
        {
            var owner = await ScalarAsync<string?>("select lease_owner || ' ' || status from sync_runs where connection_id = $1 order by created_at desc limit 1", connectionId);
            if (owner != lastOwner)
            {
                Step($"run of {connectionId}: {owner ?? "no owner"}");
                lastOwner = owner;
            }

            var runs = JsonNode.Parse(await http.GetStringAsync(new Uri($"/v1/connections/{connectionId}/sync-runs", UriKind.Relative)))!["data"]!.AsArray();
            if (runs.Count > 0 && (string?)runs[0]!["status"] is not ("queued" or "running"))
            {
                return runs[0]!;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "the run did not end:\n" + NodeOutput);
            await Task.Delay(200);
        }
    }

    internal async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        var result = (await QueryAsync(sql, parameters)).SingleOrDefault()?[0];
        return result is DBNull or null ? default! : (T)result;
    }

    /// <summary>Every row of <paramref name="sql"/>, each as its column values.</summary>
    internal async Task<List<object[]>> QueryAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    [GeneratedRegex("mw_test_sk_[0-9A-Za-z]{49}")]
    private static partial Regex SecretKey();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in Nodes.Concat(retired))
        {
            node.Dispose();
        }

        if (Receiver is not null)
        {
            await Receiver.DisposeAsync();
        }

        foreach (var host in new[] { largeHost, smallHost, budgetHost })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        redis.Dispose();
        gate.Dispose();
        NpgsqlConnection.ClearAllPools();
        if (Environment.Count > 0 && System.Environment.GetEnvironmentVariable("MILLWRIGHT_TEST_POSTGRES") is { Length: > 0 } server)
        {
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            var name = new NpgsqlConnectionStringBuilder(Database).Database;
            await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
