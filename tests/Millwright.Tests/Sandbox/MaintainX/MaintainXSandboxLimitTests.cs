using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.MaintainX;

namespace Millwright.Tests.Sandbox.MaintainX;

/// <summary>Rate limits and fault knobs; each test starts its own sandbox so counters and knobs are its own.</summary>
public sealed class MaintainXSandboxLimitTests
{
    private static async Task<SandboxHost<MaintainXSandbox>> StartAsync(FakeTimeProvider time, int perMinute = 100) =>
        await SandboxHost.StartAsync(new MaintainXSandboxModule(), new MaintainXSandboxSettings { RequestsPerMinute = perMinute, WorkOrderCount = 50 }, time);

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    [Fact]
    public async Task List_Always_CarriesRateLimitHeaders()
    {
        var time = new FakeTimeProvider(MaintainXSandboxFixture.Start);
        await using var host = await StartAsync(time);
        using var client = host.CreateClient();
        using var first = await client.GetAsync("teams");
        Assert.Equal("100", Header(first, "X-Rate-Limit-Limit"));
        Assert.Equal("99", Header(first, "X-Rate-Limit-Remaining"));
        Assert.Equal("60", Header(first, "X-Rate-Limit-Reset"));
        time.Advance(TimeSpan.FromSeconds(15));
        using var second = await client.GetAsync("teams");
        Assert.Equal("98", Header(second, "X-Rate-Limit-Remaining"));
        Assert.Equal("45", Header(second, "X-Rate-Limit-Reset"));
    }

    [Fact]
    public async Task List_BeyondLimit_Returns429UntilTheWindowResets()
    {
        var time = new FakeTimeProvider(MaintainXSandboxFixture.Start);
        await using var host = await StartAsync(time);
        using var client = host.CreateClient();
        for (var i = 0; i < 100; i++)
        {
            using var ok = await client.GetAsync("teams");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        time.Advance(TimeSpan.FromSeconds(20));
        using var refused = await client.GetAsync("teams");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("0", Header(refused, "X-Rate-Limit-Remaining"));
        Assert.Equal("Too many requests. Please retry in 40 seconds", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]);

        using var otherKey = host.CreateClient(MaintainXSandboxSettings.MultiOrgApiKey);
        using var other = await otherKey.GetAsync("organizations");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        time.Advance(TimeSpan.FromSeconds(40));
        using var again = await client.GetAsync("teams");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("99", Header(again, "X-Rate-Limit-Remaining"));
    }

    [Fact]
    public async Task List_ConfiguredLimit_IsAdvertisedAndEnforced()
    {
        var time = new FakeTimeProvider(MaintainXSandboxFixture.Start);
        await using var host = await StartAsync(time, perMinute: 3);
        using var client = host.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("teams");
            Assert.Equal("3", Header(ok, "X-Rate-Limit-Limit"));
        }

        using var refused = await client.GetAsync("teams");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task ForceStatus_NextTwoRequests_FailThenRecover()
    {
        var time = new FakeTimeProvider(MaintainXSandboxFixture.Start);
        await using var host = await StartAsync(time);
        using var client = host.CreateClient();
        host.Sandbox.Faults.ForceStatus(500, 2);
        using var first = await client.GetAsync("teams");
        using var second = await client.GetAsync("teams");
        using var third = await client.GetAsync("teams");
        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal("Internal server error.", (string?)JsonNode.Parse(await first.Content.ReadAsStringAsync())!["error"]);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task FaultsEndpoint_Forced429_AnswersLikeTheRateLimiter()
    {
        var time = new FakeTimeProvider(MaintainXSandboxFixture.Start);
        await using var host = await StartAsync(time);
        using var admin = new HttpClient { BaseAddress = host.AdminBaseUrl };
        using var set = await admin.SendJsonAsync(HttpMethod.Post, "faults", new { force_status = 429, force_status_count = 1 });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using var client = host.CreateClient();
        using var refused = await client.GetAsync("teams");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("0", Header(refused, "X-Rate-Limit-Remaining"));
        Assert.StartsWith("Too many requests. Please retry in ", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"], StringComparison.Ordinal);
        using var ok = await client.GetAsync("teams");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task FaultsEndpoint_ErrorRateOneThenReset_FailsThenSucceeds()
    {
        var time = new FakeTimeProvider(MaintainXSandboxFixture.Start);
        await using var host = await StartAsync(time);
        using var admin = new HttpClient { BaseAddress = host.AdminBaseUrl };
        using var client = host.CreateClient();
        (await admin.SendJsonAsync(HttpMethod.Post, "faults", new { error_rate = 1.0 })).Dispose();
        using var failed = await client.GetAsync("teams");
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        (await admin.DeleteAsync("faults")).Dispose();
        using var ok = await client.GetAsync("teams");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task FaultsEndpoint_RevokeKey_Returns401ForThatKeyOnly()
    {
        var time = new FakeTimeProvider(MaintainXSandboxFixture.Start);
        await using var host = await StartAsync(time);
        using var admin = new HttpClient { BaseAddress = host.AdminBaseUrl };
        (await admin.SendJsonAsync(HttpMethod.Post, "faults", new { revoke_key = MaintainXSandboxSettings.DemoApiKey })).Dispose();
        using var revoked = host.CreateClient();
        using var refused = await revoked.GetAsync("teams");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var other = host.CreateClient(MaintainXSandboxSettings.MultiOrgApiKey);
        using var ok = await other.GetAsync("organizations");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task FaultsEndpoint_Latency_DelaysResponses()
    {
        var time = new FakeTimeProvider(MaintainXSandboxFixture.Start);
        await using var host = await StartAsync(time);
        using var admin = new HttpClient { BaseAddress = host.AdminBaseUrl };
        using var set = await admin.SendJsonAsync(HttpMethod.Post, "faults", new { latency_ms = 300 });
        Assert.Equal(300, (int)JsonNode.Parse(await set.Content.ReadAsStringAsync())!["latency_ms"]!);
        using var client = host.CreateClient();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await client.GetAsync("teams");
        Assert.True(watch.ElapsedMilliseconds >= 290, $"Answered after {watch.ElapsedMilliseconds} ms.");
    }

    [Fact]
    public async Task FaultsEndpoint_InvalidKnob_Returns400()
    {
        var time = new FakeTimeProvider(MaintainXSandboxFixture.Start);
        await using var host = await StartAsync(time);
        using var admin = new HttpClient { BaseAddress = host.AdminBaseUrl };
        using var response = await admin.SendJsonAsync(HttpMethod.Post, "faults", new { error_rate = 2.0 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var unknown = await admin.SendJsonAsync(HttpMethod.Post, "faults", new { explode = true });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
