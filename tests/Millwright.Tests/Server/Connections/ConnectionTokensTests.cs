using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Connections;

public sealed class ConnectionTokensTests : IClassFixture<SharedHost>, IDisposable
{
    private readonly MillwrightHost host;
    private readonly HttpClient http;

    public ConnectionTokensTests(SharedHost shared)
    {
        host = shared.Server;
        http = host.Http();
    }

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task CreateConnectionToken_Defaults_IssuesReadWriteTokenThatWorks()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();
        var keyClient = new MillwrightClient(http, account.TestSecretKey);

        var token = await keyClient.CreateConnectionTokenAsync(seeded.Id, new CreateConnectionTokenRequest { Name = "erp-sync" });

        Assert.StartsWith("mw_test_ct_", token.Token);
        Assert.StartsWith("tok_", token.Id);
        Assert.Equal("erp-sync", token.Name);
        Assert.Equal([TokenScopes.Read, TokenScopes.Write], token.Scopes);
        Assert.Null(token.ExpiresAt);
        Assert.Equal(seeded.Id, (await new MillwrightClient(http, token.Token).GetCurrentConnectionAsync()).Id);
    }

    [Fact]
    public async Task ListConnectionTokens_Always_ShowsHintNeverToken()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();
        var keyClient = new MillwrightClient(http, account.TestSecretKey);
        var token = await keyClient.CreateConnectionTokenAsync(seeded.Id);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/connections/{seeded.Id}/tokens");
        request.Headers.Authorization = new("Bearer", account.TestSecretKey);
        using var response = await http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token.Token, raw);
        Assert.DoesNotContain(seeded.Token, raw);

        var listed = await keyClient.ListConnectionTokensAsync(seeded.Id);
        Assert.Equal(2, listed.Data.Count);
        var mine = Assert.Single(listed.Data, t => t.Id == token.Id);
        Assert.StartsWith(mine.Hint.TrimEnd('…'), token.Token, StringComparison.Ordinal);
        Assert.Equal(token.CreatedAt, mine.CreatedAt);
    }

    [Fact]
    public async Task RevokeConnectionToken_NextCall_Returns401AndOthersKeepWorking()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();
        var keyClient = new MillwrightClient(http, account.TestSecretKey);
        var token = await keyClient.CreateConnectionTokenAsync(seeded.Id);
        var tokenClient = new MillwrightClient(http, token.Token);
        await tokenClient.GetCurrentConnectionAsync();

        await keyClient.RevokeConnectionTokenAsync(seeded.Id, token.Id);

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => tokenClient.GetCurrentConnectionAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal(ErrorCodes.InvalidToken, error.Code);
        Assert.DoesNotContain((await keyClient.ListConnectionTokensAsync(seeded.Id)).Data, t => t.Id == token.Id);
        await new MillwrightClient(http, seeded.Token).GetCurrentConnectionAsync();

        var again = await Assert.ThrowsAsync<MillwrightApiException>(() => keyClient.RevokeConnectionTokenAsync(seeded.Id, token.Id));
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }

    [Fact]
    public async Task CreateConnectionToken_ReadScopeOnly_IsStoredAndReturned()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();
        var keyClient = new MillwrightClient(http, account.TestSecretKey);

        var token = await keyClient.CreateConnectionTokenAsync(seeded.Id, new CreateConnectionTokenRequest { Scopes = [TokenScopes.Read] });

        Assert.Equal([TokenScopes.Read], token.Scopes);
        Assert.Equal([TokenScopes.Read], (await keyClient.ListConnectionTokensAsync(seeded.Id)).Data.Single(t => t.Id == token.Id).Scopes);
        Assert.Equal(seeded.Id, (await new MillwrightClient(http, token.Token).GetCurrentConnectionAsync()).Id);
    }

    [Fact]
    public async Task CreateConnectionToken_BadScopesOrPastExpiry_Returns422NamingEachField()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();
        var keyClient = new MillwrightClient(http, account.TestSecretKey);

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => keyClient.CreateConnectionTokenAsync(seeded.Id, new CreateConnectionTokenRequest
        {
            Scopes = [TokenScopes.Read, "admin"],
            ExpiresAt = DateTimeOffset.UnixEpoch,
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(["expires_at", "scopes[1]"], error.Error!.Details!.Select(d => d.Field).Order(StringComparer.Ordinal));
        Assert.Single((await keyClient.ListConnectionTokensAsync(seeded.Id)).Data);
    }

    [Fact]
    public async Task CreateConnectionToken_UnknownMember_Returns400InvalidJsonWithoutInternals()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/connections/{seeded.Id}/tokens")
        {
            Content = JsonContent.Create(new { name = "x", scope = "read" }),
        };
        request.Headers.Authorization = new("Bearer", account.TestSecretKey);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<ErrorEnvelope>(Client.Models.MillwrightJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ErrorCodes.InvalidJson, body!.Error.Code);
        Assert.Contains("scope", body.Error.Message);
        Assert.DoesNotContain("Millwright.", body.Error.Message);
    }

    [Fact]
    public async Task TokenEndpoints_ConnectionOfOtherEnvironment_Return404()
    {
        var account = await host.CreateAccountAsync();
        var seeded = await new ConnectionSeed(host, account).AddAsync();
        var liveClient = new MillwrightClient(http, account.LiveSecretKey);

        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<MillwrightApiException>(() => liveClient.CreateConnectionTokenAsync(seeded.Id))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<MillwrightApiException>(() => liveClient.ListConnectionTokensAsync(seeded.Id))).Status);
        var tokens = await new MillwrightClient(http, account.TestSecretKey).ListConnectionTokensAsync(seeded.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<MillwrightApiException>(() => liveClient.RevokeConnectionTokenAsync(seeded.Id, tokens.Data[0].Id))).Status);
        await new MillwrightClient(http, seeded.Token).GetCurrentConnectionAsync();
    }

    [Fact]
    public async Task ConnectionToken_PastExpiry_Returns401()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        using var timed = new MillwrightHost(time: clock);
        using var timedHttp = timed.Http();
        var account = await timed.CreateAccountAsync();
        var seeded = await new ConnectionSeed(timed, account).AddAsync();
        var keyClient = new MillwrightClient(timedHttp, account.TestSecretKey);
        var token = await keyClient.CreateConnectionTokenAsync(seeded.Id, new CreateConnectionTokenRequest { ExpiresAt = clock.GetUtcNow().AddHours(1) });
        var tokenClient = new MillwrightClient(timedHttp, token.Token);
        Assert.Equal(clock.GetUtcNow().AddHours(1), token.ExpiresAt);

        clock.Advance(TimeSpan.FromMinutes(59));
        await tokenClient.GetCurrentConnectionAsync();

        clock.Advance(TimeSpan.FromMinutes(1));
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => tokenClient.GetCurrentConnectionAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal(ErrorCodes.InvalidToken, error.Code);
    }
}
