using System.Net;
using System.Text.RegularExpressions;
using Millwright.Client;
using Millwright.Client.Errors;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Dashboard;

/// <summary>The dashboard's rotate buttons: keys (including the one signed in with) and connection tokens.</summary>
public sealed partial class DashboardRotationTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly MillwrightHost host = shared.Server;

    [Fact]
    public async Task RotateOwnKey_GraceZero_ShowsTheSuccessorOnce_OldKeyStops_SessionFollows()
    {
        var account = await host.CreateAccountAsync();
        using var browser = new DashboardBrowserless(host.BaseAddress);
        (await browser.SignInAsync(account.TestSecretKey)).Dispose();
        var keyId = Assert.Single(await new MillwrightClient(host.Http(), account.TestSecretKey).ListApiKeysAsync()).Id;
        var csrf = await browser.CsrfOfAsync("/dashboard/keys");

        using var rotated = await browser.PostFormAsync($"/dashboard/keys/{keyId}/rotate", [new("_csrf", csrf), new("grace_period_seconds", "0")]);
        var html = await rotated.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var successor = SecretKey().Match(html).Value;
        Assert.NotEqual(account.TestSecretKey, successor);
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(host.Http(), account.TestSecretKey).ListApiKeysAsync());
        Assert.Equal(ErrorCodes.InvalidToken, error.Code);
        var successorId = Assert.Single(await new MillwrightClient(host.Http(), successor).ListApiKeysAsync()).Id;
        using var keys = await browser.GetAsync("/dashboard/keys");
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Contains($"data-key-id=\"{successorId}\"", await keys.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateConnectionToken_FromTheConnectionPage_KeepsTheOldTokenForTheGracePeriod()
    {
        var account = await host.CreateAccountAsync();
        var (connectionId, token) = await new Connections.ConnectionSeed(host, account).AddAsync();
        using var browser = new DashboardBrowserless(host.BaseAddress);
        (await browser.SignInAsync(account.TestSecretKey)).Dispose();
        var admin = new MillwrightClient(host.Http(), account.TestSecretKey);
        var tokenId = Assert.Single((await admin.ListConnectionTokensAsync(connectionId)).Data).Id;
        var page = $"/dashboard/connections/{connectionId}";
        using (var detail = await browser.GetAsync(page))
        {
            Assert.Contains($"{page}/tokens/{tokenId}/rotate", await detail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var csrf = await browser.CsrfOfAsync(page);
        using var rotated = await browser.PostFormAsync($"{page}/tokens/{tokenId}/rotate", [new("_csrf", csrf), new("grace_period_seconds", "3600")]);
        var successor = ConnectionToken().Match(await rotated.Content.ReadAsStringAsync()).Value;

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(connectionId, (await new MillwrightClient(host.Http(), successor).GetCurrentConnectionAsync()).Id);
        Assert.Equal(connectionId, (await new MillwrightClient(host.Http(), token).GetCurrentConnectionAsync()).Id);
        var listed = (await admin.ListConnectionTokensAsync(connectionId)).Data;
        Assert.NotNull(Assert.Single(listed, t => t.Id == tokenId).ExpiresAt);
    }

    [GeneratedRegex(@"mw_test_sk_[0-9A-Za-z]{49}")]
    private static partial Regex SecretKey();

    [GeneratedRegex(@"mw_test_ct_[0-9A-Za-z]{49}")]
    private static partial Regex ConnectionToken();
}
