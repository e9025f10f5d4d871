using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client;
using Millwright.Client.Sync;
using Millwright.Server.Features.Accounts;
using Millwright.Server.Features.Auth;
using Millwright.Server.Features.Connections;
using Millwright.Server.Features.Records;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Features.Sync;
using Millwright.Server.Hosting;
using Millwright.Server.Persistence;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Sync;

/// <summary>Small builders for sync tests: connections and runs written straight into a host's store.</summary>
internal static class SyncTestData
{
    /// <summary>Sync settings that keep tests fast: short leases and backoffs.</summary>
    public static Dictionary<string, string?> FastSettings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Millwright:Sync:TransientBaseDelay"] = "00:00:00.050",
            ["Millwright:Sync:DefaultRateLimitWait"] = "00:00:00.200",
            ["Millwright:Sync:LeaseDuration"] = "00:00:05",
            ["Millwright:Jobs:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<string> InsertConnectionAsync(
        MillwrightHost host, ProvisionedAccount account, string system,
        IReadOnlyDictionary<string, string>? settings = null, IReadOnlyDictionary<string, string>? credentials = null,
        string environment = AccountEnvironments.Test)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var protector = scope.ServiceProvider.GetRequiredService<CredentialProtector>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var id = Ids.New("conn");
        var now = time.GetUtcNow();
        db.Connections.Add(new ConnectionRow
        {
            Id = id,
            AccountId = account.AccountId,
            Environment = environment,
            System = system,
            Status = "syncing",
            SettingsJson = JsonSerializer.Serialize(settings ?? new Dictionary<string, string>()),
            CredentialsCipher = protector.Protect(id, credentials ?? new Dictionary<string, string>()),
            MetadataJson = "{}",
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync();
        return id;
    }

    public static async Task<T> WithDbAsync<T>(MillwrightHost host, Func<MillwrightDb, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<MillwrightDb>());
    }

    public static Task<ConnectionRow> ConnectionAsync(MillwrightHost host, string connectionId) =>
        WithDbAsync(host, db => db.Connections.AsNoTracking().SingleAsync(c => c.Id == connectionId));

    public static Task<List<RecordRow>> RecordsAsync(MillwrightHost host, string connectionId) =>
        WithDbAsync(host, db => db.Records.AsNoTracking().Where(r => r.ConnectionId == connectionId).OrderBy(r => r.Id).ToListAsync());

    public static MillwrightClient Client(MillwrightHost host, string secretKey) => new(host.Http(), secretKey);

    /// <summary>
    /// How long a wait for a run gives up after by default: generous, because a sync of a few thousand records takes
    /// well over a minute on a machine with a load average of 30 (issue 17), and a wait returns as soon as its
    /// condition holds anyway. Below test.sh's 5 min hang timeout, so a stuck run still fails with its own message.
    /// </summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(3);

    /// <summary>Polls until the run has finished; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task<SyncRun> WaitAsync(MillwrightClient client, string connectionId, string runId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            return await client.WaitForSyncRunAsync(connectionId, runId, TimeSpan.FromMilliseconds(100), cts.Token);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            var run = await client.GetSyncRunAsync(connectionId, runId);
            throw new TimeoutException($"Run {runId} is still {run.Status} after {timeout ?? DefaultWait} (+{run.Counts.Added}).");
        }
    }

    /// <summary>Polls the store until <paramref name="condition"/> holds for the run.</summary>
    public static async Task<SyncRunRow> WaitForRunAsync(
        MillwrightHost host, string runId, Func<SyncRunRow, bool> condition, TimeSpan? timeout = null, TimeSpan? pollInterval = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? DefaultWait).TotalMilliseconds;
        while (true)
        {
            var row = await WithDbAsync(host, db => db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == runId));
            if (condition(row))
            {
                return row;
            }

            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"Run {runId} is {row.Status} (entity {row.CurrentEntity}, +{row.Added}).");
            }

            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(50));
        }
    }
}
