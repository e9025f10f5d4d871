using System.Net;
using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Server.Features.Auth;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Connections;

public sealed class ListConnectionsTests : IClassFixture<SharedHost>, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly MillwrightHost host;
    private readonly HttpClient http;

    public ListConnectionsTests(SharedHost shared)
    {
        host = shared.Server;
        http = host.Http();
    }

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task ListConnections_MoreThanOnePage_PagesNewestFirstUntilNullCursor()
    {
        var account = await host.CreateAccountAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await new ConnectionSeed(host, account) { CreatedAt = Start.AddMinutes(i) }.AddAsync()).Id);
        }

        var client = new MillwrightClient(http, account.TestSecretKey);
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await client.ListConnectionsAsync(new ListConnectionsOptions { Limit = 2, Cursor = cursor });
            Assert.True(page.Data.Count <= 2);
            seen.AddRange(page.Data.Select(c => c.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);
    }

    [Fact]
    public async Task ListConnections_SameCreationTime_PagesWithoutGapsOrRepeats()
    {
        var account = await host.CreateAccountAsync();
        var ids = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await new ConnectionSeed(host, account) { CreatedAt = Start }.AddAsync()).Id);
        }

        var client = new MillwrightClient(http, account.TestSecretKey);
        var first = await client.ListConnectionsAsync(new ListConnectionsOptions { Limit = 3 });
        var second = await client.ListConnectionsAsync(new ListConnectionsOptions { Limit = 3, Cursor = first.NextCursor });
        Assert.Null(second.NextCursor);
        Assert.Equal(ids.Order(), first.Data.Concat(second.Data).Select(c => c.Id).Order());
    }

    [Fact]
    public async Task ListConnections_Filters_ReturnOnlyMatches()
    {
        var account = await host.CreateAccountAsync();
        var plantA = await new ConnectionSeed(host, account) { Metadata = new Dictionary<string, string> { ["customer"] = "plant-a", ["tier"] = "gold" } }.AddAsync();
        await new ConnectionSeed(host, account) { Metadata = new Dictionary<string, string> { ["customer"] = "plant-b", ["tier"] = "gold" } }.AddAsync();
        // A value that contains the filter's text must not match: metadata filters compare whole values.
        await new ConnectionSeed(host, account) { Metadata = new Dictionary<string, string> { ["customer"] = "plant-a2" } }.AddAsync();
        var syncing = await new ConnectionSeed(host, account) { Status = ConnectionStatuses.Syncing, System = "maximo" }.AddAsync();

        var client = new MillwrightClient(http, account.TestSecretKey);
        var byMetadata = await client.ListConnectionsAsync(new ListConnectionsOptions
        {
            Metadata = new Dictionary<string, string> { ["customer"] = "plant-a", ["tier"] = "gold" },
        });
        Assert.Equal([plantA.Id], byMetadata.Data.Select(c => c.Id));
        Assert.Equal("plant-a", byMetadata.Data[0].Metadata["customer"]);

        var byStatus = await client.ListConnectionsAsync(new ListConnectionsOptions { Status = ConnectionStatuses.Syncing });
        Assert.Equal([syncing.Id], byStatus.Data.Select(c => c.Id));
        var bySystem = await client.ListConnectionsAsync(new ListConnectionsOptions { System = "maximo" });
        Assert.Equal([syncing.Id], bySystem.Data.Select(c => c.Id));
        Assert.Equal(3, (await client.ListConnectionsAsync(new ListConnectionsOptions { System = "maintainx" })).Data.Count);
    }

    [Fact]
    public async Task ListConnections_CursorUsedWithOtherFilters_Returns400InvalidCursor()
    {
        var account = await host.CreateAccountAsync();
        for (var i = 0; i < 2; i++)
        {
            await new ConnectionSeed(host, account).AddAsync();
        }

        var client = new MillwrightClient(http, account.TestSecretKey);
        var page = await client.ListConnectionsAsync(new ListConnectionsOptions { Limit = 1 });
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() =>
            client.ListConnectionsAsync(new ListConnectionsOptions { Limit = 1, Cursor = page.NextCursor, Status = ConnectionStatuses.Active }));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(ErrorCodes.InvalidCursor, error.Code);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("status=sleeping", "status")]
    public async Task ListConnections_BadQuery_Returns400NamingTheParameter(string query, string parameter)
    {
        var account = await host.CreateAccountAsync();
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() =>
            new MillwrightClient(http, account.TestSecretKey).SendAsync<object>(HttpMethod.Get, "v1/connections?" + query));
        Assert.Equal(ErrorCodes.InvalidQueryParameter, error.Code);
        Assert.Equal(parameter, Assert.Single(error.Error!.Details!).Field);
    }

    [Fact]
    public async Task ListAndGet_OtherEnvironmentOrAccount_NeverSeeTheConnection()
    {
        var account = await host.CreateAccountAsync();
        var other = await host.CreateAccountAsync("Other Inc");
        var test = await new ConnectionSeed(host, account).AddAsync();
        var live = await new ConnectionSeed(host, account) { Environment = AccountEnvironments.Live }.AddAsync();

        var testClient = new MillwrightClient(http, account.TestSecretKey);
        var liveClient = new MillwrightClient(http, account.LiveSecretKey);
        var otherClient = new MillwrightClient(http, other.TestSecretKey);

        Assert.Equal([test.Id], (await testClient.ListConnectionsAsync()).Data.Select(c => c.Id));
        Assert.Equal([live.Id], (await liveClient.ListConnectionsAsync()).Data.Select(c => c.Id));
        Assert.Empty((await otherClient.ListConnectionsAsync()).Data);
        Assert.Equal(AccountEnvironments.Live, (await liveClient.GetConnectionAsync(live.Id)).Environment);

        foreach (var (client, id) in new[] { (liveClient, test.Id), (testClient, live.Id), (otherClient, test.Id) })
        {
            var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.GetConnectionAsync(id));
            Assert.Equal(HttpStatusCode.NotFound, error.Status);
            Assert.Equal(ErrorCodes.NotFound, error.Code);
        }
    }

    [Fact]
    public async Task GetConnection_Always_ReturnsSettingsButNeverCredentials()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/connections/{seeded.Id}");
        request.Headers.Authorization = new("Bearer", account.TestSecretKey);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"base_url\"", body);
        Assert.DoesNotContain("credentials", body);
        Assert.DoesNotContain("seeded-secret", body);
    }

    [Fact]
    public async Task ListConnections_WithConnectionToken_Returns403Forbidden()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(http, seeded.Token).ListConnectionsAsync());
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Equal(ErrorCodes.Forbidden, error.Code);
    }
}
