using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Client.Sync;
using Millwright.Sandbox.MaintainX;

namespace Millwright.Tests.Server.Sync;

/// <summary>
/// Syncs against a sandbox with its fault knobs turned on, over real loopback HTTP: whatever the system does,
/// the store ends up with exactly the sandbox's records, and the connection's status and health say what happened.
/// </summary>
public sealed class SyncFaultTests
{
    /// <summary>
    /// A vendor timeout far above what a page takes even on a loaded machine (a 300 ms one timed healthy pages out,
    /// issue 17), one quick retry, no page-level retries, and a circuit that closes again quickly: a system that
    /// stopped answering fails a run in two attempts.
    /// </summary>
    private static readonly Dictionary<string, string?> Upstream = new()
    {
        ["Millwright:Upstream:AttemptTimeout"] = "00:00:05",
        ["Millwright:Upstream:MaxRetries"] = "1",
        ["Millwright:Upstream:RetryBaseDelay"] = "00:00:00.010",
        ["Millwright:Upstream:CircuitBreakDuration"] = "00:00:00.500",
        ["Millwright:Sync:TransientRetries"] = "0",
    };

    /// <summary>A sandbox latency no attempt timeout above waits out: the system hangs.</summary>
    private const int Hung = 120_000;

    [Fact]
    public async Task Sync_ErrorsThrottlingAndMalformedBodies_StoresExactlyTheSandboxRecords()
    {
        // The default retries and circuit breaker (half of a connection's attempts failing opens it), with short backoffs.
        await using var scenario = await SandboxScenario.StartAsync(hostSettings: new Dictionary<string, string?>
        {
            ["Millwright:Upstream:RetryBaseDelay"] = "00:00:00.010",
        });
        var reference = await ReferenceSetAsync(scenario);

        // Every fifth request fails with 500 (20 %, counted rather than random: how many random errors land in one
        // circuit window, or on one call's retries, would decide the run — issue 17); a burst of three 429s says
        // "retry in 1 s"; two bodies arrive cut off.
        var faults = scenario.Sandbox.Sandbox.Faults;
        faults.ForceStatus(429, 3, retryAfterSeconds: 1);
        faults.ErrorEvery = 5;
        faults.ForceMalformed(2);
        var run = await scenario.SyncAsync();
        faults.Reset();

        Assert.True(run.Status == SyncRunStatus.Succeeded, string.Join("; ", run.Errors.Select(e => $"{e.Entity} {e.Code} {e.Message}")));
        Assert.Empty(run.Errors);
        Assert.Equal(reference, await StoredSetAsync(scenario));
        var connection = await scenario.Client.GetConnectionAsync(scenario.ConnectionId);
        Assert.Equal(ConnectionStatuses.Active, connection.Status);
        Assert.Equal(ConnectionHealthStatuses.Operational, connection.Health!.Status);
        Assert.Equal(0, connection.Health.ConsecutiveFailures);
    }

