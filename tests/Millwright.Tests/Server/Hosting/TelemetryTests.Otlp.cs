using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Hosting;

public sealed partial class TelemetryTests
{
    [Fact]
    public async Task Otlp_EndpointSet_RequestTraceAndMetricsExportedOverHttpProtobuf()
    {
        await using var collector = await OtlpCollector.StartAsync();
        using var host = new MillwrightHost(new Dictionary<string, string?>
        {
            // The standard variables, as an operator sets them in the environment (configuration sees both alike).
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
        });
        var account = await host.CreateAccountAsync();
        using var http = host.Http(account.TestSecretKey);
        using var response = await http.GetAsync("/v1/connections");
        response.EnsureSuccessStatusCode();
        var requestId = response.Headers.GetValues("X-Request-Id").Single();

        // OTLP/HTTP bodies are protobuf: strings travel as UTF-8 bytes, so the service name, the route and the
        // request id of this host's span are found in them as they are.
        var trace = await collector.WaitForAsync("/v1/traces", requestId);
        Assert.Contains("millwright", trace, StringComparison.Ordinal);
        Assert.Contains("/v1/connections", trace, StringComparison.Ordinal);
        // Store spans end before their request's: they are in this export or an earlier one.
        Assert.Contains(collector.Bodies("/v1/traces"), b => b.Contains("store read caller", StringComparison.Ordinal));
        Assert.Contains("application/x-protobuf", collector.ContentTypes["/v1/traces"], StringComparison.Ordinal);
        var metrics = await collector.WaitForAsync("/v1/metrics", "http.server.request.duration");
        Assert.Contains("millwright", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(account.TestSecretKey, trace + metrics, StringComparison.Ordinal);
    }

    /// <summary>A loopback OTLP/HTTP receiver: keeps each signal's request bodies (Latin-1, so every byte is one char).</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private static readonly string[] Signals = ["/v1/traces", "/v1/metrics", "/v1/logs"];
        private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> bodies = new(StringComparer.Ordinal);
        private LoopbackHost? host;

        public Uri BaseAddress => host!.BaseAddress;

        public ConcurrentDictionary<string, string> ContentTypes { get; } = new(StringComparer.Ordinal);

        public static async Task<OtlpCollector> StartAsync()
        {
            var collector = new OtlpCollector();
            collector.host = await LoopbackHost.StartAsync(app =>
            {
                foreach (var path in Signals)
                {
                    app.MapPost(path, (Delegate)((HttpContext context) => collector.ReceiveAsync(path, context)));
                }
            }, allowed: false);
            return collector;
        }

        public IReadOnlyList<string> Bodies(string path) => [.. bodies.GetValueOrDefault(path) ?? []];

        /// <summary>The first body of <paramref name="path"/> that holds <paramref name="text"/>.</summary>
        public async Task<string> WaitForAsync(string path, string text)
        {
            for (var i = 0; i < 300; i++)
            {
                if (bodies.TryGetValue(path, out var got) && got.FirstOrDefault(b => b.Contains(text, StringComparison.Ordinal)) is { } body)
                {
                    return body;
                }

                await Task.Delay(50);
            }

            throw new Xunit.Sdk.XunitException($"No {path} export holding '{text}' within 15 s ({bodies.GetValueOrDefault(path)?.Count ?? 0} bodies).");
        }

        private async Task<IResult> ReceiveAsync(string path, HttpContext context)
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            ContentTypes[path] = context.Request.ContentType ?? "";
            bodies.GetOrAdd(path, _ => new()).Enqueue(Encoding.Latin1.GetString(buffer.ToArray()));
            // An empty ExportTraceServiceResponse (and the others) is an empty protobuf message.
            return Results.Bytes([], "application/x-protobuf");
        }

        public async ValueTask DisposeAsync()
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
    }
}
