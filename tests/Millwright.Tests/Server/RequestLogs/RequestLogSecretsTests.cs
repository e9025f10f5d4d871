using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Client.Models;
using Millwright.Client.RequestLogs;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Server.Sync;

namespace Millwright.Tests.Server.RequestLogs;

/// <summary>Real calls that carry secrets (secret key, vendor API key, a new connection token) leave none in the logs.</summary>
public sealed class RequestLogSecretsTests(SandboxServer sandbox) : IClassFixture<SandboxServer>
{
    [Fact]
    public async Task CreateConnection_WithSecrets_IsLoggedWithUpstreamCallsAndNoSecret()
    {
        var host = sandbox.Server;
        var account = await host.CreateAccountAsync();
        using var http = host.Http(account.TestSecretKey);
        using var response = await http.PostAsJsonAsync("/v1/connections?api_key=query-secret-123456", sandbox.MaintainX(), MillwrightJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<ConnectionCreated>(MillwrightJson.Options))!;
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var keyClient = new MillwrightClient(host.Http(), account.TestSecretKey);

        var log = await RequestLogWait.ForAsync(host, keyClient, requestId);

        Assert.Equal(RequestLogKind.Api, log.Kind);
        Assert.Equal("POST", log.Method);
        Assert.Equal("/v1/connections", log.Path);
        Assert.Equal("api_key=***", log.Query);
        Assert.Equal(201, log.Status);
        Assert.Equal(created.Connection.Id, log.ConnectionId);
        Assert.StartsWith("key_", log.CredentialId);
        Assert.Equal("Bearer ***", log.RequestHeaders!["authorization"]);
        Assert.Contains("\"api_key\":\"***\"", log.RequestBody);
        Assert.Contains("\"base_url\"", log.RequestBody);
        Assert.Contains(created.Connection.Id, log.ResponseBody);
        Assert.Equal(requestId, log.ResponseHeaders!["x-request-id"]);
        var call = Assert.Single(log.UpstreamCalls!);
        Assert.Equal("maintainx", call.System);
        Assert.Equal(created.Connection.Id, call.ConnectionId);
        Assert.Equal(200, call.Status);
        Assert.Equal(UpstreamCallOutcome.Succeeded, call.Outcome);
        Assert.StartsWith(sandbox.MaintainXBaseUrl, call.Url);

        // The first sync's upstream calls are logged under its run id, in the same account.
        var tokenClient = new MillwrightClient(host.Http(), created.Token.Token);
        await SandboxServer.WaitForFirstSyncAsync(tokenClient);
        var run = Assert.Single((await keyClient.ListSyncRunsAsync(created.Connection.Id)).Data);
        var syncLog = await RequestLogWait.ForAsync(host, keyClient, run.Id, l => l.UpstreamCallCount > 5);
        Assert.Equal(RequestLogKind.Sync, syncLog.Kind);
        Assert.Equal(created.Connection.Id, syncLog.ConnectionId);
        Assert.All(syncLog.UpstreamCalls!, c => Assert.StartsWith(sandbox.MaintainXBaseUrl, c.Url));

        // Nothing anywhere in the stored logs, nor in what the API returns, holds a secret.
        var secrets = new[] { account.TestSecretKey, MaintainXSandboxSettings.DemoApiKey, created.Token.Token, "query-secret-123456" };
        using var raw = new HttpClient { BaseAddress = host.BaseAddress };
        raw.DefaultRequestHeaders.Authorization = new("Bearer", account.TestSecretKey);
        var apiText = await raw.GetStringAsync($"/v1/request-logs/{requestId}") + await raw.GetStringAsync($"/v1/request-logs/{run.Id}")
            + await raw.GetStringAsync("/v1/request-logs?limit=500");
        var stored = await SyncTestData.WithDbAsync(host, async db => JsonSerializer.Serialize(new
        {
            logs = await db.RequestLogs.AsNoTracking().ToListAsync(),
            calls = await db.UpstreamCalls.AsNoTracking().ToListAsync(),
        }));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, apiText, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CreateToken_SecretInResponse_IsMaskedInLog()
    {
        var host = sandbox.Server;
        var account = await host.CreateAccountAsync();
        var keyClient = new MillwrightClient(host.Http(), account.TestSecretKey);
        var created = await keyClient.CreateConnectionAsync(sandbox.MaintainX());
        using var http = host.Http(account.TestSecretKey);
        using var response = await http.PostAsJsonAsync($"/v1/connections/{created.Connection.Id}/tokens",
            new CreateConnectionTokenRequest { Name = "reporting", Scopes = [TokenScopes.Read] }, MillwrightJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<CreatedConnectionToken>(MillwrightJson.Options))!;

        var log = await RequestLogWait.ForAsync(host, keyClient, response.Headers.GetValues("X-Request-Id").Single());

        Assert.Equal(created.Connection.Id, log.ConnectionId);
        Assert.DoesNotContain(token.Token, log.ResponseBody, StringComparison.Ordinal);
        Assert.Contains(token.Id, log.ResponseBody, StringComparison.Ordinal);
        Assert.Contains("\"token\":\"***\"", log.ResponseBody, StringComparison.Ordinal);
        Assert.Contains("reporting", log.RequestBody, StringComparison.Ordinal);
    }
}
