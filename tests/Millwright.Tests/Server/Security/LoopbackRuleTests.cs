using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Millwright.Client;
using Millwright.Client.Connect;
using Millwright.Client.Errors;
using Millwright.Client.Webhooks;
using Millwright.Tests.Server.Connect;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Security;

/// <summary>
/// Issue 20, item 3: a test connection reaches loopback only at this server's own sandbox mounts (same listener,
/// <c>/sandbox/&lt;vendor&gt;/</c>) or at an endpoint the operator allowed; everything else is refused before a
/// connection is opened — connections, credential checks, webhook endpoints and the Connect form — and no error
/// echoes what such an address would have answered.
/// </summary>
public sealed class LoopbackRuleTests(SandboxServer sandbox) : IClassFixture<SandboxServer>, IAsyncLifetime
{
    private const string InternalBody = "internal-service-body-7f3a";
    private LoopbackHost? service;
    private int served;

    /// <summary>A local service nobody allowed (started after the Millwright host, so not on its list), which would answer with a body worth stealing.</summary>
    public async Task InitializeAsync() => service = await LoopbackHost.StartAsync(
        app => app.Map("/{**path}", (HttpContext _) =>
        {
            Interlocked.Increment(ref served);
            return Results.Json(new { message = InternalBody, organizations = Array.Empty<object>() });
        }), allowed: false);

    public async Task DisposeAsync() => await service!.DisposeAsync();

    public static TheoryData<string> Refused => new()
    {
        "http://127.0.0.1:{service}/v1",
        "http://localhost:{service}/sandbox/maintainx/v1",
        "http://127.0.0.1:{own}/v1",
        "http://127.0.0.1:{own}/status",
        "http://127.0.0.1:{own}/sandbox/maintainx/../../v1/systems",
        "http://127.0.0.1:{own}/sandbox/maintainx%2F..%2F..%2Fv1",
        "http://[::127.0.0.1]:{own}/sandbox/maintainx/v1",
        "http://[::ffff:0:7f00:1]:{own}/sandbox/maintainx/v1",
        "http://[::10.0.0.1]/v1",
        "http://[::169.254.169.254]/v1",
        "http://[::ffff:0:a00:1]/v1",
    };

    private string Url(string template) => template
        .Replace("{service}", service!.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{own}", sandbox.Server.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task CreateConnection_TestKeyToLoopbackOutsideOwnSandboxMounts_IsRefusedWithoutCallingIt(string template)
    {
        var account = await sandbox.Server.CreateAccountAsync();
        var client = new MillwrightClient(sandbox.Server.Http(), account.TestSecretKey, new MillwrightClientOptions { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateConnectionAsync(sandbox.MaintainX() with
        {
            Settings = new Dictionary<string, string> { ["base_url"] = Url(template) },
        }));

        Assert.True(error.Status is HttpStatusCode.BadGateway or HttpStatusCode.UnprocessableEntity, $"{error.Status} {error.Message}");
        Assert.DoesNotContain(InternalBody, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, served);
    }

    [Fact]
    public async Task CreateConnection_TestKeyToOwnSandboxMount_Works()
    {
        var account = await sandbox.Server.CreateAccountAsync();
        var client = new MillwrightClient(sandbox.Server.Http(), account.TestSecretKey);

        var created = await client.CreateConnectionAsync(sandbox.MaintainX());

        Assert.StartsWith("conn_", created.Connection.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateWebhookEndpoint_LoopbackNobodyAllowed_Returns422()
    {
        var account = await sandbox.Server.CreateAccountAsync();
        var client = new MillwrightClient(sandbox.Server.Http(), account.TestSecretKey, new MillwrightClientOptions { MaxAttempts = 1 });

        foreach (var url in new[] { new Uri(service!.BaseAddress, "hooks").ToString(), new Uri(sandbox.Server.BaseAddress, "sandbox/maintainx/hooks").ToString() })
        {
            var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateWebhookEndpointAsync(new CreateWebhookEndpointRequest(url)));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
            Assert.Equal("url", Assert.Single(error.Error!.Details!).Field);
        }
    }

    [Fact]
    public async Task ConnectForm_LoopbackOutsideOwnSandboxMounts_IsRefusedWithoutEchoingTheBody()
    {
        var account = await sandbox.Server.CreateAccountAsync();
        var keys = new MillwrightClient(sandbox.Server.Http(), account.TestSecretKey);
        var link = await keys.CreateLinkSessionAsync(new CreateLinkSessionRequest { EndUser = new EndUser("cust_9"), RedirectUrl = "https://integrator.example/done" });
        using var flow = new ConnectFlow(sandbox.Server.BaseAddress);

        using var rejected = await flow.SubmitMaintainXAsync(link.Url, new Uri(service!.BaseAddress, "v1").ToString());
        var html = await rejected.Content.ReadAsStringAsync();

        Assert.NotEqual(HttpStatusCode.SeeOther, rejected.StatusCode);
        Assert.DoesNotContain(InternalBody, html, StringComparison.Ordinal);
        Assert.Equal(0, served);
    }
}
