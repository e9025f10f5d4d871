using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;
using Millwright.Connectors.Vendors.Fiix;
using Millwright.Sandbox.Fiix;

namespace Millwright.Tests.Connectors.Vendors.Fiix;

/// <summary>The Fiix connector as the server composes it (shared upstream pipeline, real guarded transport).</summary>
internal sealed class FiixHarness : IDisposable
{
    private readonly ServiceProvider services;

    public FiixHarness()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddMillwrightConnectors();
        if (!collection.Any(d => d.ImplementationType?.Name == "FiixConnector"))
        {
            collection.AddFiix();
        }

        collection.Configure<UpstreamHttpOptions>(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxRateLimitRetryWait = TimeSpan.FromMilliseconds(50);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
        });
        services = collection.BuildServiceProvider();
        Connector = services.GetRequiredService<ConnectorRegistry>().Find(FiixSettings.SystemId)!;
    }

    public IConnector Connector { get; }

    public static ConnectionContext Connection(Uri tenantUrl, string appKey = FiixSandboxSettings.DemoAppKey, string accessKey = FiixSandboxSettings.DemoAccessKey,
        string secretKey = FiixSandboxSettings.DemoSecretKey, string environment = "test") =>
        new($"conn_{Guid.NewGuid():N}", environment, new Dictionary<string, string> { ["tenant_url"] = tenantUrl.ToString() },
            new Dictionary<string, string> { ["app_key"] = appKey, ["access_key"] = accessKey, ["secret_key"] = secretKey });

    public async Task<ConnectorResult<RawPage>> PageAsync(ConnectionContext connection, Entity entity, string? cursor = null, DateTimeOffset? since = null, int pageSize = 100) =>
        await Connector.ReadPageAsync(connection, new ReadRequest(entity, cursor, since, pageSize), CancellationToken.None);

    /// <summary>Every record of one entity, following the connector's cursors to the end.</summary>
    public async Task<List<RawRecord>> ReadAllAsync(ConnectionContext connection, Entity entity, DateTimeOffset? modifiedSince = null, int pageSize = 100)
    {
        var records = new List<RawRecord>();
        string? cursor = null;
        for (var page = 0; page < 10_000; page++)
        {
            var result = await PageAsync(connection, entity, cursor, modifiedSince, pageSize);
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
