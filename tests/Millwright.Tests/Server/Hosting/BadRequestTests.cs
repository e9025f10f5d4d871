using System.Net;
using System.Net.Http.Json;
using System.Text;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Hosting;

/// <summary>Bad input of every kind gets the envelope with a code and the request id — never a bare status or a 500.</summary>
public sealed class BadRequestTests : IClassFixture<SharedHost>
{
    private readonly SharedHost host;

    public BadRequestTests(SharedHost host) => this.host = host;

    [Fact]
    public async Task WrongMethod_OnKnownPath_Returns405Envelope()
    {
        var key = (await host.Server.CreateAccountAsync()).TestSecretKey;
        using var http = host.Server.Http(key);
        await AssertErrorAsync(await http.PutAsync("/v1/connections", JsonBody("{}")), HttpStatusCode.MethodNotAllowed, ErrorCodes.MethodNotAllowed);
    }

    [Fact]
    public async Task MalformedJson_OnCreateConnection_Returns400InvalidJson()
    {
        var key = (await host.Server.CreateAccountAsync()).TestSecretKey;
        using var http = host.Server.Http(key);
        await AssertErrorAsync(await http.PostAsync("/v1/connections", JsonBody("{\"system\": \"maintainx\",")), HttpStatusCode.BadRequest, ErrorCodes.InvalidJson);
    }

    [Fact]
    public async Task OversizedBody_FromAuthenticatedCaller_Returns413Envelope()
    {
        var key = (await host.Server.CreateAccountAsync()).TestSecretKey;
        // Expect: 100-continue lets the client read the refusal instead of pushing 31 MB into a closed socket; the
        // client waits for the answer as long as it takes (by default it sends the body after 1 s, and a cold host
        // can take longer to refuse).
        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) };
        using var http = new HttpClient(handler) { BaseAddress = host.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        // Just over Kestrel's default 30 MB request body limit.
        var body = "{\"name\": \"" + new string('a', 31 * 1024 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/connections") { Content = JsonBody(body) };
        request.Headers.ExpectContinue = true;
        await AssertErrorAsync(await http.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, ErrorCodes.PayloadTooLarge);
    }

    [Fact]
    public async Task PlainTextBody_OnCreateConnection_Returns415()
    {
        var key = (await host.Server.CreateAccountAsync()).TestSecretKey;
        using var http = host.Server.Http(key);
        using var body = new StringContent("system=maintainx", Encoding.UTF8, "text/plain");
        await AssertErrorAsync(await http.PostAsync("/v1/connections", body), HttpStatusCode.UnsupportedMediaType, ErrorCodes.UnsupportedMediaType);
    }

    [Theory]
    [InlineData(null, ErrorCodes.AuthenticationRequired)]
    [InlineData("mw_test_ct_notARealTokenButLongEnough12345", ErrorCodes.InvalidToken)]
    [InlineData("garbage", ErrorCodes.InvalidToken)]
    public async Task DataCall_WithoutValidBearer_Returns401(string? bearer, string code)
    {
        using var http = host.Server.Http(bearer);
        await AssertErrorAsync(await http.GetAsync("/v1/work-orders"), HttpStatusCode.Unauthorized, code);
    }

    [Fact]
    public async Task AccountCall_Anonymous_Returns401BeforeTheBodyIsRead()
    {
        using var http = host.Server.Http();
        // A body that would fail validation: an anonymous caller must not learn how bodies are validated.
        await AssertErrorAsync(await http.PostAsync("/v1/connections", JsonBody("{\"unknown\": 1,")), HttpStatusCode.Unauthorized, ErrorCodes.AuthenticationRequired);
    }

    [Fact]
    public async Task DataCall_WithSecretKeyButNoConnectionHeader_Returns400ConnectionHeaderRequired()
    {
        var key = (await host.Server.CreateAccountAsync()).TestSecretKey;
        using var http = host.Server.Http(key);
        await AssertErrorAsync(await http.GetAsync("/v1/assets"), HttpStatusCode.BadRequest, ErrorCodes.ConnectionHeaderRequired);
    }

    [Fact]
    public async Task AccountCall_WithLiveKey_DoesNotSeeTestConnectionIds()
    {
        var account = await host.Server.CreateAccountAsync();
        using var live = host.Server.Http(account.LiveSecretKey);
        await AssertErrorAsync(await live.GetAsync("/v1/connections/conn_doesNotExist"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<ErrorEnvelope>(MillwrightJson.Options);
        Assert.Equal(code, body!.Error.Code);
        Assert.False(string.IsNullOrWhiteSpace(body.Error.Message));
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), body.Error.RequestId);
    }
}
