using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Http;
using Millwright.Connectors.Vendors.Odoo;
using Millwright.Sandbox.Odoo;
using Millwright.Server.Hosting.Modules;

using Millwright.Tests.Support;

namespace Millwright.Tests.Connectors.Vendors.Odoo;

/// <summary>The Odoo connector as the server composes it, with a recorder of the paths it calls.</summary>
internal sealed class OdooHarness : IDisposable
{
    private readonly ServiceProvider services;

    public OdooHarness()
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
        });
        collection.AddHttpClient(OdooApi.ClientName).AddHttpMessageHandler(() => new PathRecorder(Paths));
        services = collection.BuildServiceProvider();
        Connector = services.GetRequiredService<ConnectorRegistry>().Find("odoo")!;
    }

    public IConnector Connector { get; }

    /// <summary>Every path the connector called, in order.</summary>
    public ConcurrentQueue<string> Paths { get; } = new();

    public static ConnectionContext Connection(Uri baseUrl, string secret = OdooSandboxSettings.DemoApiKey, string database = OdooSandboxSettings.DemoDatabase,
        string login = OdooSandboxSettings.DemoLogin, string? protocol = null, string environment = "test")
    {
        var settings = new Dictionary<string, string> { ["base_url"] = baseUrl.ToString(), ["database"] = database };
        if (protocol is not null)
        {
            settings["protocol"] = protocol;
        }

        return new($"conn_{Guid.NewGuid():N}", environment, settings, new Dictionary<string, string> { ["login"] = login, ["api_key"] = secret });
    }

    public async Task<List<RawRecord>> ReadAllAsync(ConnectionContext connection, Entity entity, DateTimeOffset? modifiedSince = null, int pageSize = 100)
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

    private sealed class PathRecorder(ConcurrentQueue<string> paths) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            paths.Enqueue(request.RequestUri!.AbsolutePath);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
