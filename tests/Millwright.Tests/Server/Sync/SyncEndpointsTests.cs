using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Millwright.Server.Features.Sync;
using Millwright.Server.Persistence;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Sync;

/// <summary>The sync-run endpoints' contract: auth, visibility, paging, errors. No vendor needed.</summary>
public sealed class SyncEndpointsTests : IClassFixture<SharedHost>
{
    private readonly MillwrightHost host;

    public SyncEndpointsTests(SharedHost shared) => host = shared.Server;

    [Fact]
    public async Task StartSync_UnknownConnection_Returns404()
    {
        var account = await host.CreateAccountAsync();
        var client = SyncTestData.Client(host, account.TestSecretKey);
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.StartSyncAsync("conn_missing"));
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.Equal(ErrorCodes.NotFound, error.Code);
    }

    [Fact]
    public async Task StartSync_ConnectionOfOtherAccountOrEnvironment_Returns404()
    {
        var owner = await host.CreateAccountAsync("Owner");
        var other = await host.CreateAccountAsync("Other");
        var connectionId = await SyncTestData.InsertConnectionAsync(host, owner, "nope");

        var otherAccount = await Assert.ThrowsAsync<MillwrightApiException>(() => SyncTestData.Client(host, other.TestSecretKey).StartSyncAsync(connectionId));
        var liveKey = await Assert.ThrowsAsync<MillwrightApiException>(() => SyncTestData.Client(host, owner.LiveSecretKey).ListSyncRunsAsync(connectionId));

        Assert.Equal(HttpStatusCode.NotFound, otherAccount.Status);
        Assert.Equal(HttpStatusCode.NotFound, liveKey.Status);
        Assert.Empty(await SyncTestData.WithDbAsync(host, db => Task.FromResult(db.SyncRuns.Where(r => r.ConnectionId == connectionId).ToList())));
    }

    [Fact]
    public async Task StartSync_WithoutKey_Returns401()
    {
        using var http = host.Http();
        var response = await http.PostAsync("/v1/connections/conn_x/sync", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task StartSync_RunAlreadyActive_Returns409SyncAlreadyRunning()
    {
        var account = await host.CreateAccountAsync();
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        await InsertRunAsync(connectionId, "sync_active", "running", DateTimeOffset.UnixEpoch.AddYears(56));

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => SyncTestData.Client(host, account.TestSecretKey).StartSyncAsync(connectionId));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Equal(ErrorCodes.SyncAlreadyRunning, error.Code);
        Assert.Contains("sync_active", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartSync_UnknownSystem_RunFailsWithUnknownSystemAndConnectionDegraded()
    {
        var account = await host.CreateAccountAsync();
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        var client = SyncTestData.Client(host, account.TestSecretKey);

        var queued = await client.StartSyncAsync(connectionId, SyncKind.Incremental);
        var finished = await SyncTestData.WaitAsync(client, connectionId, queued.Id);

        Assert.Equal(SyncKind.Incremental, queued.Kind);
        Assert.Equal(SyncRunTrigger.Manual, queued.Trigger);
        Assert.Equal(SyncRunStatus.Failed, finished.Status);
        Assert.Equal(ErrorCodes.UnknownSystem, finished.ErrorCode);
        Assert.NotNull(finished.DurationMs);
        Assert.Equal("degraded", (await SyncTestData.ConnectionAsync(host, connectionId)).Status);
    }

    [Fact]
    public async Task StartSync_BadKind_Returns400InvalidJson()
    {
        var account = await host.CreateAccountAsync();
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        using var http = host.Http(account.TestSecretKey);

        var response = await http.PostAsJsonAsync($"/v1/connections/{connectionId}/sync", new { kind = "partial" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<ErrorEnvelope>(MillwrightJson.Options);
        Assert.Equal(ErrorCodes.InvalidJson, body!.Error.Code);
    }

    [Fact]
    public async Task StartSync_NoBody_Returns202WithLocationOfRun()
    {
        var account = await host.CreateAccountAsync();
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        using var http = host.Http(account.TestSecretKey);

        var response = await http.PostAsync($"/v1/connections/{connectionId}/sync", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await response.Content.ReadFromJsonAsync<SyncRun>(MillwrightJson.Options);
        Assert.Equal(SyncKind.Full, run!.Kind);
        Assert.Equal($"/v1/connections/{connectionId}/sync-runs/{run.Id}", response.Headers.Location!.OriginalString);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"connection_id\":", json, StringComparison.Ordinal);
        Assert.Contains("\"counts\":{\"added\":0,\"updated\":0,\"deleted\":0}", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListSyncRuns_MoreThanOnePage_PagesNewestFirstWithoutGapsOrRepeats()
    {
        var account = await host.CreateAccountAsync();
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 5; i++)
        {
            // Two runs share a time stamp: the id breaks the tie.
            await InsertRunAsync(connectionId, $"sync_{i}", "succeeded", start.AddMinutes(i / 2));
        }

        var client = SyncTestData.Client(host, account.TestSecretKey);
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.ListSyncRunsAsync(connectionId, limit: 2, cursor: cursor);
            Assert.True(page.Data.Count <= 2);
            seen.AddRange(page.Data.Select(r => r.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(["sync_4", "sync_3", "sync_2", "sync_1", "sync_0"], seen);
    }

    [Fact]
    public async Task ListSyncRuns_CursorOfOtherConnection_Returns400InvalidCursor()
    {
        var account = await host.CreateAccountAsync();
        var first = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        var second = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        await InsertRunAsync(first, "sync_a", "succeeded", DateTimeOffset.UnixEpoch.AddYears(50));
        await InsertRunAsync(first, "sync_b", "succeeded", DateTimeOffset.UnixEpoch.AddYears(51));
        var client = SyncTestData.Client(host, account.TestSecretKey);
        var page = await client.ListSyncRunsAsync(first, limit: 1);

        var foreign = await Assert.ThrowsAsync<MillwrightApiException>(() => client.ListSyncRunsAsync(second, cursor: page.NextCursor));
        var garbage = await Assert.ThrowsAsync<MillwrightApiException>(() => client.ListSyncRunsAsync(first, cursor: "%%%"));
        var limit = await Assert.ThrowsAsync<MillwrightApiException>(() => client.ListSyncRunsAsync(first, limit: 501));

        Assert.Equal(ErrorCodes.InvalidCursor, foreign.Code);
        Assert.Equal(ErrorCodes.InvalidCursor, garbage.Code);
        Assert.Equal(ErrorCodes.InvalidQueryParameter, limit.Code);
    }

    [Fact]
    public async Task GetSyncRun_RunOfOtherConnection_Returns404()
    {
        var account = await host.CreateAccountAsync();
        var first = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        var second = await SyncTestData.InsertConnectionAsync(host, account, "nope");
        await InsertRunAsync(first, "sync_mine", "succeeded", DateTimeOffset.UnixEpoch.AddYears(50));
        var client = SyncTestData.Client(host, account.TestSecretKey);

        var own = await client.GetSyncRunAsync(first, "sync_mine");
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.GetSyncRunAsync(second, "sync_mine"));

        Assert.Equal("sync_mine", own.Id);
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
    }

    [Fact]
    public async Task OpenApiDocument_Always_DescribesSyncOperationsWithExamples()
    {
        using var http = host.Http();
        using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        var start = paths.GetProperty("/v1/connections/{id}/sync").GetProperty("post");
        var list = paths.GetProperty("/v1/connections/{id}/sync-runs").GetProperty("get");
        var get = paths.GetProperty("/v1/connections/{id}/sync-runs/{run_id}").GetProperty("get");

        Assert.Equal(["StartSync", "ListSyncRuns", "GetSyncRun"], new[] { start, list, get }.Select(o => o.GetProperty("operationId").GetString()));
        var queued = start.GetProperty("responses").GetProperty("202").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal("queued", queued.GetProperty("status").GetString());
        Assert.True(start.GetProperty("responses").TryGetProperty("409", out _));
        var run = get.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example");
        Assert.Equal(17, run.GetProperty("counts").GetProperty("updated").GetInt32());
        Assert.Contains(list.GetProperty("parameters").EnumerateArray(), p => p.TryGetProperty("name", out var name) && name.GetString() == "limit" && p.GetProperty("description").GetString()!.Contains("500", StringComparison.Ordinal));
    }

    private async Task InsertRunAsync(string connectionId, string id, string status, DateTimeOffset createdAt)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        db.SyncRuns.Add(new SyncRunRow
        {
            Id = id,
            ConnectionId = connectionId,
            Kind = "full",
            Status = status,
            Trigger = "manual",
            CreatedAt = createdAt,
            StartedAt = createdAt,
            FinishedAt = status == "running" ? null : createdAt.AddSeconds(3),
            // Held by a live worker elsewhere, so this host's recovery leaves it alone.
            LeaseOwner = status == "running" ? "elsewhere" : null,
            LeaseExpiresAt = status == "running" ? DateTimeOffset.UnixEpoch.AddYears(100) : null,
        });
        await db.SaveChangesAsync();
    }
}
