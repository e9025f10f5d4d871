using System.Globalization;
using System.Net;
using System.Text.Json;
using Millwright.Client.Errors;
using Millwright.Server.Features.Auth;
using Millwright.Tests.Server.Connections;

namespace Millwright.Tests.Server.RateLimits;

public sealed class RateLimitTests(RateLimitHost host) : IClassFixture<RateLimitHost>
{
    [Fact]
    public async Task GetCurrentConnection_WithinLimit_HeadersCountDown()
    {
        var (_, token) = await SeedConnectionAsync(await host.Server.CreateAccountAsync());
        host.StartNewWindowAt(TimeSpan.FromSeconds(15));
        using var http = host.Server.Http(token);

        for (var expected = RateLimitHost.ConnectionPerMinute - 1; expected >= 0; expected--)
        {
            using var response = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(RateLimitHost.ConnectionPerMinute, Header(response, "X-RateLimit-Limit"));
            Assert.Equal(expected, Header(response, "X-RateLimit-Remaining"));
            Assert.Equal(45, Header(response, "X-RateLimit-Reset"));
        }
    }

    [Fact]
    public async Task GetCurrentConnection_OverConnectionLimit_Returns429WithRetryAfter()
    {
        var (_, token) = await SeedConnectionAsync(await host.Server.CreateAccountAsync());
        host.StartNewWindowAt(TimeSpan.FromSeconds(12.3));
        using var http = host.Server.Http(token);
        await SpendAsync(http, RateLimitHost.ConnectionPerMinute);

        using var response = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(48, Header(response, "Retry-After"));
        Assert.Equal(RateLimitHost.ConnectionPerMinute, Header(response, "X-RateLimit-Limit"));
        Assert.Equal(0, Header(response, "X-RateLimit-Remaining"));
        Assert.Equal(48, Header(response, "X-RateLimit-Reset"));
        Assert.True(response.Headers.Contains("X-Request-Id"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal(ErrorCodes.RateLimitExceeded, error.GetProperty("code").GetString());
        Assert.Equal(ErrorSource.Platform, error.GetProperty("source").GetString());
        Assert.Equal(48, error.GetProperty("retry_after").GetInt32());
    }

    [Fact]
    public async Task GetCurrentConnection_WaitingRetryAfter_GetsThrough()
    {
        var (_, token) = await SeedConnectionAsync(await host.Server.CreateAccountAsync());
        host.StartNewWindowAt(TimeSpan.FromSeconds(59.5));
        using var http = host.Server.Http(token);
        await SpendAsync(http, RateLimitHost.ConnectionPerMinute);
        using var refused = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = Header(refused, "Retry-After");
        Assert.Equal(1, retryAfter);

        host.Clock.Advance(TimeSpan.FromSeconds(retryAfter));
        using var response = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RateLimitHost.ConnectionPerMinute - 1, Header(response, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task GetCurrentConnection_WaitingLessThanRetryAfter_StillReturns429()
    {
        var (_, token) = await SeedConnectionAsync(await host.Server.CreateAccountAsync());
        host.StartNewWindowAt(TimeSpan.FromSeconds(30.2));
        using var http = host.Server.Http(token);
        await SpendAsync(http, RateLimitHost.ConnectionPerMinute);
        using var refused = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));
        var retryAfter = Header(refused, "Retry-After");
        Assert.Equal(30, retryAfter);

        host.Clock.Advance(TimeSpan.FromSeconds(retryAfter - 1));
        using var early = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));
        host.Clock.Advance(TimeSpan.FromSeconds(1));
        using var onTime = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        Assert.Equal(1, Header(early, "Retry-After"));
        Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
    }

