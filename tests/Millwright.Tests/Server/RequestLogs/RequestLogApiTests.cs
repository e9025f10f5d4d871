using System.Net;
using Microsoft.EntityFrameworkCore;
using Millwright.Client;
using Millwright.Client.Errors;
using Millwright.Client.RequestLogs;
using Millwright.Server.Features.Accounts;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.RequestLogs;

/// <summary><c>GET /v1/request-logs</c>: filters, paging, scoping and bad input, through the SDK.</summary>
public sealed class RequestLogApiTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly MillwrightHost host = shared.Server;

    [Fact]
    public async Task ListRequestLogs_Filters_ReturnOnlyMatchingCallsNewestFirst()
    {
        var (account, connectionId, keyClient) = await SetUpAsync();
        var data = keyClient.ForConnection(connectionId);
        await data.SendAsync<object>(HttpMethod.Get, "v1/sites");
        await data.SendAsync<object>(HttpMethod.Get, "v1/assets?limit=5");
        await Assert.ThrowsAsync<MillwrightApiException>(() => data.SendAsync<object>(HttpMethod.Get, "v1/assets/ast_missing"));
        await keyClient.SendAsync<object>(HttpMethod.Get, "v1/connections");
        await RequestLogWait.FlushAsync(host);

        var all = (await keyClient.ListRequestLogsAsync()).Data;
        var forConnection = (await keyClient.ListRequestLogsAsync(connectionId: connectionId)).Data;
        var notFound = (await keyClient.ListRequestLogsAsync(status: "4xx")).Data;
        var exact = (await keyClient.ListRequestLogsAsync(status: "404")).Data;
        var future = (await keyClient.ListRequestLogsAsync(since: TimeProvider.System.GetUtcNow().AddHours(1))).Data;

        Assert.Equal(["/v1/connections", "/v1/assets/ast_missing", "/v1/assets", "/v1/sites"], all.Select(l => l.Path));
        Assert.Equal(all.OrderByDescending(l => l.CreatedAt).Select(l => l.Id), all.Select(l => l.Id));
        Assert.Equal(["/v1/assets/ast_missing", "/v1/assets", "/v1/sites"], forConnection.Select(l => l.Path));
        Assert.Equal("limit=5", forConnection[1].Query);
        Assert.Equal("/v1/assets/ast_missing", Assert.Single(notFound).Path);
        Assert.Equal(404, Assert.Single(exact).Status);
        Assert.Empty(future);
        Assert.All(all, l => Assert.Null(l.ResponseBody));
        Assert.All(all, l => Assert.True(l.DurationMs >= 0));
    }

    [Fact]
    public async Task ListRequestLogs_PagedWithCursor_WalksEveryEntryOnce()
    {
        var (_, connectionId, keyClient) = await SetUpAsync();
        var data = keyClient.ForConnection(connectionId);
        for (var i = 0; i < 7; i++)
        {
            await data.SendAsync<object>(HttpMethod.Get, $"v1/sites?limit={i + 1}");
        }

        await RequestLogWait.FlushAsync(host);
        var seen = new List<RequestLog>();
        string? cursor = null;
        do
        {
            var page = await keyClient.ListRequestLogsAsync(connectionId: connectionId, limit: 3, cursor: cursor);
            Assert.True(page.Data.Count <= 3);
            seen.AddRange(page.Data);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(7, seen.Count);
        Assert.Equal(7, seen.Select(l => l.Id).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 7).Reverse().Select(i => $"limit={i}"), seen.Select(l => l.Query));
    }

    [Fact]
    public async Task RequestLogs_OtherAccountEnvironmentOrBadInput_AreRefused()
    {
        var (account, connectionId, keyClient) = await SetUpAsync();
        await keyClient.ForConnection(connectionId).SendAsync<object>(HttpMethod.Get, "v1/sites");
        await keyClient.ForConnection(connectionId).SendAsync<object>(HttpMethod.Get, "v1/sites");
        await RequestLogWait.FlushAsync(host);
        var id = (await keyClient.ListRequestLogsAsync()).Data[0].Id;
        var other = await host.CreateAccountAsync("Other");
        var otherClient = new MillwrightClient(host.Http(), other.TestSecretKey);
        var liveClient = new MillwrightClient(host.Http(), account.LiveSecretKey);

        var notFound = await Assert.ThrowsAsync<MillwrightApiException>(() => otherClient.GetRequestLogAsync(id));
        Assert.Equal(ErrorCodes.NotFound, notFound.Code);
        Assert.Equal(ErrorCodes.NotFound, (await Assert.ThrowsAsync<MillwrightApiException>(() => liveClient.GetRequestLogAsync(id))).Code);
        Assert.DoesNotContain((await otherClient.ListRequestLogsAsync()).Data, l => l.Id == id);
        Assert.DoesNotContain((await liveClient.ListRequestLogsAsync()).Data, l => l.Id == id);
        var badStatus = await Assert.ThrowsAsync<MillwrightApiException>(() => keyClient.ListRequestLogsAsync(status: "abc"));
        Assert.Equal(ErrorCodes.InvalidQueryParameter, badStatus.Code);
        Assert.StartsWith("req_", badStatus.Error!.RequestId);
        var badSince = await Assert.ThrowsAsync<MillwrightApiException>(() => keyClient.SendAsync<object>(HttpMethod.Get, "v1/request-logs?since=yesterday"));
        Assert.Equal(ErrorCodes.InvalidQueryParameter, badSince.Code);
        var cursor = (await keyClient.ListRequestLogsAsync(limit: 1)).NextCursor!;
        var badCursor = await Assert.ThrowsAsync<MillwrightApiException>(() => keyClient.ListRequestLogsAsync(status: "2xx", limit: 1, cursor: cursor));
        Assert.Equal(ErrorCodes.InvalidCursor, badCursor.Code);
        var badLimit = await Assert.ThrowsAsync<MillwrightApiException>(() => keyClient.ListRequestLogsAsync(limit: 501));
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.Status);
    }

    private async Task<(ProvisionedAccount Account, string ConnectionId, MillwrightClient KeyClient)> SetUpAsync()
    {
        var account = await host.CreateAccountAsync();
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "maintainx");
        // Synced once (an empty store), so that its data can be read.
        await SyncTestData.WithDbAsync(host, db => db.Connections.Where(c => c.Id == connectionId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, "active").SetProperty(c => c.LastSyncedAt, TimeProvider.System.GetUtcNow())));
        return (account, connectionId, new MillwrightClient(host.Http(), account.TestSecretKey));
    }
}
