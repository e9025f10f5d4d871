using System.Diagnostics;
using Xunit.Abstractions;

namespace Millwright.Tests.Server.Cluster;

/// <summary>
/// Issue 17 as an operator would break it: three server processes on one PostgreSQL and one Redis
/// (<see cref="ClusterFixture"/>, started once for the class). Syncs: the node running a sync is killed with SIGKILL
/// mid-run and another node resumes it from the last checkpoint; a node running the next sync gets SIGTERM, exits
/// within its shutdown timeout and gives its lease back; both runs end <c>succeeded</c> with exactly the records of an
/// uninterrupted sync. Webhooks (<c>ClusterTests.Webhooks.cs</c>) and a Redis outage (<c>ClusterTests.Redis.cs</c>)
/// follow. Leases and the recovery sweep are shortened by settings (<c>Millwright:Sync:LeaseDuration</c>,
/// <c>RecoveryCron</c>, <c>Millwright:Webhooks:LeaseDuration</c>), not slept.
/// </summary>
public sealed partial class ClusterTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private List<ServerNode> Nodes => cluster.Nodes;

    [ClusterFact]
    public async Task ThreeNodes_KillDuringSyncAndSigtermDuringSync_RunsResumeAndEndWithExactlyTheSandboxRecords()
    {
        await cluster.StartAsync(output);
        var key = cluster.Key;
        var apiBase = cluster.LargeApiBase;
        // Slow enough pages that a node can be stopped mid-run.
        cluster.LargeSandbox.Faults.LatencyMs = 15;

        // 1. kill -9 the node running the first sync once it has committed pages.
        var killed = await ClusterFixture.ConnectAsync(Nodes[0], key, apiBase);
        var (victim, _) = await RunningNodeAsync(killed, minimumRecords: 600);
        cluster.Step("first sync running: kill -9");
        await victim.KillAsync();
        var survivor = Nodes.First(n => !n.HasExited);
        var killedRun = await cluster.WaitForRunEndAsync(survivor, key, killed);
        cluster.Step("killed run ended");
        Assert.Equal("succeeded", (string?)killedRun["status"]);

        // 2. SIGTERM the node running the second sync: it drains within its timeout and gives the lease back.
        var drained = await ClusterFixture.ConnectAsync(survivor, key, apiBase);
        var (stopping, runId) = await RunningNodeAsync(drained, minimumRecords: 600);
        cluster.Step("second sync running: SIGTERM");
        stopping.Terminate();
        Assert.True(await stopping.ExitsWithinAsync(ClusterFixture.ShutdownTimeout + TimeSpan.FromSeconds(10)), $"the node did not exit after SIGTERM:\n{stopping.Output}");
        cluster.Step("node exited");
        Assert.True(stopping.ExitCode == 0, $"the node exited with {stopping.ExitCode} after SIGTERM:\n{stopping.Output}");
        var owner = await cluster.ScalarAsync<string?>("select lease_owner from sync_runs where id = $1", runId);
        Assert.False(owner is not null && ClusterFixture.LeasePid(owner) == stopping.ProcessId, "the stopped node still holds the run's lease");
        var last = Nodes.Single(n => !n.HasExited);
        var drainedRun = await cluster.WaitForRunEndAsync(last, key, drained);
        cluster.Step("drained run ended");
        Assert.Equal("succeeded", (string?)drainedRun["status"]);

        // 3. An uninterrupted sync of the same sandbox is the reference.
        cluster.LargeSandbox.Faults.LatencyMs = 0;
        var clean = await ClusterFixture.ConnectAsync(last, key, apiBase);
        Assert.Equal("succeeded", (string?)(await cluster.WaitForRunEndAsync(last, key, clean))["status"]);
        var expected = await CountsAsync(clean);
        cluster.Step("records: " + string.Join(", ", expected.Select(c => $"{c.Key} {c.Value}")));
        Assert.Equal(ClusterFixture.LargeSeed.AssetCount, expected["assets"]);
        Assert.True(expected.Values.Sum() >= 2000, $"only {expected.Values.Sum()} records in the reference sync");
        Assert.Equal(expected, await CountsAsync(killed));
        Assert.Equal(expected, await CountsAsync(drained));
        Assert.Equal(0L, await cluster.ScalarAsync<long>(
            "select count(*) from (select 1 from records where connection_id in ($1, $2) group by connection_id, entity, remote_id having count(*) > 1) d",
            killed, drained));
    }

    /// <summary>The node whose worker holds the connection's running run, once that run has written some records.</summary>
    private async Task<(ServerNode Node, string RunId)> RunningNodeAsync(string connectionId, int minimumRecords)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var rows = await cluster.QueryAsync(
                """
                select r.id, r.lease_owner, (select count(*) from records where connection_id = $1)
                from sync_runs r where r.connection_id = $1 and r.status = 'running' and r.lease_owner is not null
                """, connectionId);
            if (rows.Count > 0 && (long)rows[0][2] >= minimumRecords)
            {
                return (cluster.NodeOf(ClusterFixture.LeasePid((string)rows[0][1])), (string)rows[0][0]);
            }

            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), "the sync never got going:\n" + cluster.NodeOutput);
            await Task.Delay(100);
        }
    }

    private async Task<Dictionary<string, long>> CountsAsync(string connectionId) =>
        (await cluster.QueryAsync("select entity, count(*) from records where connection_id = $1 and deleted_at is null group by entity", connectionId))
        .ToDictionary(r => (string)r[0], r => (long)r[1], StringComparer.Ordinal);
}
