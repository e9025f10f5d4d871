using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Millwright.Client.Errors;
using Millwright.Server.Features.Accounts;
using Millwright.Tests.Server.Connections;

namespace Millwright.Tests.Server.RateLimits;

/// <summary>Per-connection and per-account limits set through the API replace the installation's defaults.</summary>
public sealed class RateLimitSettingsTests(RateLimitHost host) : IClassFixture<RateLimitHost>
{
    [Fact]
    public async Task UpdateConnection_RateLimitPerMinute_AppliesFromNextRequest()
    {
        var account = await host.Server.CreateAccountAsync();
        var (id, token) = await new ConnectionSeed(host.Server, account).AddAsync();
        host.StartNewWindowAt(TimeSpan.FromSeconds(5));
        using var key = host.Server.Http(account.TestSecretKey);

        using var patched = await key.PatchAsJsonAsync($"/v1/connections/{id}", new { rate_limit_per_minute = 2 });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(2, JsonDocument.Parse(await patched.Content.ReadAsStringAsync()).RootElement.GetProperty("rate_limit_per_minute").GetInt32());

        using var http = host.Server.Http(token);
        using var first = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));
        using var second = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));
        using var third = await http.GetAsync(new Uri("/v1/connection", UriKind.Relative));

        Assert.Equal(2, Header(first, "X-RateLimit-Limit"));
        Assert.Equal(0, Header(second, "X-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(2, Header(third, "X-RateLimit-Limit"));
    }

    [Fact]
    public async Task UpdateConnection_RateLimitZero_ReturnsToDefault()
    {
        var account = await host.Server.CreateAccountAsync();
        var (id, token) = await new ConnectionSeed(host.Server, account).AddAsync();
        using var key = host.Server.Http(account.TestSecretKey);
        (await key.PatchAsJsonAsync($"/v1/connections/{id}", new { rate_limit_per_minute = 1 })).Dispose();

        using var reset = await key.PatchAsJsonAsync($"/v1/connections/{id}", new { rate_limit_per_minute = 0 });
        host.StartNewWindowAt(TimeSpan.FromSeconds(5));
        using var response = await host.Server.Http(token).GetAsync(new Uri("/v1/connection", UriKind.Relative));

        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(await reset.Content.ReadAsStringAsync()).RootElement.GetProperty("rate_limit_per_minute").ValueKind);
        Assert.Equal(RateLimitHost.ConnectionPerMinute, Header(response, "X-RateLimit-Limit"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_001)]
    public async Task UpdateConnection_RateLimitOutOfRange_Returns422NamingField(int limit)
    {
        var account = await host.Server.CreateAccountAsync();
        var (id, _) = await new ConnectionSeed(host.Server, account).AddAsync();
        using var key = host.Server.Http(account.TestSecretKey);

        using var response = await key.PatchAsJsonAsync($"/v1/connections/{id}", new { rate_limit_per_minute = limit });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(ErrorCodes.ValidationFailed, error.GetProperty("code").GetString());
        Assert.Equal("rate_limit_per_minute", error.GetProperty("details")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task UpdateAccount_RateLimitPerMinute_LimitsThatEnvironmentOnly()
    {
        var account = await host.Server.CreateAccountAsync();
        host.StartNewWindowAt(TimeSpan.FromSeconds(5));
        using var test = host.Server.Http(account.TestSecretKey);
        using var live = host.Server.Http(account.LiveSecretKey);

        using var patched = await test.PatchAsJsonAsync("/v1/account", new { rate_limit_per_minute = 2 });
        var settings = JsonDocument.Parse(await patched.Content.ReadAsStringAsync()).RootElement;
        using var second = await test.GetAsync(new Uri("/v1/account", UriKind.Relative));
        using var third = await test.GetAsync(new Uri("/v1/account", UriKind.Relative));
        using var liveResponse = await live.GetAsync(new Uri("/v1/account", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(2, settings.GetProperty("rate_limit_per_minute").GetInt32());
        Assert.False(settings.GetProperty("rate_limit_is_default").GetBoolean());
        Assert.Equal("test", settings.GetProperty("environment").GetString());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal(2, Header(third, "X-RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.OK, liveResponse.StatusCode);
        Assert.Equal(RateLimitHost.AccountPerMinute, Header(liveResponse, "X-RateLimit-Limit"));
        var liveSettings = JsonDocument.Parse(await liveResponse.Content.ReadAsStringAsync()).RootElement;
        Assert.True(liveSettings.GetProperty("rate_limit_is_default").GetBoolean());
    }

    [Fact]
    public async Task UpdateAccount_WithConnectionToken_Returns403()
    {
        var account = await host.Server.CreateAccountAsync();
        var (_, token) = await new ConnectionSeed(host.Server, account).AddAsync();

        using var response = await host.Server.Http(token).PatchAsJsonAsync("/v1/account", new { rate_limit_per_minute = 2 });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static int Header(HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), CultureInfo.InvariantCulture);
}
