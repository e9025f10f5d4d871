using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Errors;
using Millwright.Server.Features.Sync;
using Millwright.Server.Persistence;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Sync;

/// <summary>Hangfire per host: jobs run in the host that queued them, and runs outlive the process.</summary>
public sealed class SyncJobsHostingTests
{
    [Fact]
    public async Task StartSync_TwoHostsConcurrently_EachRunsItsJobsAgainstItsOwnStore()
    {
        var hosts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => new MillwrightHost(SyncTestData.FastSettings()))));
        try
        {
            var runs = await Task.WhenAll(hosts.Select(async host =>
            {
                var account = await host.CreateAccountAsync();
                var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "nope");
                var client = SyncTestData.Client(host, account.TestSecretKey);
                // Several runs per host, one after the other: a job picked up by the wrong host would find
                // no such run in that host's store and leave this one queued forever.
                var finished = new List<Millwright.Client.Sync.SyncRun>();
                for (var i = 0; i < 3; i++)
                {
                    var queued = await client.StartSyncAsync(connectionId);
                    finished.Add(await SyncTestData.WaitAsync(client, connectionId, queued.Id, TimeSpan.FromSeconds(30)));
                }

                return (host, connectionId, finished);
            }));

            foreach (var (host, connectionId, finished) in runs)
            {
                Assert.All(finished, run => Assert.Equal(ErrorCodes.UnknownSystem, run.ErrorCode));
                var stored = await SyncTestData.WithDbAsync(host, db => Task.FromResult(db.SyncRuns.Select(r => r.ConnectionId).Distinct().ToList()));
                Assert.Equal([connectionId], stored);
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Dispose();
            }
        }
    }

    [Fact]
    public async Task Startup_RunLeftRunningByDeadProcess_IsRequeuedAndExecuted()
    {
        string dataDirectory, runId;
        using (var first = new MillwrightHost(SyncTestData.FastSettings()))
        {
            dataDirectory = first.DataDirectory;
            var account = await first.CreateAccountAsync();
            var connectionId = await SyncTestData.InsertConnectionAsync(first, account, "nope");
            runId = "sync_orphan";
            await using var scope = first.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
            db.SyncRuns.Add(new SyncRunRow
            {
                Id = runId,
                ConnectionId = connectionId,
                Kind = "full",
                Status = "running",
                Trigger = "manual",
                CreatedAt = DateTimeOffset.UnixEpoch.AddYears(56),
                StartedAt = DateTimeOffset.UnixEpoch.AddYears(56),
                // As a killed process leaves it: still leased, lease not yet expired.
                LeaseOwner = "killed-process",
                LeaseExpiresAt = DateTimeOffset.UnixEpoch.AddYears(56).AddMinutes(1),
            });
            await db.SaveChangesAsync();
        }

        using var second = new MillwrightHost(SyncTestData.FastSettings(), dataDirectory);
        var row = await SyncTestData.WaitForRunAsync(second, runId, r => r.Status is not ("queued" or "running"), TimeSpan.FromSeconds(30));

        Assert.Equal("failed", row.Status);
        Assert.Equal(ErrorCodes.UnknownSystem, row.ErrorCode);
        Assert.Null(row.LeaseOwner);
    }
}
