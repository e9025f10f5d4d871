using System.Net;
using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Server.Features.Auth;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Connections;

public sealed class CurrentConnectionTests : IClassFixture<SharedHost>, IDisposable
{
    private readonly MillwrightHost host;
    private readonly HttpClient http;

    public CurrentConnectionTests(SharedHost shared)
    {
        host = shared.Server;
        http = host.Http();
    }

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task GetCurrentConnection_WithToken_ReturnsItsConnection()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account) { Status = ConnectionStatuses.Syncing }.AddAsync();
        await new ConnectionSeed(host, account).AddAsync();

        var connection = await new MillwrightClient(http, seeded.Token).GetCurrentConnectionAsync();

        Assert.Equal(seeded.Id, connection.Id);
        Assert.Equal("maintainx", connection.System);
        Assert.Equal(AccountEnvironments.Test, connection.Environment);
        Assert.Equal(ConnectionStatuses.Syncing, connection.Status);
        Assert.Equal(15, connection.SyncIntervalMinutes);
    }

    [Fact]
    public async Task GetCurrentConnection_SecretKeyWithHeader_ReturnsNamedConnection()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();

        var connection = await new MillwrightClient(http, account.TestSecretKey).ForConnection(seeded.Id).GetCurrentConnectionAsync();

        Assert.Equal(seeded.Id, connection.Id);
    }

    [Fact]
    public async Task GetCurrentConnection_SecretKeyWithoutHeader_Returns400ConnectionHeaderRequired()
    {
        var account = await host.CreateAccountAsync();
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(http, account.TestSecretKey).GetCurrentConnectionAsync());
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(ErrorCodes.ConnectionHeaderRequired, error.Code);
    }

    [Fact]
    public async Task GetCurrentConnection_LiveKeyNamingTestConnection_Returns404()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() =>
            new MillwrightClient(http, account.LiveSecretKey).ForConnection(seeded.Id).GetCurrentConnectionAsync());
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
    }
}
