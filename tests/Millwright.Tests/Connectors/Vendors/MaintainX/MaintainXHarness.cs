using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;
using Millwright.Connectors.Vendors.MaintainX;
using Millwright.Server.Hosting.Modules;

namespace Millwright.Tests.Connectors.Vendors.MaintainX;

/// <summary>
/// The MaintainX connector as the server composes it (AddMillwrightConnectors), with either the real
/// guarded transport or a scripted one under the same handler pipeline. Scripted answers are for
/// classification and enrichment details; whole-API behaviour is tested against the sandbox.
/// </summary>
internal sealed class MaintainXHarness : IDisposable
{
    private readonly ServiceProvider services;

    public MaintainXHarness(Func<HttpRequestMessage, HttpResponseMessage>? script = null, Action<UpstreamHttpOptions>? options = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddMillwrightConnectors(VendorModules.All.Select(m => m.Connector));
        collection.Configure<UpstreamHttpOptions>(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxRateLimitRetryWait = TimeSpan.FromMilliseconds(50);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            options?.Invoke(o);
        });
        if (script is not null)
        {
            Transport = new ScriptedTransport(script);
            collection.AddHttpClient(MaintainXApi.ClientName).ConfigurePrimaryHttpMessageHandler(() => Transport);
        }

        services = collection.BuildServiceProvider();
        Connector = services.GetRequiredService<ConnectorRegistry>().Find("maintainx")!;
    }

    public IConnector Connector { get; }

    public ScriptedTransport? Transport { get; }

    public static ConnectionContext Connection(
        string baseUrl = "https://api.getmaintainx.com/v1",
        string environment = "live",
        string? organizationId = null,
        string apiKey = "mx-secret-key-123") =>
        new(
            $"conn_{Guid.NewGuid():N}",
            environment,
            organizationId is null
                ? new Dictionary<string, string> { ["base_url"] = baseUrl }
                : new Dictionary<string, string> { ["base_url"] = baseUrl, ["organization_id"] = organizationId },
            new Dictionary<string, string> { ["api_key"] = apiKey });

    /// <summary>Every record of one entity, following the connector's cursors to the end.</summary>
    public async Task<List<RawRecord>> ReadAllAsync(ConnectionContext connection, Millwright.Client.Models.Entity entity,
        DateTimeOffset? modifiedSince = null, int pageSize = 100)
    {
        var records = new List<RawRecord>();
        string? cursor = null;
        for (var page = 0; page < 10_000; page++)
        {
            var result = await Connector.ReadPageAsync(connection, new ReadRequest(entity, cursor, modifiedSince, pageSize), CancellationToken.None);
            Assert.True(result.IsSuccess, $"{entity} page {page}: {result.Failure?.Message}");
            records.AddRange(result.Value!.Records);
            cursor = result.Value.NextCursor;
            if (cursor is null)
            {
                return records;
            }
        }

        throw new InvalidOperationException("The read did not end.");
    }

    public static HttpResponseMessage Respond(HttpStatusCode status, string json, Action<HttpResponseMessage>? headers = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        headers?.Invoke(response);
        return response;
    }

    public static HttpResponseMessage Fixture(string name) =>
        new(HttpStatusCode.OK) { Content = new ByteArrayContent(MaintainXFixtures.Bytes(name)) };

    public void Dispose() => services.Dispose();
}

/// <summary>Answers each request with a scripted response and records what was asked.</summary>
internal sealed class ScriptedTransport(Func<HttpRequestMessage, HttpResponseMessage> script) : HttpMessageHandler
{
    private readonly List<HttpRequestMessage> requests = [];

    public IReadOnlyList<HttpRequestMessage> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (requests)
        {
            requests.Add(request);
        }

        var response = script(request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
