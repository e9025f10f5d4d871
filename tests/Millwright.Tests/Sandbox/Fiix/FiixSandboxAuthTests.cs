using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Millwright.Sandbox.Fiix;

namespace Millwright.Tests.Sandbox.Fiix;

/// <summary>The signature check against an independent computation, and Fiix-shaped refusals (HTTP 200 + error).</summary>
public sealed class FiixSandboxAuthTests(FiixSandboxFixture fixture) : IClassFixture<FiixSandboxFixture>
{
    private static JsonObject Ping() => new() { ["_maCn"] = "RpcRequest", ["name"] = "Ping" };

    [Fact]
    public void Signature_MatchesAnHmacComputedFromSha256()
    {
        var url = "acme.macmms.com/api/?action=FindRequest&service=cmms&accessKey=a&appKey=b&timestamp=1515757287000&signatureVersion=1&signatureMethod=HmacSHA256";

        Assert.Equal(FiixTestClient.Hmac("secret", url), FxSignature.Compute("secret", url));
        // RFC 4231 test case 2: a known answer, so neither implementation can be wrong in the same way.
        Assert.Equal("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", FiixTestClient.Hmac("Jefe", "what do ya want for nothing?"));
    }

    [Fact]
    public async Task SignedRequest_InTheSdkParameterOrder_IsServed()
    {
        var response = await fixture.Client().SendAsync(Ping());

        Assert.Equal("RpcResponse", (string?)response["_maCn"]);
        Assert.Null(response["error"]);
        Assert.NotNull(response["object"]);
    }

    [Fact]
    public async Task ChangedUrlAfterSigning_OrWrongSecret_IsRefusedWithCode1302()
    {
        var client = fixture.Client();
        var reordered = await client.SendAsync(Ping(), url => url.Replace("&signatureVersion=1&signatureMethod=HmacSHA256", "&signatureMethod=HmacSHA256&signatureVersion=1", StringComparison.Ordinal));
        var otherHost = await client.SendAsync(Ping(), url => url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        var wrongSecret = await new FiixTestClient(fixture.Host.ApiUrl, fixture.Time) { SecretKey = "macmmsaskp-not-the-secret" }.SendAsync(Ping());
        var unsigned = await client.SendAsync(Ping(), signature: "");

        Assert.All(new[] { reordered, otherHost, wrongSecret, unsigned }, r =>
        {
            Assert.Equal("RpcResponse", (string?)r["_maCn"]);
            Assert.Equal(1302, (int)r["error"]!["code"]!);
            Assert.Equal("SERVER_REQUEST_RECEIVE", (string?)r["error"]!["leg"]);
        });
    }

    [Fact]
    public async Task UnknownKeys_AreRefusedByKind()
    {
        var app = await new FiixTestClient(fixture.Host.ApiUrl, fixture.Time) { AppKey = "macmmsackp-unknown" }.SendAsync(Ping());
        var access = await new FiixTestClient(fixture.Host.ApiUrl, fixture.Time) { AccessKey = "macmmsaakp-unknown" }.SendAsync(Ping());
        var revoked = await new FiixTestClient(fixture.Host.ApiUrl, fixture.Time) { AccessKey = FiixSandboxSettings.RevokedAccessKey }.SendAsync(Ping());

        Assert.Equal(1300, (int)app["error"]!["code"]!);
        Assert.Equal(1301, (int)access["error"]!["code"]!);
        Assert.Equal(1301, (int)revoked["error"]!["code"]!);
    }

    [Fact]
    public async Task StaleOrFutureTimestamp_IsRefusedWithCode1303()
    {
        var stale = await new FiixTestClient(fixture.Host.ApiUrl, fixture.Time) { Skew = TimeSpan.FromMinutes(-6) }.SendAsync(Ping());
        var future = await new FiixTestClient(fixture.Host.ApiUrl, fixture.Time) { Skew = TimeSpan.FromMinutes(6) }.SendAsync(Ping());
        var withinTolerance = await new FiixTestClient(fixture.Host.ApiUrl, fixture.Time) { Skew = TimeSpan.FromMinutes(-4) }.SendAsync(Ping());

        Assert.Equal(1303, (int)stale["error"]!["code"]!);
        Assert.Equal(1303, (int)future["error"]!["code"]!);
        Assert.Null(withinTolerance["error"]);
    }

    [Fact]
    public async Task Throttle_AnswersCode1100WithTheRetryAdvisory_UntilTheWindowResets()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await FiixSandboxHost.StartAsync(new FiixSandboxSettings { RequestsPerMinute = 2, WorkOrderCount = 10, AssetCount = 10 }, time);
        var client = new FiixTestClient(host.ApiUrl, time);

        Assert.Null((await client.SendAsync(Ping()))["error"]);
        Assert.Null((await client.SendAsync(Ping()))["error"]);
        time.Advance(TimeSpan.FromSeconds(20));
        var throttled = await client.SendAsync(Ping());
        time.Advance(TimeSpan.FromSeconds(41));
        var again = await client.SendAsync(Ping());

        Assert.Equal(1100, (int)throttled["error"]!["code"]!);
        Assert.Equal(40_000, (long)throttled["error"]!["object"]!["P_CLIENT_AUTO_RETRY_WAIT_ADVISORY_MS"]!);
        Assert.Null(again["error"]);
    }

    [Fact]
    public async Task ForcedThrottleAndServerFailure_AreFiixShaped()
    {
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await FiixSandboxHost.StartAsync(new FiixSandboxSettings { WorkOrderCount = 10, AssetCount = 10 }, time);
        var client = new FiixTestClient(host.ApiUrl, time);
        host.Sandbox.Faults.ForceStatus(429, 1, retryAfterSeconds: 3);
        var throttled = await client.SendAsync(Ping());
        host.Sandbox.Faults.ForceStatus(503, 1);
        using var http = new HttpClient();
        using var failed = await http.PostAsync(host.ApiUrl, new StringContent("{}"));

        Assert.Equal(1100, (int)throttled["error"]!["code"]!);
        Assert.Equal(3000, (long)throttled["error"]!["object"]!["P_CLIENT_AUTO_RETRY_WAIT_ADVISORY_MS"]!);
        Assert.Equal(503, (int)failed.StatusCode);
    }
}
