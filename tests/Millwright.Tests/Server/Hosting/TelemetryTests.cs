using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Connectors.Http;
using Millwright.Server.Hosting.Telemetry;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Support;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Millwright.Tests.Server.Hosting;

/// <summary>
/// <c>GET /metrics</c> and the traces and logs of a real host syncing the MaintainX sandbox. OpenTelemetry listens
/// process-wide, so other hosts of the suite may add to the same series: the assertions look for this host's
/// request id, route and counts, which only its own work produces. The class runs alone, after the parallel
/// part of the suite: a host's instruments share one metric stream with the same-named instruments of hosts
/// alive when it started, and that stream ends when those hosts are disposed, taking this host's measurements
/// with it. (A server process has one host, so production never meets this.)
/// </summary>
[Collection(Alone)]
public sealed partial class TelemetryTests
{
    internal const string Alone = "telemetry, alone";

    [Fact]
    public async Task Metrics_AfterSyncAndRequest_ScrapeHasRequestSyncUpstreamAndQueueSeries()
    {
        await using var scenario = await SandboxScenario.StartAsync(SandboxScenario.SmallPlant(workOrders: 12));
        using var anonymous = scenario.Host.Http();
        var before = Sum(await anonymous.GetStringAsync("/metrics"), "millwright_sync_records_total", "system=\"maintainx\"", "change=\"added\"");

        var run = await scenario.SyncAsync();
        using var http = scenario.Host.Http(scenario.Account.TestSecretKey);
        http.DefaultRequestHeaders.Add("Millwright-Connection", scenario.ConnectionId);
        using (var list = await http.GetAsync("/v1/work-orders?limit=5&filter[status]=open"))
        {
            list.EnsureSuccessStatusCode();
        }

        // The server records a request's duration as it ends, which may be a moment after the client has the answer.
        var text = "";
        for (var i = 0; i < 50 && !Has(text, "http_server_request_duration_seconds_count", "http_route=\"/v1/work-orders\""); i++)
        {
            await Task.Delay(100);
            text = await anonymous.GetStringAsync("/metrics");
        }

        Assert.True(Has(text, "http_server_request_duration_seconds_count", "http_route=\"/v1/work-orders\"", "http_response_status_code=\"200\"", "http_request_method=\"GET\""), text);
        Assert.True(Has(text, "millwright_sync_runs_total", "system=\"maintainx\"", "status=\"succeeded\""));
        Assert.True(Has(text, "millwright_sync_duration_seconds_bucket", "system=\"maintainx\""));
        Assert.True(Sum(text, "millwright_sync_records_total", "system=\"maintainx\"", "change=\"added\"") - before >= run.Counts.Added);
        Assert.True(Has(text, "millwright_upstream_calls_total", "system=\"maintainx\"", "outcome=\"succeeded\""));
        Assert.True(Has(text, "millwright_upstream_duration_seconds_bucket", "system=\"maintainx\""));
        Assert.True(Has(text, "millwright_jobs", "state=\"enqueued\""));
        Assert.True(Has(text, "millwright_sync_runs_active", "status=\"running\""));
        Assert.Matches(new Regex(@"^millwright_webhook_deliveries_due(\{[^}]*\})? \d+", RegexOptions.Multiline), text);
        // Route templates only: no raw path, query, id or key of this host's tenant.
        Assert.DoesNotContain(scenario.ConnectionId, text);
        Assert.DoesNotContain("filter", text);
        Assert.DoesNotContain(scenario.Account.TestSecretKey, text);
    }

    [Fact]
    public async Task Metrics_RateLimitRefusal_Counted()
    {
        using var host = new MillwrightHost(new Dictionary<string, string?> { ["Millwright:RateLimits:AccountPerMinute"] = "2" });
        var account = await host.CreateAccountAsync();
        using var anonymous = host.Http();
        var before = Sum(await anonymous.GetStringAsync("/metrics"), "millwright_rate_limit_refusals_total", "limit=\"api\"");
        using var http = host.Http(account.TestSecretKey);
        var refused = 0;
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.GetAsync("/v1/connections");
            refused += (int)response.StatusCode == 429 ? 1 : 0;
        }

