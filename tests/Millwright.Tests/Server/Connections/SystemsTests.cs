using System.Net;
using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Connections;

public sealed class SystemsTests : IClassFixture<SharedHost>, IDisposable
{
    private readonly MillwrightHost host;
    private readonly HttpClient http;

    public SystemsTests(SharedHost shared)
    {
        host = shared.Server;
        http = host.Http();
    }

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task ListSystems_Always_DescribesMaintainXFromItsDescriptor()
    {
        var account = await host.CreateAccountAsync();
        var systems = await new MillwrightClient(http, account.TestSecretKey).ListSystemsAsync();

        var maintainx = Assert.Single(systems, s => s.Id == "maintainx");
        Assert.Equal("MaintainX", maintainx.Name);
        Assert.Equal("cmms", maintainx.Category);
        var apiKey = Assert.Single(maintainx.Fields, f => f.Name == "api_key");
        Assert.Equal(SystemFieldKinds.Credential, apiKey.Kind);
        Assert.True(apiKey.Required);
        Assert.True(apiKey.Secret);
        Assert.False(string.IsNullOrWhiteSpace(apiKey.Help));
        var baseUrl = Assert.Single(maintainx.Fields, f => f.Name == "base_url");
        Assert.Equal(SystemFieldKinds.Setting, baseUrl.Kind);
        Assert.Equal("https://api.getmaintainx.com/v1", baseUrl.Default);
        var workOrders = maintainx.Capabilities["work-orders"];
        Assert.Equal((true, true, true, true, true, true), (workOrders.Read, workOrders.Incremental, workOrders.Create, workOrders.Update, workOrders.Write, workOrders.Delete));
        Assert.Equal(["open", "in_progress", "on_hold", "completed", "cancelled"], workOrders.StatusTransitions);
        var sites = maintainx.Capabilities["sites"];
        Assert.Equal((true, false, false, false, false), (sites.Read, sites.Incremental, sites.Create, sites.Update, sites.Delete));
        var readings = maintainx.Capabilities["meter-readings"];
        Assert.Equal((false, true, false), (readings.Read, readings.Create, readings.Update));
        Assert.Equal(100, maintainx.RateLimit.RequestsPerMinute);
        Assert.Equal(maintainx, await new MillwrightClient(http, account.TestSecretKey).GetSystemAsync("maintainx"), SystemComparer.Instance);
    }

    [Theory]
    [InlineData("sap-s4hana")]
    [InlineData("ibm-maximo")]
    public async Task ListSystems_SapAndMaximo_SayPerEntityWhatTheyCreateUpdateAndNeverDelete(string system)
    {
        var account = await host.CreateAccountAsync();
        var described = Assert.Single(await new MillwrightClient(http, account.TestSecretKey).ListSystemsAsync(), s => s.Id == system);

        foreach (var entity in new[] { "work-orders", "maintenance-requests", "assets" })
        {
            var c = described.Capabilities[entity];
            Assert.Equal((true, true, true, false), (c.Read, c.Create, c.Update, c.Delete));
            Assert.NotEmpty(c.StatusTransitions!);
        }

        var purchaseOrders = described.Capabilities["purchase-orders"];
        Assert.Equal((true, false, false, false), (purchaseOrders.Read, purchaseOrders.Create, purchaseOrders.Update, purchaseOrders.Delete));
    }

    [Fact]
    public async Task GetSystem_Unknown_Returns404()
    {
        var account = await host.CreateAccountAsync();
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(http, account.TestSecretKey).GetSystemAsync("sap-r2"));
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
    }

    private sealed class SystemComparer : IEqualityComparer<SupportedSystem>
    {
        public static readonly SystemComparer Instance = new();

        public bool Equals(SupportedSystem? x, SupportedSystem? y) =>
            x is not null && y is not null && x.Id == y.Id
            && x.Fields.SequenceEqual(y.Fields)
            && System.Text.Json.JsonSerializer.Serialize(x.Capabilities.OrderBy(p => p.Key)) == System.Text.Json.JsonSerializer.Serialize(y.Capabilities.OrderBy(p => p.Key))
            && x.RateLimit == y.RateLimit;

        public int GetHashCode(SupportedSystem obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
