using System.Net;
using System.Net.Http.Json;
using Millwright.Client;
using Millwright.Client.Errors;
using Millwright.Client.Webhooks;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Webhooks;

/// <summary>The endpoints API: secrets shown once, URL rules (SSRF), filters, visibility.</summary>
[Collection(WebhookTestKit.Collection)]
public sealed class WebhookEndpointsTests : IClassFixture<SharedHost>
{
    private readonly MillwrightHost host;

    public WebhookEndpointsTests(SharedHost shared) => host = shared.Server;

    [Fact]
    public async Task CreateWebhookEndpoint_LoopbackWithTestKey_ReturnsSecretOnlyOnce()
    {
        var account = await host.CreateAccountAsync();
        var client = WebhookTestKit.Client(host, account.TestSecretKey);

        var created = await client.CreateWebhookEndpointAsync(new("http://127.0.0.1:9/hooks", ["work_order.*", "sync.failed"], Description: "ops"));
        using var http = host.Http(account.TestSecretKey);
        var raw = await http.GetStringAsync($"/v1/webhook-endpoints/{created.Id}");
        var listed = await client.ListWebhookEndpointsAsync();

        Assert.StartsWith("we_", created.Id, StringComparison.Ordinal);
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", created.Secret);
        Assert.Equal(32, Convert.FromBase64String(created.Secret!["whsec_".Length..]).Length);
        Assert.Equal(["work_order.*", "sync.failed"], created.Events);
        Assert.True(created.Enabled);
        Assert.DoesNotContain("\"secret\":", raw, StringComparison.Ordinal);
        Assert.Null(Assert.Single(listed.Data).Secret);
    }

    [Theory]
    [InlineData("test", "https://10.0.0.7/hooks")]
    [InlineData("test", "https://192.168.1.20/hooks")]
    [InlineData("test", "https://169.254.169.254/latest/meta-data")]
    [InlineData("test", "https://[fe80::1]/hooks")]
    [InlineData("test", "http://93.184.216.34/hooks")]
    [InlineData("live", "http://127.0.0.1:9/hooks")]
    [InlineData("live", "https://127.0.0.1:8/hooks")]
    [InlineData("test", "http://127.0.0.1:8/hooks")]
    [InlineData("test", "https://[::127.0.0.1]/hooks")]
    [InlineData("test", "https://[::ffff:0:a00:1]/hooks")]
    [InlineData("live", "https://[::1]/hooks")]
    [InlineData("test", "ftp://127.0.0.1/hooks")]
    [InlineData("test", "https://user:pw@127.0.0.1/hooks")]
    [InlineData("test", "hooks.example")]
    [InlineData("test", "")]
    public async Task CreateWebhookEndpoint_RefusedUrl_Returns422NamingUrl(string environment, string url)
    {
        var account = await host.CreateAccountAsync();
        var client = WebhookTestKit.Client(host, environment == "live" ? account.LiveSecretKey : account.TestSecretKey);

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateWebhookEndpointAsync(new(url)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("url", Assert.Single(error.Error!.Details!).Field);
        Assert.NotNull(error.Error.RequestId);
        Assert.Empty((await client.ListWebhookEndpointsAsync()).Data);
    }

    [Fact]
    public async Task CreateWebhookEndpoint_UnknownEventOrForeignConnection_Returns422()
    {
        var owner = await host.CreateAccountAsync();
        var other = await host.CreateAccountAsync();
        var foreign = await SyncTestData.InsertConnectionAsync(host, other, "maintainx");
        var client = WebhookTestKit.Client(host, owner.TestSecretKey);

        var badEvent = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateWebhookEndpointAsync(new("http://127.0.0.1:9/h", ["work_order.exploded"])));
        var badConnection = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateWebhookEndpointAsync(new("http://127.0.0.1:9/h", ConnectionId: foreign)));

