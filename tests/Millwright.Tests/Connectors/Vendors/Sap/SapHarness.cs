using Microsoft.Extensions.DependencyInjection;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;
using Millwright.Connectors.Vendors.Sap;
using Millwright.Sandbox.Sap;

namespace Millwright.Tests.Connectors.Vendors.Sap;

/// <summary>The SAP connector as the server composes it (AddMillwrightConnectors), with the real guarded transport.</summary>
internal sealed class SapHarness : IDisposable
{
    private readonly ServiceProvider services;

    /// <param name="interceptor">The innermost handler, for write tests that act between the connector's calls.</param>
    public SapHarness(WriteInterceptor? interceptor = null, TimeSpan? attemptTimeout = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddMillwrightConnectors();
        collection.Configure<UpstreamHttpOptions>(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxRateLimitRetryWait = TimeSpan.FromMilliseconds(50);
            o.AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10);
        });
        if (interceptor is not null)
        {
            collection.AddHttpClient(SapApi.ClientName).AddHttpMessageHandler(() => interceptor).SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }

        services = collection.BuildServiceProvider();
        Connector = services.GetRequiredService<ConnectorRegistry>().Find("sap-s4hana")!;
    }

    public IConnector Connector { get; }

    public static ConnectionContext Connection(string baseUrl, string environment = "test", string? client = SapSandboxSettings.Client,
        string user = SapSandboxSettings.DemoUser, string password = SapSandboxSettings.DemoPassword)
    {
        var settings = new Dictionary<string, string> { ["base_url"] = baseUrl };
        if (client is not null)
        {
            settings["sap_client"] = client;
        }

        return new($"conn_{Guid.NewGuid():N}", environment, settings, new Dictionary<string, string> { ["username"] = user, ["password"] = password });
    }

    /// <summary>Every record of one entity, following the connector's cursors to the end; also counts the pages.</summary>
    public async Task<(List<RawRecord> Records, int Pages)> ReadAllAsync(ConnectionContext connection, Millwright.Client.Models.Entity entity,
        DateTimeOffset? modifiedSince = null)
    {
        var records = new List<RawRecord>();
        string? cursor = null;
        for (var page = 1; page < 10_000; page++)
        {
            var result = await Connector.ReadPageAsync(connection, new ReadRequest(entity, cursor, modifiedSince, 100), CancellationToken.None);
            Assert.True(result.IsSuccess, $"{entity} page {page}: {result.Failure?.Message}");
            records.AddRange(result.Value!.Records);
            cursor = result.Value.NextCursor;
            if (cursor is null)
            {
                return (records, page);
            }
        }

        throw new InvalidOperationException("The read did not end.");
    }

    public void Dispose() => services.Dispose();
}
