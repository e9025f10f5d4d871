using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Millwright.Client;
using Millwright.Client.Connect;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Connect;

/// <summary>Link sessions, magic links and the code exchange: expiry on a fake clock, single use, bad codes.</summary>
public sealed class LinkSessionsTests(SandboxServer sandbox) : IClassFixture<SandboxServer>
{
    private static readonly string[] OneUnknownSystem = ["maintainx", "no-such-system"];

    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    private static CreateLinkSessionRequest Request(string? redirect = "https://integrator.example/callback") =>
        new() { EndUser = new EndUser("cust_7", "Plant Süd"), RedirectUrl = redirect };

    [Fact]
    public async Task CreateLinkSession_ExpiresAfter30Minutes_PageThenAnswers410()
    {
        var clock = new FakeTimeProvider(Start);
        using var host = new MillwrightHost(time: clock);
        var account = await host.CreateAccountAsync();
        var link = await new MillwrightClient(host.Http(), account.TestSecretKey).CreateLinkSessionAsync(Request());
        using var flow = new ConnectFlow(host.BaseAddress);

        Assert.Equal(Start.AddMinutes(30), link.ExpiresAt);
        Assert.StartsWith(host.BaseAddress + "connect/", link.Url);
        using (var open = await flow.GetAsync(link.Url))
        {
            Assert.True(open.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, open.StatusCode.ToString());
        }

        clock.Advance(TimeSpan.FromMinutes(29));
        using (var stillOpen = await flow.GetAsync(link.Url + "/systems/maintainx"))
        {
            Assert.Equal(HttpStatusCode.OK, stillOpen.StatusCode);
            Assert.Contains("Connect MaintainX", await stillOpen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        using var expired = await flow.GetAsync(link.Url + "/systems/maintainx");
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("This link has expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectPage_SystemForm_ShowsPerEntityWhatTheAppCanCreateUpdateAndDelete()
    {
        var host = sandbox.Server;
        var account = await host.CreateAccountAsync();
        var link = await new MillwrightClient(host.Http(), account.TestSecretKey).CreateLinkSessionAsync(Request());
        using var flow = new ConnectFlow(host.BaseAddress);

        using var sap = await flow.GetAsync(link.Url + "/systems/sap-s4hana");
        using var maintainx = await flow.GetAsync(link.Url + "/systems/maintainx");
        var sapPage = await sap.Content.ReadAsStringAsync();
        var maintainxPage = await maintainx.Content.ReadAsStringAsync();

        Assert.Contains("What the app can read and change in SAP S/4HANA", sapPage, StringComparison.Ordinal);
        Assert.Contains("<tr data-entity=\"work-orders\"><th scope=\"row\">Work orders</th><td>Yes</td><td>Yes</td><td>Yes</td><td>No</td></tr>", sapPage, StringComparison.Ordinal);
        Assert.Contains("<tr data-entity=\"purchase-orders\"><th scope=\"row\">Purchase orders</th><td>Yes</td><td>No</td><td>No</td><td>No</td></tr>", sapPage, StringComparison.Ordinal);
        Assert.Contains("<tr data-entity=\"work-orders\"><th scope=\"row\">Work orders</th><td>Yes</td><td>Yes</td><td>Yes</td><td>Yes</td></tr>", maintainxPage, StringComparison.Ordinal);
        Assert.Contains("<tr data-entity=\"meter-readings\"><th scope=\"row\">Meter readings</th><td>No</td><td>Yes</td><td>No</td><td>No</td></tr>", maintainxPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateMagicLink_DefaultsTo7DaysAndRefusesLonger()
    {
        var clock = new FakeTimeProvider(Start);
        using var host = new MillwrightHost(time: clock);
        var account = await host.CreateAccountAsync();
        var client = new MillwrightClient(host.Http(), account.TestSecretKey);

        var week = await client.CreateMagicLinkAsync(Request());
        var day = await client.CreateMagicLinkAsync(Request() with { ExpiresInHours = 24 });
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateMagicLinkAsync(Request() with { ExpiresInHours = 169 }));

        Assert.Equal(Start.AddDays(7), week.ExpiresAt);
        Assert.Equal(Start.AddDays(1), day.ExpiresAt);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("expires_in_hours", Assert.Single(error.Error!.Details!).Field);
        clock.Advance(TimeSpan.FromDays(6));
        using var flow = new ConnectFlow(host.BaseAddress);
        using var open = await flow.GetAsync(week.Url + "/systems/maintainx");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
    }

    [Fact]
    public async Task CreateLinkSession_BadBody_Returns422NamingEveryField()
    {
        var account = await sandbox.Server.CreateAccountAsync();
        using var http = sandbox.Server.Http(account.TestSecretKey);

        using var response = await http.PostAsJsonAsync("/v1/link-sessions", new
        {
            end_user = new { name = "No id" },
            systems = OneUnknownSystem,
            redirect_url = "ftp://integrator.example/",
            connection_id = "conn_missing",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<ErrorEnvelope>(MillwrightJson.Options))!.Error;
        Assert.Equal(["end_user.id", "systems[1]", "redirect_url", "connection_id"], error.Details!.Select(d => d.Field));
    }

    [Fact]
    public async Task CreateLinkSession_WithConnectionToken_Returns403()
    {
        var account = await sandbox.Server.CreateAccountAsync();
        var seeded = await new ConnectionSeed(sandbox.Server, account).AddAsync();

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(sandbox.Server.Http(), seeded.Token).CreateLinkSessionAsync(Request()));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
    }

    [Theory]
    [InlineData("mwc_0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("not-a-code")]
    [InlineData("")]
    public async Task ExchangeLinkCode_UnknownCode_Returns400LinkSessionInvalid(string code)
    {
        var account = await sandbox.Server.CreateAccountAsync();

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(sandbox.Server.Http(), account.TestSecretKey).ExchangeLinkCodeAsync(code));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(ErrorCodes.LinkSessionInvalid, error.Code);
    }

    [Fact]
    public async Task ConnectFlow_SingleUse_SecondSubmissionMakesNoSecondConnectionAndCodesWorkOnce()
    {
        var host = sandbox.Server;
        var account = await host.CreateAccountAsync();
        var keys = new MillwrightClient(host.Http(), account.TestSecretKey);
        var link = await keys.CreateLinkSessionAsync(Request());
        using var flow = new ConnectFlow(host.BaseAddress);

        using (var first = await flow.SubmitMaintainXAsync(link.Url, sandbox.MaintainXBaseUrl))
        {
            Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
            Assert.EndsWith("/done", first.Headers.Location!.OriginalString);
        }

        using (var second = await flow.SubmitMaintainXAsync(link.Url, sandbox.MaintainXBaseUrl))
        {
            Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
            Assert.EndsWith("/done", second.Headers.Location!.OriginalString);
        }

        var connection = Assert.Single((await keys.ListConnectionsAsync()).Data);
        Assert.Empty((await keys.ListConnectionTokensAsync(connection.Id)).Data);
        var (staleCode, _) = await flow.FinishAsync(link.Url);
        var (code, connectionId) = await flow.FinishAsync(link.Url);
        Assert.Equal(connection.Id, connectionId);

        var live = new MillwrightClient(host.Http(), account.LiveSecretKey);
        Assert.Equal(ErrorCodes.LinkSessionInvalid, (await Assert.ThrowsAsync<MillwrightApiException>(() => live.ExchangeLinkCodeAsync(code))).Code);
        Assert.Equal(ErrorCodes.LinkSessionInvalid, (await Assert.ThrowsAsync<MillwrightApiException>(() => keys.ExchangeLinkCodeAsync(staleCode))).Code);
        var result = await keys.ExchangeLinkCodeAsync(code);
        Assert.Equal(connection.Id, result.ConnectionId);
        Assert.Equal(connection.Id, (await new MillwrightClient(host.Http(), result.Token!.Token).GetCurrentConnectionAsync()).Id);
        Assert.Equal(ErrorCodes.LinkSessionInvalid, (await Assert.ThrowsAsync<MillwrightApiException>(() => keys.ExchangeLinkCodeAsync(code))).Code);
    }

    [Fact]
    public async Task ExchangeLinkCode_After10Minutes_Returns400()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        using var host = new MillwrightHost(new Dictionary<string, string?>
        {
            [$"{new MaintainXSandboxModule().ConfigurationSection}:WorkOrderCount"] = "20",
            [$"{new MaintainXSandboxModule().ConfigurationSection}:AssetCount"] = "10",
        }, time: clock);
        var account = await host.CreateAccountAsync();
        var keys = new MillwrightClient(host.Http(), account.TestSecretKey);
        var link = await keys.CreateLinkSessionAsync(Request());
        using var flow = new ConnectFlow(host.BaseAddress);
        (await flow.SubmitMaintainXAsync(link.Url, new Uri(host.BaseAddress, "sandbox/maintainx/v1").ToString())).Dispose();
        var (code, _) = await flow.FinishAsync(link.Url);

        clock.Advance(TimeSpan.FromMinutes(10));

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => keys.ExchangeLinkCodeAsync(code));
        Assert.Equal(ErrorCodes.LinkSessionInvalid, error.Code);
    }

    [Fact]
    public async Task ConnectPage_UnknownSecret_Answers404Page()
    {
        using var flow = new ConnectFlow(sandbox.Server.BaseAddress);

        using var response = await flow.GetAsync("/connect/" + new string('a', 64));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("This link does not work", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
