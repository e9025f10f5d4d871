using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Server.Features.RequestLogs;
using Millwright.Server.Persistence;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.RequestLogs;

/// <summary>The pipeline around the API: body truncation, retention, a full queue, logging switched off.</summary>
public sealed class RequestLogPipelineTests
{
    [Fact]
    public async Task Log_BodyLargerThanLimit_IsCutAtLimitAndFlagged()
    {
        using var host = new MillwrightHost(new Dictionary<string, string?> { ["Millwright:RequestLogs:MaxBodyBytes"] = "40" });
        var account = await host.CreateAccountAsync();
        var keyClient = new MillwrightClient(host.Http(), account.TestSecretKey);
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "maintainx");
        using var http = host.Http(account.TestSecretKey);
        using var response = await http.GetAsync($"/v1/connections/{connectionId}");
        var full = await response.Content.ReadAsStringAsync();

        var log = await RequestLogWait.ForAsync(host, keyClient, response.Headers.GetValues("X-Request-Id").Single());

        Assert.True(full.Length > 40);
        Assert.True(log.ResponseBodyTruncated);
        Assert.True(Encoding.UTF8.GetByteCount(log.ResponseBody!) <= 40);
        Assert.StartsWith(log.ResponseBody!, full, StringComparison.Ordinal);
        Assert.Equal(connectionId, log.ConnectionId);
    }

    [Fact]
    public async Task Log_SuccessfulRead_KeepsOnlyReadPrefixWhileErrorsAndWritesKeepTheirWholeBody()
    {
        using var host = new MillwrightHost(new Dictionary<string, string?> { ["Millwright:RequestLogs:MaxReadBodyBytes"] = "64" });
        var account = await host.CreateAccountAsync();
        var keyClient = new MillwrightClient(host.Http(), account.TestSecretKey);
        var connectionId = await SyncTestData.InsertConnectionAsync(host, account, "maintainx");
        using var http = host.Http(account.TestSecretKey);

        using var read = await http.GetAsync($"/v1/connections/{connectionId}");
        var readBody = await read.Content.ReadAsStringAsync();
        using var missing = await http.GetAsync("/v1/connections/conn_does_not_exist");
        var missingBody = await missing.Content.ReadAsStringAsync();
        using var write = await http.PostAsJsonAsync($"/v1/connections/{connectionId}/tokens",
            new CreateConnectionTokenRequest { Name = "reporting", Scopes = [TokenScopes.Read] }, MillwrightJson.Options);
        var token = (await write.Content.ReadFromJsonAsync<CreatedConnectionToken>(MillwrightJson.Options))!;

        var readLog = await RequestLogWait.ForAsync(host, keyClient, read.Headers.GetValues("X-Request-Id").Single());
        Assert.True(readBody.Length > 64);
        Assert.True(readLog.ResponseBodyTruncated);
        Assert.True(Encoding.UTF8.GetByteCount(readLog.ResponseBody!) <= 64);
        Assert.StartsWith(readLog.ResponseBody!, readBody, StringComparison.Ordinal);

        var missingLog = await RequestLogWait.ForAsync(host, keyClient, missing.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.True(missingBody.Length > 64);
        Assert.False(missingLog.ResponseBodyTruncated);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(missingBody), JsonNode.Parse(missingLog.ResponseBody!)));

        var writeLog = await RequestLogWait.ForAsync(host, keyClient, write.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal(HttpStatusCode.Created, write.StatusCode);
        Assert.False(writeLog.ResponseBodyTruncated);
        Assert.True(writeLog.ResponseBody!.Length > 64);
        Assert.Contains(token.Id, writeLog.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cleanup_EntriesOlderThanRetention_AreDeletedAndRecentKept()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        // The hosted cleanup ticks every 30 days here, so that only the explicit calls below delete.
        using var host = new MillwrightHost(new Dictionary<string, string?>
        {
            ["Millwright:RequestLogs:RetentionDays"] = "14",
            ["Millwright:RequestLogs:CleanupInterval"] = "30.00:00:00",
        }, time: time);
        var account = await host.CreateAccountAsync();
        var keyClient = new MillwrightClient(host.Http(), account.TestSecretKey);
        using var http = host.Http(account.TestSecretKey);
        using var old = await http.GetAsync("/v1/connections");
        var oldId = old.Headers.GetValues("X-Request-Id").Single();
        await RequestLogWait.ForAsync(host, keyClient, oldId);
        time.Advance(TimeSpan.FromDays(13));
        using var recent = await http.GetAsync("/v1/connections");
        var recentId = recent.Headers.GetValues("X-Request-Id").Single();
        await RequestLogWait.ForAsync(host, keyClient, recentId);
        var cleanup = host.Services.GetRequiredService<RequestLogCleanup>();

        Assert.Equal(0, await cleanup.CleanAsync(CancellationToken.None));
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await cleanup.CleanAsync(CancellationToken.None));

        var gone = await Assert.ThrowsAsync<MillwrightApiException>(() => keyClient.GetRequestLogAsync(oldId));
        Assert.Equal(ErrorCodes.NotFound, gone.Code);
        Assert.Equal(recentId, (await keyClient.GetRequestLogAsync(recentId)).Id);
    }

    [Fact]
    public async Task Write_AfterAnEarlierWrite_WaitsForWriteIntervalOrFlush()
    {
        // The clock stands still unless the test moves it, so the writer's pause ends only by a flush or an Advance.
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        using var host = new MillwrightHost(new Dictionary<string, string?> { ["Millwright:RequestLogs:WriteInterval"] = "00:00:05" }, time: time);
        var account = await host.CreateAccountAsync();
        var keyClient = new MillwrightClient(host.Http(), account.TestSecretKey);
        var queue = host.Services.GetRequiredService<LogQueue>();
        using var http = host.Http(account.TestSecretKey);
        await queue.FlushAsync();

        // Idle: the first entry is written at once, without a flush.
        var first = await RequestIdOfAsync(http);
        await WrittenAsync(host, first, () => { });

        // That write starts a pause: the next entry waits for the interval to pass.
        var second = await RequestIdOfAsync(http);
        await Task.Delay(300);
        Assert.False(await StoredAsync(host, second));
        await WrittenAsync(host, second, () => time.Advance(TimeSpan.FromSeconds(5)));

        // A flush ends a pause at once.
        var third = await RequestIdOfAsync(http);
        await queue.FlushAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(await StoredAsync(host, third));

        // So does a reader of the log: the entry of a call just answered is found at once, pause or not.
        await WrittenAsync(host, await RequestIdOfAsync(http), () => { });
        var held = await RequestIdOfAsync(http);
        await Task.Delay(300);
        Assert.False(await StoredAsync(host, held));
        Assert.Equal(held, (await keyClient.GetRequestLogAsync(held).WaitAsync(TimeSpan.FromMinutes(2))).Id);

        static async Task<string> RequestIdOfAsync(HttpClient http)
        {
            using var response = await http.GetAsync("/v1/connections");
            response.EnsureSuccessStatusCode();
            return response.Headers.GetValues("X-Request-Id").Single();
        }

        static async Task WrittenAsync(MillwrightHost host, string id, Action between)
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!await StoredAsync(host, id))
            {
                Assert.True(waited.Elapsed < TimeSpan.FromMinutes(2), $"Request log {id} was not written.");
                between();
                await Task.Delay(20);
            }
        }

        // Read from the store itself: the API's readers catch up with the writer first.
        static async Task<bool> StoredAsync(MillwrightHost host, string id)
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MillwrightDb>().RequestLogs.AnyAsync(r => r.Id == id);
        }
    }

    [Fact]
    public async Task Enqueue_QueueFull_DropsAndCountsWithoutWaiting()
    {
        var queue = new LogQueue(Options.Create(new RequestLogOptions { QueueCapacity = 16 }), NullLogger<LogQueue>.Instance);
        var call = new Millwright.Connectors.Http.UpstreamCall("maintainx", "conn_1", "test", "GET", "https://example.com/v1/assets",
            TimeProvider.System.GetUtcNow(), 12, 200, Millwright.Connectors.Http.UpstreamOutcome.Succeeded, null);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            queue.OnUpstreamCall(call, null);
        }

        Assert.Equal(4, queue.Dropped);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1));
        Assert.True(queue.Reader.TryRead(out _));
        queue.OnUpstreamCall(call, null);
        Assert.Equal(4, queue.Dropped);
    }

    [Fact]
    public async Task Logging_Disabled_NothingIsLogged()
    {
        using var host = new MillwrightHost(new Dictionary<string, string?> { ["Millwright:RequestLogs:Enabled"] = "false" });
        var account = await host.CreateAccountAsync();
        var keyClient = new MillwrightClient(host.Http(), account.TestSecretKey);
        await keyClient.SendAsync<object>(HttpMethod.Get, "v1/connections");
        await RequestLogWait.FlushAsync(host);

        Assert.Empty((await keyClient.ListRequestLogsAsync()).Data);
    }
}
