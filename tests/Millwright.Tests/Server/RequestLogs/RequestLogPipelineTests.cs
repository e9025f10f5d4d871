using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client;
using Millwright.Client.Errors;
using Millwright.Server.Features.RequestLogs;
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
