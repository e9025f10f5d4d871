using Microsoft.Extensions.DependencyInjection;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;
using Millwright.Connectors.Vendors.Maximo;
using Millwright.Tests.Connectors.Vendors.MaintainX;

namespace Millwright.Tests.Connectors.Vendors.Maximo;

/// <summary>The Maximo connector as the server composes it, with the real guarded transport or a scripted one.</summary>
internal sealed class MaximoHarness : IDisposable
{
    private readonly ServiceProvider services;

    public MaximoHarness(Func<HttpRequestMessage, HttpResponseMessage>? script = null, WriteInterceptor? interceptor = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddMillwrightConnectors();
        collection.Configure<UpstreamHttpOptions>(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxRateLimitRetryWait = TimeSpan.FromMilliseconds(50);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
        });
        if (script is not null)
        {
            Transport = new ScriptedTransport(script);
            collection.AddHttpClient(MaximoApi.ClientName).ConfigurePrimaryHttpMessageHandler(() => Transport);
        }

        if (interceptor is not null)
        {
            collection.AddHttpClient(MaximoApi.ClientName).AddHttpMessageHandler(() => interceptor).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }

        services = collection.BuildServiceProvider();
        Connector = services.GetRequiredService<ConnectorRegistry>().Find("ibm-maximo")!;
    }

    public IConnector Connector { get; }

    public ScriptedTransport? Transport { get; }

    public static ConnectionContext Connection(string baseUrl, string? apiKey = null, string? user = null, string? password = null, string environment = "test")
    {
        var credentials = new Dictionary<string, string>();
        if (apiKey is not null)
        {
            credentials["api_key"] = apiKey;
        }

        if (user is not null)
        {
            credentials["username"] = user;
            credentials["password"] = password ?? "";
        }

        return new($"conn_{Guid.NewGuid():N}", environment, new Dictionary<string, string> { ["base_url"] = baseUrl }, credentials);
    }

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

    public void Dispose() => services.Dispose();
}
