using System.Net;
using Millwright.Client;
using Millwright.Client.Errors;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Keys;

/// <summary><c>/v1/api-keys</c> through the SDK against the real server.</summary>
public sealed class ApiKeysTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly MillwrightHost host = shared.Server;

    [Fact]
    public async Task CreateApiKey_NewKeyWorksAndIsListedWithoutItsSecret()
    {
        var account = await host.CreateAccountAsync();
        var admin = new MillwrightClient(host.Http(), account.TestSecretKey);

        var created = await admin.CreateApiKeyAsync(new() { Name = "backend" });

        Assert.StartsWith("mw_test_sk_", created.Key);
        Assert.Equal("test", created.Environment);
        await new MillwrightClient(host.Http(), created.Key).ListConnectionsAsync();
        var listed = Assert.Single(await admin.ListApiKeysAsync(), k => k.Id == created.Id);
        Assert.Equal("backend", listed.Name);
        Assert.Equal(created.Key[..15] + "…", listed.Hint);
    }

    [Fact]
    public async Task RevokeApiKey_KeyStopsWorkingAtOnce()
    {
        var account = await host.CreateAccountAsync();
        var admin = new MillwrightClient(host.Http(), account.TestSecretKey);
        var created = await admin.CreateApiKeyAsync();

        await admin.RevokeApiKeyAsync(created.Id);

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(host.Http(), created.Key).ListConnectionsAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal(ErrorCodes.InvalidToken, error.Code);
        Assert.DoesNotContain(await admin.ListApiKeysAsync(), k => k.Id == created.Id);
        var again = await Assert.ThrowsAsync<MillwrightApiException>(() => admin.RevokeApiKeyAsync(created.Id));
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }

    [Fact]
    public async Task RevokeApiKey_ItsOwnKey_Returns409KeyInUse()
    {
        var account = await host.CreateAccountAsync();
        var admin = new MillwrightClient(host.Http(), account.TestSecretKey);
        var self = Assert.Single(await admin.ListApiKeysAsync());

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => admin.RevokeApiKeyAsync(self.Id));

        Assert.Equal(HttpStatusCode.Conflict, error.Status);
        Assert.Equal(ErrorCodes.KeyInUse, error.Code);
        await admin.ListApiKeysAsync();
    }

    [Fact]
    public async Task ApiKeys_TestKey_NeverSeesOrRevokesLiveKeys()
    {
        var account = await host.CreateAccountAsync();
        var test = new MillwrightClient(host.Http(), account.TestSecretKey);
        var live = new MillwrightClient(host.Http(), account.LiveSecretKey);
        var liveKey = await live.CreateApiKeyAsync(new() { Name = "live backend" });

        Assert.All(await test.ListApiKeysAsync(), k => Assert.Equal("test", k.Environment));
        Assert.StartsWith("mw_live_sk_", liveKey.Key);
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => test.RevokeApiKeyAsync(liveKey.Id));
        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        await new MillwrightClient(host.Http(), liveKey.Key).ListApiKeysAsync();
    }

    [Fact]
    public async Task CreateApiKey_NameTooLong_Returns422()
    {
        var account = await host.CreateAccountAsync();

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() =>
            new MillwrightClient(host.Http(), account.TestSecretKey).CreateApiKeyAsync(new() { Name = new string('k', 101) }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal("name", Assert.Single(error.Error!.Details!).Field);
    }

    [Fact]
    public async Task ApiKeys_ConnectionToken_Returns403()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new Connections.ConnectionSeed(host, account).AddAsync();

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(host.Http(), seeded.Token).ListApiKeysAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
    }
}
