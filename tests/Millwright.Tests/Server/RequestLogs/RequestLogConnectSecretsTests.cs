using System.Net.Http.Json;
using System.Text.Json;
using Millwright.Client;
using Millwright.Client.Connect;
using Millwright.Client.Models;
using Millwright.Tests.Server.Connect;
using Millwright.Tests.Server.Connections;

namespace Millwright.Tests.Server.RequestLogs;

/// <summary>Connect's bearer secrets (the <c>/connect/…</c> URL secret and the <c>mwc_</c> code) are masked in request logs.</summary>
public sealed class RequestLogConnectSecretsTests(SandboxServer sandbox) : IClassFixture<SandboxServer>
{
    private static readonly CreateLinkSessionRequest Request =
        new() { EndUser = new EndUser("cust_9", "Plant Ost"), RedirectUrl = "https://integrator.example/callback" };

    [Fact]
    public async Task ConnectCalls_LinkUrlsAndCode_AreMaskedInRequestLogs()
    {
        var host = sandbox.Server;
        var account = await host.CreateAccountAsync();
        using var http = host.Http(account.TestSecretKey);
        var keyClient = new MillwrightClient(host.Http(), account.TestSecretKey);

        var (linkRequestId, link) = await PostAsync<LinkSession>(http, "/v1/link-sessions", Request);
        var (magicRequestId, magic) = await PostAsync<LinkSession>(http, "/v1/magic-links", Request);
        using var flow = new ConnectFlow(host.BaseAddress);
        (await flow.SubmitMaintainXAsync(link.Url, sandbox.MaintainXBaseUrl)).Dispose();
        var (code, _) = await flow.FinishAsync(link.Url);
        var (exchangeRequestId, _) = await PostAsync<LinkSessionResult>(http, "/v1/link-sessions/token", new ExchangeLinkCodeRequest(code));

        var secrets = new[] { SecretOf(link.Url), SecretOf(magic.Url), code, code["mwc_".Length..] };
        foreach (var requestId in new[] { linkRequestId, magicRequestId, exchangeRequestId })
        {
            var log = await RequestLogWait.ForAsync(host, keyClient, requestId);
            var shown = JsonSerializer.Serialize(log, MillwrightJson.Options);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, shown, StringComparison.Ordinal));
            Assert.Contains("***", shown, StringComparison.Ordinal);
        }

        var linkLog = await keyClient.GetRequestLogAsync(linkRequestId);
        Assert.Contains("/connect/***", linkLog.ResponseBody, StringComparison.Ordinal);
        var exchangeLog = await keyClient.GetRequestLogAsync(exchangeRequestId);
        Assert.Contains("mwc_***", exchangeLog.RequestBody, StringComparison.Ordinal);
    }

    private static string SecretOf(string url) => new Uri(url).AbsolutePath["/connect/".Length..];

    private static async Task<(string RequestId, T Body)> PostAsync<T>(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body, MillwrightJson.Options);
        response.EnsureSuccessStatusCode();
        return (response.Headers.GetValues("X-Request-Id").Single(), (await response.Content.ReadFromJsonAsync<T>(MillwrightJson.Options))!);
    }
}
