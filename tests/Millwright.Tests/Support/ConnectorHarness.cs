using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;
using Millwright.Server.Hosting.Modules;

namespace Millwright.Tests.Support;

/// <summary>
/// One system's connector as the server composes it (every module through AddMillwrightConnectors), with
/// either the real guarded transport or a scripted one under the same handler pipeline, and retries fast
/// enough for tests. A module registers its typed client under its system id, so the script replaces that client's transport.
/// </summary>
internal class ConnectorHarness : IDisposable
{
    private readonly ServiceProvider services;

    /// <param name="interceptor">An innermost handler inside the pipeline (before the transport), for tests that act between the connector's calls.</param>
    public ConnectorHarness(string systemId, Func<HttpRequestMessage, HttpResponseMessage>? script = null, Action<UpstreamHttpOptions>? options = null,
        DelegatingHandler? interceptor = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddMillwrightConnectors(VendorModules.All.Select(m => m.Connector));
        collection.AddSingleton<ISandboxMounts, TestSandboxMounts>();
        collection.Configure<UpstreamHttpOptions>(o =>
        {
            TestSandboxMounts.Configure(o);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxRateLimitRetryWait = TimeSpan.FromMilliseconds(50);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            options?.Invoke(o);
        });
        if (script is not null)
        {
            Transport = new ScriptedTransport(script);
            collection.AddHttpClient(systemId).ConfigurePrimaryHttpMessageHandler(() => Transport);
        }

        if (interceptor is not null)
        {
            collection.AddHttpClient(systemId).AddHttpMessageHandler(() => interceptor).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }

        services = collection.BuildServiceProvider();
        Connector = services.GetRequiredService<ConnectorRegistry>().Find(systemId)
            ?? throw new ArgumentException($"No module has the system id '{systemId}'.", nameof(systemId));
    }

    public IConnector Connector { get; }

    public ScriptedTransport? Transport { get; }

    /// <summary>Every record of one entity, following the connector's cursors to the end.</summary>
    public async Task<List<RawRecord>> ReadAllAsync(ConnectionContext connection, Entity entity, DateTimeOffset? modifiedSince = null, int pageSize = 100) =>
        (await ReadAllPagesAsync(connection, entity, modifiedSince, pageSize)).Records;

    /// <summary>The same, also counting the pages; fails on a failed page, a repeated cursor or a read that does not end.</summary>
    public async Task<(List<RawRecord> Records, int Pages)> ReadAllPagesAsync(ConnectionContext connection, Entity entity,
        DateTimeOffset? modifiedSince = null, int pageSize = 100)
    {
        var records = new List<RawRecord>();
        var cursors = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        for (var page = 1; page < 10_000; page++)
        {
            var result = await Connector.ReadPageAsync(connection, new ReadRequest(entity, cursor, modifiedSince, pageSize), CancellationToken.None);
            Assert.True(result.IsSuccess, $"{entity} page {page}: {result.Failure?.Message}");
            records.AddRange(result.Value!.Records);
            cursor = result.Value.NextCursor;
            if (cursor is null)
            {
                return (records, page);
            }

            Assert.True(cursors.Add(cursor), $"{entity} page {page}: the connector handed out a cursor again.");
        }

        throw new InvalidOperationException("The read did not end.");
    }

    public void Dispose()
    {
        services.Dispose();
        GC.SuppressFinalize(this);
    }
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