        Assert.True(refused >= 2);
        Assert.True(Sum(await anonymous.GetStringAsync("/metrics"), "millwright_rate_limit_refusals_total", "limit=\"api\"") - before >= refused);
    }

    [Fact]
    public async Task Metrics_FailedAuthenticationRefusal_Counted()
    {
        using var host = new MillwrightHost(new Dictionary<string, string?> { ["Millwright:RateLimits:FailedAuthPerAddressPerMinute"] = "2" });
        using var anonymous = host.Http();
        var before = Sum(await anonymous.GetStringAsync("/metrics"), "millwright_rate_limit_refusals_total", "limit=\"failed_auth\"");
        using var wrong = host.Http("mw_test_sk_not-a-real-key");
        var refused = 0;
        for (var i = 0; i < 4; i++)
        {
            using var response = await wrong.GetAsync("/v1/connections");
            refused += (int)response.StatusCode == 429 ? 1 : 0;
        }

        Assert.True(refused >= 1);
        Assert.True(Sum(await anonymous.GetStringAsync("/metrics"), "millwright_rate_limit_refusals_total", "limit=\"failed_auth\"") - before >= refused);
    }

    [Fact]
    public async Task Traces_PassthroughListAndSync_UpstreamCallsAndStoreWorkAreChildSpansAndLogsCarryTraceAndRequestIds()
    {
        var spans = new List<Activity>();
        var logs = new List<LogRecord>();
        await using var scenario = await SandboxScenario.StartAsync(SandboxScenario.SmallPlant(workOrders: 5),
            hostSettings: new Dictionary<string, string?>
            {
                ["Millwright:Telemetry:Traces"] = "true",
                ["Logging:LogLevel:Millwright.Connectors.Http"] = "Debug",
            },
            configureServices: services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(spans));
                services.ConfigureOpenTelemetryLoggerProvider(b => b.AddInMemoryExporter(logs));
            });
        var run = await scenario.SyncAsync();
        using var http = scenario.Host.Http(scenario.Account.TestSecretKey);
        http.DefaultRequestHeaders.Add("Millwright-Connection", scenario.ConnectionId);

        using var response = await http.PostAsJsonAsync("/v1/passthrough", new { method = "GET", path = "workorders/999999999", query = new { limit = 1 } });
        response.EnsureSuccessStatusCode();
        var requestId = response.Headers.GetValues("X-Request-Id").Single();

        var server = await WaitForAsync(spans, a => a.Kind == ActivityKind.Server && (string?)a.GetTagItem("millwright.request_id") == requestId);
        Assert.Equal("/v1/passthrough", server.GetTagItem("http.route"));
        Assert.Null(server.GetTagItem("url.path"));
        Assert.Null(server.GetTagItem("url.query"));
        Activity[] upstream;
        lock (spans)
        {
            upstream = [.. spans.Where(a => a.Source.Name == UpstreamTelemetry.SourceName && a.ParentSpanId == server.SpanId)];
        }

        var call = Assert.Single(upstream);
        Assert.Equal(server.TraceId, call.TraceId);
        Assert.Equal("maintainx", call.GetTagItem("millwright.system"));
        Assert.Equal(404, call.GetTagItem("http.response.status_code"));
        Assert.DoesNotContain(call.TagObjects, t => t.Value is string s && s.Contains("999999999", StringComparison.Ordinal));

        // A record list: the caller lookup and the page read are store spans below the request's, without the filter value.
        using var list = await http.GetAsync("/v1/work-orders?limit=2&filter[title:ne]=Telemetry-filter-value");
        list.EnsureSuccessStatusCode();
        var listId = list.Headers.GetValues("X-Request-Id").Single();
        var listSpan = await WaitForAsync(spans, a => a.Kind == ActivityKind.Server && (string?)a.GetTagItem("millwright.request_id") == listId);
        var caller = await WaitForAsync(spans, a => a.DisplayName == "store read caller" && a.ParentSpanId == listSpan.SpanId);
        var page = await WaitForAsync(spans, a => a.DisplayName == "store read records" && a.ParentSpanId == listSpan.SpanId);
        Assert.Equal((MillwrightTelemetry.StoreName, listSpan.TraceId), (caller.Source.Name, caller.TraceId));
        Assert.Equal("secret_key", caller.GetTagItem("millwright.caller.kind"));
        // Rows the statement returned: the limit and one more, which tells whether there is a next page.
        Assert.Equal(("work-orders", 3), (page.GetTagItem("millwright.entity"), page.GetTagItem("millwright.store.rows")));
        Assert.DoesNotContain(page.TagObjects, t => t.Value is string v && v.Contains("Telemetry-filter-value", StringComparison.Ordinal));

        // The sync run is a trace of its own: store work (claim, checkpoints, page writes, finish) beside the upstream calls.
        var syncSpan = await WaitForAsync(spans, a => a.DisplayName == "sync run" && (string?)a.GetTagItem("millwright.sync_run.id") == run.Id);
        Assert.Equal("maintainx", syncSpan.GetTagItem("millwright.system"));
        Assert.Equal("succeeded", syncSpan.GetTagItem("millwright.sync_run.status"));
        lock (spans)
        {
            var store = spans.Where(a => a.Source.Name == MillwrightTelemetry.StoreName && a.ParentSpanId == syncSpan.SpanId).ToList();
            Assert.Equal(["store claim run", "store finish run", "store read checkpoint", "store write page"], store.Select(a => a.DisplayName).Distinct().Order());
            Assert.Contains(store, a => a.DisplayName == "store write page" && (string?)a.GetTagItem("millwright.entity") == "work-orders"
                && (int?)a.GetTagItem("millwright.store.rows") > 0);
            Assert.Contains(spans, a => a.Source.Name == UpstreamTelemetry.SourceName && a.ParentSpanId == syncSpan.SpanId);
        }

        // Each upstream attempt is logged (at Debug) by the pipeline inside the request: with its trace id and the request id.
        LogRecord[] requestLogs;
        lock (logs)
        {
            requestLogs = [.. logs.Where(l => l.TraceId == server.TraceId)];
        }

        Assert.NotEmpty(requestLogs);
        Assert.All(requestLogs, l => Assert.Equal(requestId, ScopeValue(l, "MillwrightRequestId")));
        Assert.DoesNotContain(requestLogs, l => (l.FormattedMessage ?? "").Contains(scenario.Account.TestSecretKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Traces_StoreSpansOff_RequestTracedWithoutStoreSpans()
    {
        var spans = new List<Activity>();
        using var host = new MillwrightHost(
            new Dictionary<string, string?> { ["Millwright:Telemetry:Traces"] = "true", ["Millwright:Telemetry:StoreSpans"] = "false" },
            configureServices: services => services.ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(spans)));
        var account = await host.CreateAccountAsync();
        using var http = host.Http(account.TestSecretKey);
        using var response = await http.GetAsync("/v1/connections");
        response.EnsureSuccessStatusCode();
        var requestId = response.Headers.GetValues("X-Request-Id").Single();

        var server = await WaitForAsync(spans, a => a.Kind == ActivityKind.Server && (string?)a.GetTagItem("millwright.request_id") == requestId);
        lock (spans)
        {
            Assert.DoesNotContain(spans, a => a.TraceId == server.TraceId && a.Source.Name == MillwrightTelemetry.StoreName);
        }
    }

    private static async Task<Activity> WaitForAsync(List<Activity> spans, Func<Activity, bool> match)
    {
        for (var i = 0; i < 100; i++)
        {
            lock (spans)
            {
                if (spans.FirstOrDefault(match) is { } found)
                {
                    return found;
                }
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("The span did not arrive within 5 s.");
    }

    private static object? ScopeValue(LogRecord record, string key)
    {
        object? value = null;
        record.ForEachScope((scope, _) =>
        {
            foreach (var item in scope)
            {
                if (item.Key == key)
                {
                    value = item.Value;
                }
            }
        }, (object?)null);
        return value;
    }

    private static IEnumerable<string> Lines(string text, string name, string[] labels) =>
        text.Split('\n').Where(l => (l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            && labels.All(label => l.Contains(label, StringComparison.Ordinal)));

    private static bool Has(string text, string name, params string[] labels) => Lines(text, name, labels).Any();

    private static double Sum(string text, string name, params string[] labels) =>
        Lines(text, name, labels).Sum(l => double.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
}

[CollectionDefinition(TelemetryTests.Alone, DisableParallelization = true)]
public sealed class TelemetryTestsCollection;
