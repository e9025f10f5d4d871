using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Sandbox.MaintainX;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Persistence;

namespace Millwright.Tests.Server.Connections;

/// <summary><c>PUT /v1/connections/{id}/credentials</c> against the mounted sandbox: checked first, stored only when accepted.</summary>
public sealed class UpdateCredentialsTests(SandboxServer sandbox) : IClassFixture<SandboxServer>
{
    [Fact]
    public async Task UpdateCredentials_MissingApiKey_Returns422NamingFieldAndKeepsOldOnes()
    {
        var (client, id) = await ConnectAsync();
        using var http = sandbox.Server.Http(client.Key);

        using var response = await http.PutAsJsonAsync($"/v1/connections/{id}/credentials", new { credentials = new { } });

        var error = await ErrorAsync(response, HttpStatusCode.UnprocessableEntity, ErrorCodes.ValidationFailed);
        Assert.Contains("credentials.api_key", error.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("field").GetString()));
        Assert.Equal(MaintainXSandboxSettings.DemoApiKey, await StoredKeyAsync(id));
    }

    [Fact]
    public async Task UpdateCredentials_KeyTheSystemRejects_Returns400AndStoresNothing()
    {
        var (client, id) = await ConnectAsync();
        var before = await client.Api.GetConnectionAsync(id);
        using var http = sandbox.Server.Http(client.Key);

        using var response = await http.PutAsJsonAsync($"/v1/connections/{id}/credentials",
            new { credentials = new { api_key = MaintainXSandboxSettings.RevokedApiKey } });

        await ErrorAsync(response, HttpStatusCode.BadRequest, ErrorCodes.ConnectionCredentialsInvalid);
        Assert.Equal(MaintainXSandboxSettings.DemoApiKey, await StoredKeyAsync(id));
        Assert.Equal(before.UpdatedAt, (await client.Api.GetConnectionAsync(id)).UpdatedAt);
    }

    [Fact]
    public async Task UpdateCredentials_KeyTheSystemAccepts_StoresItSealedAndKeepsActiveStatus()
    {
        var (client, id) = await ConnectAsync();
        var before = await client.Api.GetConnectionAsync(id);

        var updated = await client.Api.UpdateCredentialsAsync(id, new UpdateCredentialsRequest
        {
            Credentials = new Dictionary<string, string> { ["api_key"] = MaintainXSandboxSettings.DemoApiKey },
        });

        Assert.Equal(before.Status, updated.Status);
        Assert.DoesNotContain("api_key", JsonSerializer.Serialize(updated), StringComparison.Ordinal);
        Assert.Equal(MaintainXSandboxSettings.DemoApiKey, await StoredKeyAsync(id));
        Assert.True(updated.UpdatedAt >= before.UpdatedAt);
    }

    [Fact]
    public async Task UpdateCredentials_UnknownConnection_Returns404()
    {
        var account = await sandbox.Server.CreateAccountAsync();
        using var http = sandbox.Server.Http(account.TestSecretKey);

        using var response = await http.PutAsJsonAsync("/v1/connections/conn_unknown/credentials",
            new { credentials = new { api_key = MaintainXSandboxSettings.DemoApiKey } });

        await ErrorAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    private async Task<((MillwrightClient Api, string Key) Client, string Id)> ConnectAsync()
    {
        var account = await sandbox.Server.CreateAccountAsync();
        var api = new MillwrightClient(sandbox.Server.Http(), account.TestSecretKey);
        var created = await api.CreateConnectionAsync(sandbox.MaintainX());
        await SandboxServer.WaitForFirstSyncAsync(new MillwrightClient(sandbox.Server.Http(), created.Token.Token));
        return ((api, account.TestSecretKey), created.Connection.Id);
    }

    private async Task<string> StoredKeyAsync(string id)
    {
        await using var scope = sandbox.Server.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<MillwrightDb>().Connections.AsNoTracking().SingleAsync(c => c.Id == id);
        return scope.ServiceProvider.GetRequiredService<CredentialProtector>().Unprotect(row.Id, row.CredentialsCipher)["api_key"];
    }

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").Clone();
        Assert.Equal(code, error.GetProperty("code").GetString());
        return error;
    }
}
