using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Server.Webhooks;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Millwright.Tests.Server.Hosting;

public sealed partial class TelemetryTests
{
    private static readonly string[] WorkOrderCreated = ["work_order.created"];
    private static readonly object ReadWriteToken = new { name = "telemetry", scopes = new[] { "read", "write" } };

    [Fact]
    public async Task Telemetry_TokenWriteListAndWebhook_NoSecretOrCustomerValueInMetricsSpansOrLogs()
    {
        var spans = new List<Activity>();
        var logs = new List<LogRecord>();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var scenario = await SandboxScenario.StartAsync(SandboxScenario.SmallPlant(workOrders: 5),
            hostSettings: WebhookTestKit.Fast(new Dictionary<string, string?>
            {
                ["Millwright:Telemetry:Traces"] = "true",
                // Every log Millwright writes, down to Debug (the upstream pipeline logs each attempt there).
                ["Logging:LogLevel:Millwright"] = "Debug",
            }),
            configureServices: services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(spans));
                services.ConfigureOpenTelemetryLoggerProvider(b => b.AddInMemoryExporter(logs));
            });
        await scenario.SyncAsync();
        // After the sync, so that the one delivery is the written work order's.
        var endpoint = await WebhookTestKit.SubscribeAsync(scenario.Client, receiver, WorkOrderCreated);
        using var keyHttp = scenario.Host.Http(scenario.Account.TestSecretKey);
        using var tokenResponse = await keyHttp.PostAsJsonAsync($"/v1/connections/{scenario.ConnectionId}/tokens", ReadWriteToken);
        tokenResponse.EnsureSuccessStatusCode();
        var token = (string)(await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!["token"]!;
        using var http = scenario.Host.Http(token);

        // Customer values: a work order's title and description, and a filter on the title.
        const string title = "Telemetry-secret-title-7f3a";
        const string description = "Telemetry-secret-description-91c2";
        using var created = await http.PostAsJsonAsync("/v1/work-orders", new { title, description });
        created.EnsureSuccessStatusCode();
        using var listed = await http.GetAsync($"/v1/work-orders?filter[title]={title}");
        listed.EnsureSuccessStatusCode();
        Assert.Contains(title, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await receiver.WaitForAsync(w => w.Verified && w.Body.Contains(title, StringComparison.Ordinal)));
        var requestIds = new[] { created, listed }.Select(r => r.Headers.GetValues("X-Request-Id").Single()).ToList();
        foreach (var id in requestIds)
        {
            await WaitForAsync(spans, a => a.Kind == ActivityKind.Server && (string?)a.GetTagItem("millwright.request_id") == id);
        }

        var scrape = await scenario.Host.Http().GetStringAsync("/metrics");
        var exported = new StringBuilder(scrape);
        lock (spans)
        {
            foreach (var span in spans)
            {
                exported.AppendLine(span.DisplayName).AppendLine(span.StatusDescription);
                AppendTags(exported, span.TagObjects);
                AppendTags(exported, span.Baggage.Select(b => new KeyValuePair<string, object?>(b.Key, b.Value)));
                foreach (var e in span.Events)
                {
                    exported.AppendLine(e.Name);
                    AppendTags(exported, e.Tags);
                }
            }
        }

        lock (logs)
        {
            foreach (var log in logs)
            {
                exported.AppendLine(log.FormattedMessage).AppendLine(log.Body).AppendLine(log.Exception?.ToString());
                AppendTags(exported, log.Attributes ?? []);
                log.ForEachScope((scope, _) => AppendTags(exported, [.. scope]), (object?)null);
            }
        }

        // The scan can fail: the spans and logs did see this work (ids Millwright made are allowed in them).
        var text = exported.ToString();
        Assert.Contains(scenario.ConnectionId, text, StringComparison.Ordinal);
        Assert.Contains(requestIds[0], text, StringComparison.Ordinal);
        Assert.Contains("store write record", text, StringComparison.Ordinal);
        Assert.NotEmpty(logs);
        foreach (var secret in new[] { token, scenario.Account.TestSecretKey, MaintainXSandboxSettings.DemoApiKey, endpoint.Secret!, title, description })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    private static void AppendTags(StringBuilder text, IEnumerable<KeyValuePair<string, object?>> tags)
    {
        foreach (var (key, value) in tags)
        {
            text.Append(key).Append('=').AppendLine(value is Array array ? string.Join(",", array.Cast<object?>()) : value?.ToString());
        }
    }
}