    [Fact]
    public async Task Sync_SystemTimesOut_DegradedWhileReadsWorkThenRecovers()
    {
        await using var scenario = await SandboxScenario.StartAsync(hostSettings: Upstream);
        Assert.Equal(SyncRunStatus.Succeeded, (await scenario.SyncAsync()).Status);

        scenario.Sandbox.Sandbox.Faults.LatencyMs = Hung;
        var failed = await scenario.SyncAsync();
        var degraded = await scenario.Client.GetConnectionAsync(scenario.ConnectionId);
        using var read = await ReadAsync(scenario, "/v1/work-orders?limit=5");
        scenario.Sandbox.Sandbox.Faults.LatencyMs = 0;
        await Task.Delay(600); // the connection's circuit (500 ms here) lets a trial call through again
        var recovered = await scenario.SyncAsync();
        var active = await scenario.Client.GetConnectionAsync(scenario.ConnectionId);

        Assert.Equal(SyncRunStatus.Failed, failed.Status);
        Assert.Contains(failed.ErrorCode, new[] { ErrorCodes.UpstreamTimeout, ErrorCodes.UpstreamUnavailable });
        Assert.Equal(ConnectionStatuses.Degraded, degraded.Status);
        Assert.Equal(ConnectionHealthStatuses.Degraded, degraded.Health!.Status);
        Assert.Equal(1, degraded.Health.ConsecutiveFailures);
        Assert.Equal(failed.ErrorCode, degraded.Health.LastErrorCode);
        Assert.NotNull(degraded.Health.LastErrorAt);
        Assert.NotNull(degraded.LastSyncedAt);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(5, JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal(SyncRunStatus.Succeeded, recovered.Status);
        Assert.Equal(ConnectionStatuses.Active, active.Status);
        Assert.Equal(ConnectionHealthStatuses.Operational, active.Health!.Status);
        Assert.Equal(0, active.Health.ConsecutiveFailures);
        Assert.True(active.LastSyncedAt > degraded.LastSyncedAt);
    }

    [Fact]
    public async Task Sync_KeyRevokedMidSyncThenRestored_ReauthRequiredThenNothingLostOrDuplicated()
    {
        // Default vendor timeouts: nothing here is slow, and a loaded machine must not turn a page into a timeout.
        await using var scenario = await SandboxScenario.StartAsync(SandboxScenario.SmallPlant(workOrders: 1200),
            new Dictionary<string, string?> { ["Millwright:Sync:PageSize"] = "100" });
        var reference = await ReferenceSetAsync(scenario);
        var faults = scenario.Sandbox.Sandbox.Faults;

        // The key stops working after the run's first few pages, by count: mid-sync however fast the run goes (issue 17).
        faults.RevokeKey(MaintainXSandboxSettings.DemoApiKey, afterRequests: 4);
        var run = await scenario.Client.StartSyncAsync(scenario.ConnectionId);
        var failed = await SyncTestData.WaitAsync(scenario.Client, scenario.ConnectionId, run.Id);
        var rejected = await scenario.Client.GetConnectionAsync(scenario.ConnectionId);
        using var key = scenario.Host.Http(scenario.Account.TestSecretKey);
        using var manual = await key.PostAsync($"/v1/connections/{scenario.ConnectionId}/sync", null);
        using var read = await ReadAsync(scenario, "/v1/assets?limit=1");
        using var stillRevoked = await key.PutAsJsonAsync($"/v1/connections/{scenario.ConnectionId}/credentials",
            new { credentials = new { api_key = MaintainXSandboxSettings.DemoApiKey } });
        var unchanged = await scenario.Client.GetConnectionAsync(scenario.ConnectionId);

        faults.RestoreKey(MaintainXSandboxSettings.DemoApiKey);
        var restored = await scenario.Client.UpdateCredentialsAsync(scenario.ConnectionId,
            new UpdateCredentialsRequest { Credentials = new Dictionary<string, string> { ["api_key"] = MaintainXSandboxSettings.DemoApiKey } });
        var resumed = await WaitForNewestRunAsync(scenario.Client, scenario.ConnectionId, run.Id);
        var active = await scenario.Client.GetConnectionAsync(scenario.ConnectionId);

        Assert.Equal(SyncRunStatus.Failed, failed.Status);
        Assert.Equal(ErrorCodes.ConnectionCredentialsInvalid, failed.ErrorCode);
        Assert.InRange(failed.Counts.Added, 1, reference.Count - 1);
        Assert.Equal(ConnectionStatuses.ReauthRequired, rejected.Status);
        Assert.Equal(ConnectionHealthStatuses.Down, rejected.Health!.Status);
        await AssertErrorAsync(manual, HttpStatusCode.Conflict, ErrorCodes.ConnectionReauthRequired, ErrorSource.ConnectedSystem);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await AssertErrorAsync(stillRevoked, HttpStatusCode.BadRequest, ErrorCodes.ConnectionCredentialsInvalid, ErrorSource.ConnectedSystem);
        Assert.Equal(ConnectionStatuses.ReauthRequired, unchanged.Status);
        Assert.Equal(ConnectionStatuses.Syncing, restored.Status);
        Assert.Equal(SyncRunStatus.Succeeded, resumed.Status);
        Assert.Equal(ConnectionStatuses.Active, active.Status);
        Assert.Equal(ConnectionHealthStatuses.Operational, active.Health!.Status);
        Assert.Equal(reference, await StoredSetAsync(scenario));
    }

    [Fact]
    public async Task ListRecords_FirstSyncStillRunning_Returns409ConnectionNotReady()
    {
        await using var scenario = await SandboxScenario.StartAsync();

        using var response = await ReadAsync(scenario, "/v1/assets");
        using var connection = await scenario.Host.Http(scenario.Account.TestSecretKey).GetAsync($"/v1/connections/{scenario.ConnectionId}");

        var error = await AssertErrorAsync(response, HttpStatusCode.Conflict, ErrorCodes.ConnectionNotReady, ErrorSource.ConnectedSystem);
        Assert.True(error.GetProperty("retry_after").GetInt32() > 0);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, connection.StatusCode);
    }

    private static async Task<HttpResponseMessage> ReadAsync(SandboxScenario scenario, string path)
    {
        using var http = scenario.Host.Http(scenario.Account.TestSecretKey);
        http.DefaultRequestHeaders.Add("Millwright-Connection", scenario.ConnectionId);
        return await http.GetAsync(new Uri(path, UriKind.Relative));
    }

    private static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string source)
    {
        Assert.Equal(status, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").Clone();
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(source, error.GetProperty("source").GetString());
        Assert.StartsWith("req_", error.GetProperty("request_id").GetString(), StringComparison.Ordinal);
        return error;
    }

    /// <summary>Waits for the run started after <paramref name="previousRunId"/> to finish.</summary>
    private static async Task<SyncRun> WaitForNewestRunAsync(MillwrightClient client, string connectionId, string previousRunId)
    {
        var newest = (await client.ListSyncRunsAsync(connectionId)).Data[0];
        Assert.NotEqual(previousRunId, newest.Id);
        return await SyncTestData.WaitAsync(client, connectionId, newest.Id);
    }

    /// <summary>(entity, remote id, raw hash) of everything an uninterrupted full sync of the sandbox stores (another connection).</summary>
    private static async Task<List<(string Entity, string RemoteId, string RawHash)>> ReferenceSetAsync(SandboxScenario scenario)
    {
        var connectionId = await SandboxScenario.ConnectAsync(scenario.Host, scenario.Account, scenario.Sandbox);
        var queued = await scenario.Client.StartSyncAsync(connectionId);
        Assert.Equal(SyncRunStatus.Succeeded, (await SyncTestData.WaitAsync(scenario.Client, connectionId, queued.Id)).Status);
        var records = await SyncTestData.RecordsAsync(scenario.Host, connectionId);
        return [.. records.Select(r => (r.Entity, r.RemoteId, r.RawHash)).Order()];
    }

    private static async Task<List<(string Entity, string RemoteId, string RawHash)>> StoredSetAsync(SandboxScenario scenario)
    {
        var stored = await scenario.RecordsAsync();
        Assert.Equal(stored.Count, stored.Select(r => (r.Entity, r.RemoteId)).Distinct().Count());
        return [.. stored.Select(r => (r.Entity, r.RemoteId, r.RawHash)).Order()];
    }
}
