using System.Net;
using Millwright.Client;
using Millwright.Client.Errors;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Dashboard;

/// <summary>Sign-in, the session cookie, CSRF refusal, environments and key revocation, over real HTTP.</summary>
public sealed class DashboardSecurityTests(SharedHost shared) : IClassFixture<SharedHost>
{
    private readonly MillwrightHost host = shared.Server;

    [Fact]
    public async Task SignIn_ValidKey_SetsHttpOnlyStrictSecureSessionCookieWithoutTheKey()
    {
        var account = await host.CreateAccountAsync();
        using var browser = new DashboardBrowserless(host.BaseAddress);

        using var response = await browser.SignInAsync(account.TestSecretKey);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(browser.SetCookieHeaders, h => h.StartsWith("mw_dashboard=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(account.TestSecretKey, string.Join("\n", browser.SetCookieHeaders), StringComparison.Ordinal);
        Assert.DoesNotContain(account.TestSecretKey[11..], browser.Cookies["mw_dashboard"], StringComparison.Ordinal);
        using var list = await browser.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("DENY", list.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task SignIn_WrongKey_Answers401PageAndNoSession()
    {
        using var browser = new DashboardBrowserless(host.BaseAddress);

        using var response = await browser.SignInAsync("mw_test_sk_" + new string('x', 43));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not an active secret key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(browser.Cookies.ContainsKey("mw_dashboard"));
    }

    [Fact]
    public async Task PostWithoutCsrfToken_SignedIn_Refused400AndNothingCreated()
    {
        var account = await host.CreateAccountAsync();
        using var browser = new DashboardBrowserless(host.BaseAddress);
        (await browser.SignInAsync(account.TestSecretKey)).Dispose();
        var keys = new MillwrightClient(host.Http(), account.TestSecretKey);
        var before = (await keys.ListApiKeysAsync()).Count;

        using var forged = await browser.PostFormAsync("/dashboard/keys", [new("name", "forged")]);
        using var wrongToken = await browser.PostFormAsync("/dashboard/keys", [new("_csrf", "CfDJ8-not-a-token"), new("name", "forged")]);

        foreach (var response in new[] { forged, wrongToken })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(ErrorCodes.CsrfTokenInvalid, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, (await keys.ListApiKeysAsync()).Count);
        var csrf = await browser.CsrfOfAsync("/dashboard/keys");
        using var genuine = await browser.PostFormAsync("/dashboard/keys", [new("_csrf", csrf), new("name", "genuine")]);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(before + 1, (await keys.ListApiKeysAsync()).Count);
    }

    [Fact]
    public async Task CsrfToken_OfAnotherSession_IsRefused()
    {
        var account = await host.CreateAccountAsync();
        using var first = new DashboardBrowserless(host.BaseAddress);
        using var second = new DashboardBrowserless(host.BaseAddress);
        (await first.SignInAsync(account.TestSecretKey)).Dispose();
        (await second.SignInAsync(account.TestSecretKey)).Dispose();
        var firstToken = await first.CsrfOfAsync("/dashboard/keys");
        second.Cookies["mw_csrf"] = first.Cookies["mw_csrf"];

        using var response = await second.PostFormAsync("/dashboard/keys", [new("_csrf", firstToken), new("name", "replayed")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Session_KeyRevoked_EndsTheSession()
    {
        var account = await host.CreateAccountAsync();
        var admin = new MillwrightClient(host.Http(), account.TestSecretKey);
        var extra = await admin.CreateApiKeyAsync(new() { Name = "dashboard" });
        using var browser = new DashboardBrowserless(host.BaseAddress);
        (await browser.SignInAsync(extra.Key)).Dispose();
        using (var before = await browser.GetAsync("/dashboard"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await admin.RevokeApiKeyAsync(extra.Id);

        using var after = await browser.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.SeeOther, after.StatusCode);
        Assert.Equal("/dashboard/sign-in", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Environments_TestSessionSeesNoLiveDataUntilALiveKeySignsIn()
    {
        var account = await host.CreateAccountAsync();
        var live = await new ConnectionSeed(host, account) { Environment = "live" }.AddAsync();
        var test = await new ConnectionSeed(host, account).AddAsync();
        using var browser = new DashboardBrowserless(host.BaseAddress);
        (await browser.SignInAsync(account.TestSecretKey)).Dispose();

        var testPage = await (await browser.GetAsync("/dashboard")).Content.ReadAsStringAsync();
        Assert.Contains(test.Id, testPage, StringComparison.Ordinal);
        Assert.DoesNotContain(live.Id, testPage, StringComparison.Ordinal);
        Assert.Contains("TEST DATA", testPage, StringComparison.Ordinal);
        using (var hidden = await browser.GetAsync($"/dashboard/connections/{live.Id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        var csrf = await browser.CsrfOfAsync("/dashboard");
        using (var locked = await browser.PostFormAsync("/dashboard/environment", [new("_csrf", csrf), new("environment", "live")]))
        {
            Assert.Equal("/dashboard/sign-in?environment=live", locked.Headers.Location!.OriginalString);
        }

        (await browser.SignInAsync(account.LiveSecretKey)).Dispose();
        var livePage = await (await browser.GetAsync("/dashboard")).Content.ReadAsStringAsync();
        Assert.Contains(live.Id, livePage, StringComparison.Ordinal);
        Assert.DoesNotContain(test.Id, livePage, StringComparison.Ordinal);
        Assert.Contains("LIVE DATA", livePage, StringComparison.Ordinal);

        csrf = await browser.CsrfOfAsync("/dashboard");
        (await browser.PostFormAsync("/dashboard/environment", [new("_csrf", csrf), new("environment", "test")])).Dispose();
        Assert.Contains(test.Id, await (await browser.GetAsync("/dashboard")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_WithoutSession_RedirectsToSignIn()
    {
        using var browser = new DashboardBrowserless(host.BaseAddress);
        browser.Cookies["mw_dashboard"] = "mw_test_ds_forged";

        using var response = await browser.GetAsync("/dashboard/keys");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/dashboard/sign-in", response.Headers.Location!.OriginalString);
    }
}