    [Fact]
    public async Task GetCurrentConnection_TwoConnections_HaveSeparateBudgets()
    {
        var account = await host.Server.CreateAccountAsync();
        var (_, first) = await SeedConnectionAsync(account);
        var (_, second) = await SeedConnectionAsync(account);
        host.StartNewWindowAt(TimeSpan.FromSeconds(1));
        using var firstHttp = host.Server.Http(first);
        using var secondHttp = host.Server.Http(second);
        await SpendAsync(firstHttp, RateLimitHost.ConnectionPerMinute);
        using var refused = await firstHttp.GetAsync(new Uri("/v1/connection", UriKind.Relative));

        using var response = await secondHttp.GetAsync(new Uri("/v1/connection", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The account (5, four used) is now tighter than the second connection (3, one used).
        Assert.Equal(RateLimitHost.AccountPerMinute, Header(response, "X-RateLimit-Limit"));
        Assert.Equal(1, Header(response, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task GetCurrentConnection_SecretKeyWithHeader_DrawsOnConnectionBudget()
    {
        var account = await host.Server.CreateAccountAsync();
        var (id, token) = await SeedConnectionAsync(account);
        host.StartNewWindowAt(TimeSpan.FromSeconds(1));
        using var tokenHttp = host.Server.Http(token);
        await SpendAsync(tokenHttp, RateLimitHost.ConnectionPerMinute);
        using var keyHttp = host.Server.Http(account.TestSecretKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/connection", UriKind.Relative));
        request.Headers.Add(AuthExtensions.ConnectionHeader, id);

        using var response = await keyHttp.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(RateLimitHost.ConnectionPerMinute, Header(response, "X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Requests_AccountBudgetSpansConnections_Returns429AtAccountLimit()
    {
        var account = await host.Server.CreateAccountAsync();
        var (_, first) = await SeedConnectionAsync(account);
        var (_, second) = await SeedConnectionAsync(account);
        host.StartNewWindowAt(TimeSpan.FromSeconds(1));
        using var firstHttp = host.Server.Http(first);
        using var secondHttp = host.Server.Http(second);
        using var keyHttp = host.Server.Http(account.TestSecretKey);
        await SpendAsync(firstHttp, 2);
        await SpendAsync(secondHttp, 2);
        using var list = await keyHttp.GetAsync(new Uri("/v1/connections", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(RateLimitHost.AccountPerMinute, Header(list, "X-RateLimit-Limit"));
        Assert.Equal(0, Header(list, "X-RateLimit-Remaining"));

        using var response = await secondHttp.GetAsync(new Uri("/v1/connection", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(RateLimitHost.AccountPerMinute, Header(response, "X-RateLimit-Limit"));
        Assert.Equal(0, Header(response, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Requests_OtherAccount_HasItsOwnBudget()
    {
        var spent = await host.Server.CreateAccountAsync();
        var fresh = await host.Server.CreateAccountAsync();
        host.StartNewWindowAt(TimeSpan.FromSeconds(1));
        using var spentHttp = host.Server.Http(spent.TestSecretKey);
        using var freshHttp = host.Server.Http(fresh.TestSecretKey);
        for (var i = 0; i < RateLimitHost.AccountPerMinute; i++)
        {
            using var ok = await spentHttp.GetAsync(new Uri("/v1/connections", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await spentHttp.GetAsync(new Uri("/v1/connections", UriKind.Relative));
        using var response = await freshHttp.GetAsync(new Uri("/v1/connections", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(RateLimitHost.AccountPerMinute - 1, Header(response, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task GetCurrentConnection_ErrorResponse_CarriesRateLimitHeaders()
    {
        var account = await host.Server.CreateAccountAsync();
        host.StartNewWindowAt(TimeSpan.FromSeconds(20));
        using var http = host.Server.Http(account.TestSecretKey);

        using var response = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(RateLimitHost.AccountPerMinute, Header(response, "X-RateLimit-Limit"));
        Assert.Equal(RateLimitHost.AccountPerMinute - 1, Header(response, "X-RateLimit-Remaining"));
        Assert.Equal(40, Header(response, "X-RateLimit-Reset"));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs")]
    public async Task Get_NonApiPath_NotLimited(string path)
    {
        var account = await host.Server.CreateAccountAsync();
        host.StartNewWindowAt(TimeSpan.FromSeconds(1));
        using var http = host.Server.Http(account.TestSecretKey);

        for (var i = 0; i < RateLimitHost.AccountPerMinute + 2; i++)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
        }
    }

    [Fact]
    public async Task GetCurrentConnection_Anonymous_Returns401WithoutRateLimitHeaders()
    {
        using var http = host.Server.Http();

        using var response = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }

    private Task<(string Id, string Token)> SeedConnectionAsync(Millwright.Server.Features.Accounts.ProvisionedAccount account) =>
        new ConnectionSeed(host.Server, account).AddAsync();

    private static async Task SpendAsync(HttpClient http, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            using var response = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static int Header(HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);
}
