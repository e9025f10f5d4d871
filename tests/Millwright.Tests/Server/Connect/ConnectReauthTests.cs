using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client;
using Millwright.Client.Connect;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Sandbox.MaintainX;
using Millwright.Server.Persistence;
using Millwright.Tests.Server.Connections;

namespace Millwright.Tests.Server.Connect;

/// <summary>
/// Re-authentication through the Connect page: a link session for a connection in <c>reauth_required</c>
/// takes new credentials; the connection keeps its id, tokens, metadata and records, and syncs again.
/// </summary>
public sealed class ConnectReauthTests(SandboxServer sandbox) : IClassFixture<SandboxServer>
{
    [Fact]
    public async Task ReauthSession_NewCredentials_KeepIdTokensAndDataAndSyncAgain()
    {
        var host = sandbox.Server;
        var account = await host.CreateAccountAsync();
        var keys = new MillwrightClient(host.Http(), account.TestSecretKey);
        var created = await keys.CreateConnectionAsync(sandbox.MaintainX(metadata: new Dictionary<string, string> { ["customer_id"] = "cust_3" }));
        var tokenClient = new MillwrightClient(host.Http(), created.Token.Token);
        await SandboxServer.WaitForFirstSyncAsync(tokenClient);
        var records = await CountRecordsAsync(host, created.Connection.Id);
        Assert.True(records > 0);
        await SetStatusAsync(host, created.Connection.Id, ConnectionStatuses.ReauthRequired);

        var link = await keys.CreateLinkSessionAsync(new CreateLinkSessionRequest
        {
            EndUser = new EndUser("cust_3"),
            ConnectionId = created.Connection.Id,
            RedirectUrl = "https://integrator.example/reconnected",
        });
        using var flow = new ConnectFlow(host.BaseAddress);
        using (var form = await flow.GetAsync(link.Url + "/systems/maintainx"))
        {
            var html = await form.Content.ReadAsStringAsync();
            Assert.Contains("Reconnect MaintainX", html, StringComparison.Ordinal);
            // The saved settings are shown again; the saved credentials never are.
            Assert.Contains(sandbox.MaintainXBaseUrl, html, StringComparison.Ordinal);
        }

        using (var rejected = await flow.SubmitMaintainXAsync(link.Url, sandbox.MaintainXBaseUrl, MaintainXSandboxSettings.RevokedApiKey))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
            Assert.Contains("data-kind=\"wrong_key\"", await rejected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(ConnectionStatuses.ReauthRequired, (await keys.GetConnectionAsync(created.Connection.Id)).Status);
        using (var accepted = await flow.SubmitMaintainXAsync(link.Url, sandbox.MaintainXBaseUrl))
        {
            Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        }

        var (code, connectionId) = await flow.FinishAsync(link.Url);
        Assert.Equal(created.Connection.Id, connectionId);
        var result = await keys.ExchangeLinkCodeAsync(code);
        Assert.Null(result.Token);
        var after = await SandboxServer.WaitForFirstSyncAsync(tokenClient);
        Assert.Equal(created.Connection.Id, after.Id);
        Assert.Equal(ConnectionStatuses.Active, after.Status);
        Assert.Equal("cust_3", after.Metadata["customer_id"]);
        Assert.True(await CountRecordsAsync(host, created.Connection.Id) >= records);
        Assert.Single((await keys.ListConnectionsAsync()).Data);
    }

    [Fact]
    public async Task ReauthSession_ConnectionOfAnotherEnvironment_Returns422()
    {
        var account = await sandbox.Server.CreateAccountAsync();
        var live = await new ConnectionSeed(sandbox.Server, account) { Environment = "live" }.AddAsync();

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(sandbox.Server.Http(), account.TestSecretKey)
            .CreateLinkSessionAsync(new CreateLinkSessionRequest { EndUser = new EndUser("cust_4"), ConnectionId = live.Id }));

        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal("connection_id", Assert.Single(error.Error!.Details!).Field);
    }

    private static async Task<int> CountRecordsAsync(Support.MillwrightHost host, string connectionId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MillwrightDb>().Records.CountAsync(r => r.ConnectionId == connectionId && r.DeletedAt == null);
    }

    private static async Task SetStatusAsync(Support.MillwrightHost host, string connectionId, string status)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MillwrightDb>().Connections.Where(c => c.Id == connectionId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status));
    }
}
