using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.MaintainX;
using Millwright.Server.Hosting.Modules;

using Millwright.Tests.Support;

namespace Millwright.Tests.Connectors.Http;

/// <summary>
/// The recording handler in the real upstream pipeline, calling the MaintainX sandbox over loopback:
/// what lands in the ambient scope and reaches the observers, and that secrets in URLs never do.
/// </summary>
public sealed class UpstreamCallRecorderTests : IAsyncLifetime
{
    private readonly Collector observer = new();
    private SandboxHost<MaintainXSandbox> sandbox = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        sandbox = await SandboxHost.StartAsync(new MaintainXSandboxModule(), new MaintainXSandboxSettings { RequestsPerMinute = 100_000, WorkOrderCount = 20, AssetCount = 10 });
        using (var warmUp = sandbox.CreateClient())
        {
            // The first answer of a fresh sandbox (seeding, JIT) would take longer than the short attempt timeout.
            (await warmUp.GetAsync("assets")).Dispose();
        }

        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddMillwrightConnectors(VendorModules.All.Select(m => m.Connector));
        collection.AddSingleton<ISandboxMounts, TestSandboxMounts>();
        collection.AddSingleton<IUpstreamCallObserver>(observer);
        collection.Configure<UpstreamHttpOptions>(o =>
        {
            TestSandboxMounts.Configure(o);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxRetries = 1;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(500);
        });
        collection.AddHttpClient("probe").AddUpstreamPipeline();
        services = collection.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Send_UrlWithUserInfoAndKeyInQuery_RecordsRedactedUrlInScopeAndObserver()
    {
        var url = new UriBuilder(new Uri(sandbox.ApiBaseUrl, "organizations")) { UserName = "ops", Password = "pa55-word-secret", Query = "api_key=query-secret-987&limit=5" }.Uri;

        IReadOnlyList<UpstreamCall> calls;
        using (var scope = UpstreamCallRecorder.Begin("req_test"))
        {
            using var response = await SendAsync(HttpMethod.Get, url);
            calls = scope.Calls();
        }

        var call = Assert.Single(calls);
        Assert.Equal("probe", call.System);
        Assert.Equal("conn_probe", call.ConnectionId);
        Assert.Equal("test", call.Environment);
        Assert.Equal(401, call.Status);
        Assert.Equal(UpstreamOutcome.Rejected, call.Outcome);
        Assert.Equal($"{sandbox.ApiBaseUrl}organizations?api_key=***&limit=5", call.Url);
        Assert.DoesNotContain("pa55-word-secret", call.Url);
        Assert.DoesNotContain("query-secret-987", call.Url);
        var (seen, seenScope) = Assert.Single(observer.Calls);
        Assert.Same(call, seen);
        Assert.Equal("req_test", seenScope);
        Assert.Null(UpstreamCallRecorder.CurrentScope);
    }

    [Fact]
    public async Task Send_ServerErrorsThenTimeouts_EachAttemptRecordedWithOutcome()
    {
        sandbox.Sandbox.Faults.ForceStatus(503, 2);
        using var scope = UpstreamCallRecorder.Begin("sync_test", collect: false);
        using (var failed = await SendAsync(HttpMethod.Get, new Uri(sandbox.ApiBaseUrl, "assets"), MaintainXSandboxSettings.DemoApiKey))
        {
            Assert.Equal(503, (int)failed.StatusCode);
        }

        sandbox.Sandbox.Faults.LatencyMs = 1500;
        await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(HttpMethod.Get, new Uri(sandbox.ApiBaseUrl, "assets"), MaintainXSandboxSettings.DemoApiKey));

        // A non-collecting scope (a sync run) keeps nothing itself: its calls go to the observers with its owner.
        Assert.Empty(scope.Calls());
        Assert.Equal(
            [(503, UpstreamOutcome.Failed, null), (503, UpstreamOutcome.Failed, null), (null, UpstreamOutcome.TimedOut, "timeout"), (null, UpstreamOutcome.TimedOut, "timeout")],
            observer.Calls.Select(c => (c.Call.Status, c.Call.Outcome, c.Call.Error)));
        Assert.All(observer.Calls, c => Assert.Equal("sync_test", c.Owner));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, string? apiKey = null)
    {
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("probe");
        using var request = new HttpRequestMessage(method, url)
            .ForConnection(new ConnectionContext("conn_probe", "test", new Dictionary<string, string>(), new Dictionary<string, string>()), requestsPerMinute: 100_000);
        if (apiKey is not null)
        {
            request.Headers.Authorization = new("Bearer", apiKey);
        }

        return await client.SendAsync(request);
    }

    private sealed class Collector : IUpstreamCallObserver
    {
        private readonly ConcurrentQueue<(UpstreamCall Call, string? Owner)> calls = new();

        public IReadOnlyList<(UpstreamCall Call, string? Owner)> Calls => [.. calls];

        public void OnUpstreamCall(UpstreamCall call, UpstreamCallScope? scope) => calls.Enqueue((call, scope?.Owner));
    }
}
