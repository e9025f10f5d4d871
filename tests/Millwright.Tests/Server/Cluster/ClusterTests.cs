using System.Diagnostics;
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
/// Issue 17 as an operator would break it: three server processes on one PostgreSQL and one Redis, one MaintainX
/// sandbox of a few thousand records. The node running a sync is killed with SIGKILL mid-run, another node resumes it
/// from the last checkpoint; a node running the next sync gets SIGTERM, exits within its shutdown timeout and gives
/// its lease back. Both runs end <c>succeeded</c> with exactly the records of an uninterrupted sync. Lease and
/// recovery sweep are shortened by settings (<c>Millwright:Sync:LeaseDuration</c>, <c>RecoveryCron</c>), not slept.
/// </summary>
public sealed partial class ClusterTests(ITestOutputHelper output) : IAsyncDisposable
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private static readonly MaintainXSandboxSettings Seed = new() { RequestsPerMinute = 100_000, WorkOrderCount = 1300, AssetCount = 300 };
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);
    private readonly string folder = Path.Combine(TestFolders.Root, "cluster-" + Guid.NewGuid().ToString("n"));
    private readonly List<ServerNode> nodes = [];
    private readonly string database = Database();

    private void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    private static string Database() =>
        // "mw_" + 16 characters, like the other test databases, so that test.sh drops it with them.
        new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("MILLWRIGHT_TEST_POSTGRES") ?? "")
        {
            Database = "mw_" + Guid.NewGuid().ToString("n")[..16],
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 2,
        }.ConnectionString;


    [ClusterFact]
    public async Task ThreeNodes_KillDuringSyncAndSigtermDuringSync_RunsResumeAndEndWithExactlyTheSandboxRecords()
    {
        var module = new MaintainXSandboxModule();
        MaintainXSandbox? sandbox = null;
        await using var sandboxHost = await LoopbackHost.StartAsync(app =>
            sandbox = module.Map(app, module.Prefix, Seed, TimeProvider.System));
        // Slow enough pages that a node can be stopped mid-run.
        sandbox!.Faults.LatencyMs = 15;
        var apiBase = MaintainXSandboxModule.ApiBaseUrl(new Uri(sandboxHost.BaseAddress, module.Prefix.TrimStart('/') + "/"));
        var environment = NodeEnvironment(sandboxHost.BaseAddress);

        // The CLI migrates the store, so the three nodes start on a ready schema (the documented upgrade order).
        var created = await ServerNode.RunCliAsync(environment, "accounts", "create", "--name", "Cluster", "--data", Path.Combine(folder, "cli"));
        Step("account created (CLI, migrations)");
        var key = SecretKey().Match(created).Value;
        Assert.StartsWith("mw_test_sk_", key, StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            nodes.Add(ServerNode.Start(Path.Combine(folder, $"node{i}"), environment));
        }

        await Task.WhenAll(nodes.Select(n => n.WaitReadyAsync()));

        Step("three nodes ready");
        // 1. kill -9 the node running the first sync once it has committed pages.
        var killed = await ConnectAsync(nodes[0], key, apiBase);
        var (victim, _) = await RunningNodeAsync(killed, minimumRecords: 600);
        Step("first sync running: kill -9");
        await victim.KillAsync();
        var survivor = nodes.First(n => !n.HasExited);
        var killedRun = await WaitForRunEndAsync(survivor, key, killed);
        Step("killed run ended");
        Assert.Equal("succeeded", (string?)killedRun["status"]);

        // 2. SIGTERM the node running the second sync: it drains within its timeout and gives the lease back.
        var drained = await ConnectAsync(survivor, key, apiBase);
        var (stopping, runId) = await RunningNodeAsync(drained, minimumRecords: 600);
        Step("second sync running: SIGTERM");
        stopping.Terminate();
        Assert.True(await stopping.ExitsWithinAsync(ShutdownTimeout + TimeSpan.FromSeconds(10)), $"the node did not exit after SIGTERM:\n{stopping.Output}");
        Step("node exited");
        var owner = await ScalarAsync<string?>("select lease_owner from sync_runs where id = $1", runId);
        Assert.False(owner?.Split('/')[1] == stopping.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "the stopped node still holds the run's lease");
        var last = nodes.Single(n => !n.HasExited);
        var drainedRun = await WaitForRunEndAsync(last, key, drained);
        Step("drained run ended");
        Assert.Equal("succeeded", (string?)drainedRun["status"]);

        // 3. An uninterrupted sync of the same sandbox is the reference.
        sandbox.Faults.LatencyMs = 0;
        var clean = await ConnectAsync(last, key, apiBase);
        Assert.Equal("succeeded", (string?)(await WaitForRunEndAsync(last, key, clean))["status"]);
        var expected = await CountsAsync(clean);
        Step("records: " + string.Join(", ", expected.Select(c => $"{c.Key} {c.Value}")));
        Assert.Equal(Seed.AssetCount, expected["assets"]);
        Assert.True(expected.Values.Sum() >= 2000, $"only {expected.Values.Sum()} records in the reference sync");
        Assert.Equal(expected, await CountsAsync(killed));
        Assert.Equal(expected, await CountsAsync(drained));
        Assert.Equal(0L, await ScalarAsync<long>(
            "select count(*) from (select 1 from records where connection_id in ($1, $2) group by connection_id, entity, remote_id having count(*) > 1) d",
            killed, drained));
    }

    private Dictionary<string, string> NodeEnvironment(Uri sandbox) => new()
    {
        ["MILLWRIGHT_DATABASE"] = database,
        ["MILLWRIGHT_REDIS"] = RedisFactAttribute.ConnectionString!,
        ["MILLWRIGHT_ENCRYPTION_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Millwright__SandboxEnabled"] = "false",
        ["Millwright__Upstream__AllowedAddresses__0"] = sandbox.Authority,
        ["Millwright__Sync__PageSize"] = "100",
        ["Millwright__Sync__LeaseDuration"] = "00:00:04",
        ["Millwright__Sync__RecoveryCron"] = "*/2 * * * * *",
        ["Millwright__Jobs__PollInterval"] = "00:00:00.250",
        ["Millwright__Jobs__Workers"] = "4",
        ["Millwright__Jobs__ShutdownTimeout"] = "00:00:05",
        ["shutdownTimeoutSeconds"] = ((int)ShutdownTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>A MaintainX connection made through <paramref name="node"/>'s API; its first sync starts at once.</summary>
    private static async Task<string> ConnectAsync(ServerNode node, string key, Uri apiBase)
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

    /// <summary>The node whose worker holds the connection's running run, once that run has written some records.</summary>
    private async Task<(ServerNode Node, string RunId)> RunningNodeAsync(string connectionId, int minimumRecords)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                select r.id, r.lease_owner, (select count(*) from records where connection_id = $1)
                from sync_runs r where r.connection_id = $1 and r.status = 'running' and r.lease_owner is not null
                """, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = connectionId });
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync() && reader.GetInt64(2) >= minimumRecords)
            {
                var pid = int.Parse(reader.GetString(1).Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);
                return (nodes.Single(n => n.ProcessId == pid), reader.GetString(0));
            }

            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "the sync never got going:\n" + string.Join("\n---\n", nodes.Select(n => n.Output)));
            await Task.Delay(100);
        }
    }

    private async Task<JsonNode> WaitForRunEndAsync(ServerNode node, string key, string connectionId)
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

            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "the run did not end:\n" + string.Join("\n---\n", nodes.Select(n => n.Output)));
            await Task.Delay(200);
        }
    }

    private async Task<Dictionary<string, long>> CountsAsync(string connectionId)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select entity, count(*) from records where connection_id = $1 and deleted_at is null group by entity", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = connectionId });
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull or null ? default! : (T)result;
    }

    [GeneratedRegex("mw_test_sk_[0-9A-Za-z]{49}")]
    private static partial Regex SecretKey();

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
        {
            node.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("MILLWRIGHT_TEST_POSTGRES") is { Length: > 0 } server)
        {
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            var name = new NpgsqlConnectionStringBuilder(database).Database;
            await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
