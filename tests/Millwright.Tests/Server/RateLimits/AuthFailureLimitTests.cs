using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client;
using Millwright.Client.Audit;
using Millwright.Client.Errors;
using Millwright.Server.Features.Auth;
using Millwright.Server.Persistence;
using Millwright.Tests.Server.Dashboard;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.RateLimits;

/// <summary>Brute force: failed bearer authentication and dashboard sign-ins are limited per client address (and per account for sign-in).</summary>
public sealed class AuthFailureLimitTests
{
    // The SDK honours a 429's Retry-After (up to 120 s) on the real clock while the server's fake clock stands
    // still: with retries a refused call waits minutes, and on Redis (whose keys expire in real time) a retry
    // can even get through once the counter key has expired. The 429 itself is what these tests check.
    private static readonly MillwrightClientOptions NoRetries = new() { MaxAttempts = 1 };

    [Fact]
    public async Task BearerFailures_OverTheLimit_Return429WithRetryAfter_EvenForAValidKey_UntilTheMinuteEnds()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 15, TimeSpan.Zero));
        using var host = new MillwrightHost(new Dictionary<string, string?> { ["Millwright:RateLimits:FailedAuthPerAddressPerMinute"] = "5" }, time: clock);
        var account = await host.CreateAccountAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var http = host.Http(BearerSecrets.New("test", BearerSecrets.SecretKeyKind));
            using var response = await http.GetAsync(new Uri("/v1/connections", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        using var limited = await host.Http("mw_test_sk_guess").GetAsync(new Uri("/v1/connections", UriKind.Relative));
        var withValidKey = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(host.Http(), account.TestSecretKey, NoRetries).ListApiKeysAsync());

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(45), limited.Headers.RetryAfter?.Delta);
        Assert.Contains(ErrorCodes.RateLimitExceeded, await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, withValidKey.Status);
        Assert.Equal(ErrorCodes.RateLimitExceeded, withValidKey.Code);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var burst = await scope.ServiceProvider.GetRequiredService<MillwrightDb>().AuditEvents.AsNoTracking()
                .SingleAsync(e => e.Type == AuditEventTypes.AuthFailuresLimited);
            Assert.Null(burst.AccountId);
            Assert.Equal("127.0.0.1", burst.SubjectId);
            Assert.StartsWith("req_", burst.RequestId);
        }

        clock.Advance(TimeSpan.FromSeconds(45));
        await new MillwrightClient(host.Http(), account.TestSecretKey).ListApiKeysAsync();
    }

    [Fact]
    public async Task SignInFailures_OverTheAddressLimit_Return429_EvenWithTheRightKey()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 50, TimeSpan.Zero));
        using var host = new MillwrightHost(new Dictionary<string, string?> { ["Millwright:RateLimits:FailedSignInPerAddressPerMinute"] = "3" }, time: clock);
        var account = await host.CreateAccountAsync();
        using var browser = new DashboardBrowserless(host.BaseAddress);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var failed = await browser.SignInAsync(BearerSecrets.New("test", BearerSecrets.SecretKeyKind));
            statuses.Add(failed.StatusCode);
        }

        using var limited = await browser.SignInAsync(account.TestSecretKey);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), limited.Headers.RetryAfter?.Delta);
        Assert.Contains(ErrorCodes.RateLimitExceeded, await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromSeconds(10));
        using var later = await browser.SignInAsync(account.TestSecretKey);
        Assert.Equal(HttpStatusCode.SeeOther, later.StatusCode);
    }

    [Fact]
    public async Task SignInFailures_FromASessionOfTheAccount_CountAgainstTheAccountAndAreAudited()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        using var host = new MillwrightHost(new Dictionary<string, string?>
        {
            ["Millwright:RateLimits:FailedSignInPerAccountPerMinute"] = "2",
            ["Millwright:RateLimits:FailedSignInPerAddressPerMinute"] = "100",
        }, time: clock);
        var account = await host.CreateAccountAsync();
        using var browser = new DashboardBrowserless(host.BaseAddress);
        (await browser.SignInAsync(account.TestSecretKey)).Dispose();

        for (var i = 0; i < 2; i++)
        {
            using var guess = await browser.SignInAsync(BearerSecrets.New("live", BearerSecrets.SecretKeyKind));
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        using var limited = await browser.SignInAsync(account.LiveSecretKey);
        using var otherBrowser = new DashboardBrowserless(host.BaseAddress);
        using var elsewhere = await otherBrowser.SignInAsync(account.LiveSecretKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        // The account partition counts attempts made from its sessions; a fresh browser is not one.
        Assert.Equal(HttpStatusCode.SeeOther, elsewhere.StatusCode);
        var test = await new MillwrightClient(host.Http(), account.TestSecretKey).ListAuditEventsAsync(new() { Type = "dashboard.*" });
        var live = await new MillwrightClient(host.Http(), account.LiveSecretKey).ListAuditEventsAsync(new() { Type = AuditEventTypes.DashboardSignInLimited });
        Assert.Contains(test.Data, e => e.Type == AuditEventTypes.DashboardSignInLimited && e.Details["limited"] == "account");
        Assert.Contains(test.Data, e => e.Type == AuditEventTypes.DashboardSignedIn && e.ActorType == "secret_key");
        Assert.Single(live.Data);
    }

    [RedisFact]
    public async Task BearerFailures_OnOneNode_LimitTheAddressOnAnotherSharingRedis()
    {
        // A minute of its own far from other tests' clocks: the Redis server is shared by every test run.
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(1_000_000)));
        var settings = new Dictionary<string, string?>
        {
            ["MILLWRIGHT_REDIS"] = RedisFactAttribute.ConnectionString,
            ["Millwright:RateLimits:FailedAuthPerAddressPerMinute"] = "3",
        };
        using var first = new MillwrightHost(settings, time: clock);
        using var second = new MillwrightHost(settings, dataDirectory: first.DataDirectory, time: clock);
        var account = await first.CreateAccountAsync();

        for (var i = 0; i < 3; i++)
        {
            using var failed = await first.Http(BearerSecrets.New("test", BearerSecrets.ConnectionTokenKind)).GetAsync(new Uri("/v1/connection", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        var onSecond = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(second.Http(), account.TestSecretKey, NoRetries).ListApiKeysAsync());

        Assert.Equal(HttpStatusCode.TooManyRequests, onSecond.Status);
        Assert.NotNull(onSecond.Error?.RetryAfter);
    }
}