        Assert.Equal("events", Assert.Single(badEvent.Error!.Details!).Field);
        Assert.Equal("connection_id", Assert.Single(badConnection.Error!.Details!).Field);
    }

    [Fact]
    public async Task CreateWebhookEndpoint_UnknownMember_Returns400InvalidJson()
    {
        var account = await host.CreateAccountAsync();
        using var http = host.Http(account.TestSecretKey);

        var response = await http.PostAsJsonAsync("/v1/webhook-endpoints", new { url = "http://127.0.0.1:9/h", secret = "whsec_mine" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(ErrorCodes.InvalidJson, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAndDeleteWebhookEndpoint_OtherEnvironmentOrAccount_Returns404()
    {
        var account = await host.CreateAccountAsync();
        var other = await host.CreateAccountAsync();
        var created = await WebhookTestKit.Client(host, account.TestSecretKey).CreateWebhookEndpointAsync(new("http://127.0.0.1:9/h"));

        var live = await Assert.ThrowsAsync<MillwrightApiException>(() =>
            WebhookTestKit.Client(host, account.LiveSecretKey).UpdateWebhookEndpointAsync(created.Id, new(Enabled: false)));
        var foreign = await Assert.ThrowsAsync<MillwrightApiException>(() =>
            WebhookTestKit.Client(host, other.TestSecretKey).DeleteWebhookEndpointAsync(created.Id));

        Assert.Equal(HttpStatusCode.NotFound, live.Status);
        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.True((await WebhookTestKit.Client(host, account.TestSecretKey).GetWebhookEndpointAsync(created.Id)).Enabled);
    }

    [Fact]
    public async Task UpdateWebhookEndpoint_NewUrlEventsAndDisable_AppliesAndDeleteRemovesIt()
    {
        var account = await host.CreateAccountAsync();
        var client = WebhookTestKit.Client(host, account.TestSecretKey);
        var created = await client.CreateWebhookEndpointAsync(new("http://127.0.0.1:9/h"));

        var updated = await client.UpdateWebhookEndpointAsync(created.Id, new("http://localhost:10/other", ["connection.*"], false));
        var refused = await Assert.ThrowsAsync<MillwrightApiException>(() => client.UpdateWebhookEndpointAsync(created.Id, new("https://10.1.1.1/x")));
        var test = await Assert.ThrowsAsync<MillwrightApiException>(() => client.TestWebhookEndpointAsync(created.Id));
        await client.DeleteWebhookEndpointAsync(created.Id);
        var gone = await Assert.ThrowsAsync<MillwrightApiException>(() => client.GetWebhookEndpointAsync(created.Id));

        Assert.Equal("http://localhost:10/other", updated.Url);
        Assert.Equal(["connection.*"], updated.Events);
        Assert.False(updated.Enabled);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal((HttpStatusCode.Conflict, ErrorCodes.WebhookEndpointDisabled), (test.Status, test.Code));
        Assert.Equal(HttpStatusCode.NotFound, gone.Status);
    }

    [Fact]
    public async Task ListWebhookDeliveries_BadStatusOrTokenCaller_RefusedWithCode()
    {
        var account = await host.CreateAccountAsync();
        var client = WebhookTestKit.Client(host, account.TestSecretKey);
        using var anonymous = host.Http();

        var badStatus = await Assert.ThrowsAsync<MillwrightApiException>(() => client.SendAsync<object>(HttpMethod.Get, "v1/webhook-deliveries?status=lost"));
        var unauthenticated = await anonymous.GetAsync("/v1/webhook-deliveries");

        Assert.Equal((HttpStatusCode.BadRequest, ErrorCodes.InvalidQueryParameter), (badStatus.Status, badStatus.Code));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task OpenApi_WebhookOperations_AreDocumented()
    {
        using var http = host.Http();
        var document = await http.GetStringAsync("/openapi/v1.json");

        foreach (var operation in new[]
        {
            "CreateWebhookEndpoint", "ListWebhookEndpoints", "GetWebhookEndpoint", "UpdateWebhookEndpoint", "DeleteWebhookEndpoint",
            "RotateWebhookSecret", "TestWebhookEndpoint", "ListWebhookDeliveries", "GetWebhookDelivery", "RetryWebhookDelivery",
            "ListEvents", "ReplayEvents",
        })
        {
            Assert.Contains($"\"operationId\": \"{operation}\"", document, StringComparison.Ordinal);
        }
    }
}
