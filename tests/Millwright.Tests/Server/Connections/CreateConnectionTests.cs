using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Sandbox.MaintainX;
using Millwright.Server.Features.Secrets;
using Millwright.Server.Persistence;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Connections;

/// <summary><c>POST /v1/connections</c> end to end: the real server, its mounted MaintainX sandbox, the SDK.</summary>
public sealed class CreateConnectionTests : IClassFixture<SandboxServer>, IDisposable
{
    private readonly SandboxServer sandbox;
    private readonly MillwrightHost host;
    private readonly HttpClient http;

    public CreateConnectionTests(SandboxServer sandbox)
    {
        this.sandbox = sandbox;
        host = sandbox.Server;
        http = host.Http();
    }

    public void Dispose() => http.Dispose();

    [Fact]
    public async Task CreateConnection_DemoKey_Returns201WithConnectionAndWorkingToken()
    {
        var account = await host.CreateAccountAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/connections")
        {
            Content = JsonContent.Create(sandbox.MaintainX(metadata: new Dictionary<string, string> { ["customer_id"] = "cust_42" }), options: MillwrightJson.Options),
        };
        request.Headers.Authorization = new("Bearer", account.TestSecretKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<ConnectionCreated>(MillwrightJson.Options))!;

        var connection = created.Connection;
        Assert.StartsWith("conn_", connection.Id);
        Assert.Equal($"/v1/connections/{connection.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal("maintainx", connection.System);
        Assert.Equal("test", connection.Environment);
        Assert.Equal(ConnectionStatuses.Syncing, connection.Status);
        Assert.False(string.IsNullOrEmpty(connection.DisplayName));
        Assert.Equal(sandbox.MaintainXBaseUrl, connection.Settings["base_url"]);
        Assert.Equal("cust_42", connection.Metadata["customer_id"]);
        Assert.Equal(15, connection.SyncIntervalMinutes);
        Assert.NotNull(connection.NextSyncAt);
        Assert.StartsWith("mw_test_ct_", created.Token.Token);
        Assert.Equal([TokenScopes.Read, TokenScopes.Write], created.Token.Scopes);

        var keyClient = new MillwrightClient(http, account.TestSecretKey);
        Assert.Equal(connection.Id, (await new MillwrightClient(http, created.Token.Token).GetCurrentConnectionAsync()).Id);
        Assert.Equal(connection with { NextSyncAt = null, Status = "", LastSyncedAt = null, UpdatedAt = default },
            (await keyClient.GetConnectionAsync(connection.Id)) with { NextSyncAt = null, Status = "", LastSyncedAt = null, UpdatedAt = default },
            ConnectionComparer.Instance);
        Assert.Contains((await keyClient.ListConnectionsAsync()).Data, c => c.Id == connection.Id);
    }

    [Fact]
    public async Task CreateConnection_FirstSync_TurnsActiveWithLastSyncTime()
    {
        var account = await host.CreateAccountAsync();
        var created = await new MillwrightClient(http, account.TestSecretKey).CreateConnectionAsync(sandbox.MaintainX());

        var synced = await SandboxServer.WaitForFirstSyncAsync(new MillwrightClient(http, created.Token.Token));

        Assert.Equal(ConnectionStatuses.Active, synced.Status);
        Assert.NotNull(synced.LastSyncedAt);
        Assert.NotNull(synced.NextSyncAt);
        Assert.Null(synced.LastError);
    }

    [Theory]
    [InlineData("not-a-maintainx-key")]
    [InlineData(MaintainXSandboxSettings.RevokedApiKey)]
    public async Task CreateConnection_WrongKey_Returns400CredentialsInvalidAndStoresNothing(string apiKey)
    {
        var account = await host.CreateAccountAsync();
        var client = new MillwrightClient(http, account.TestSecretKey);

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateConnectionAsync(sandbox.MaintainX(apiKey)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(ErrorCodes.ConnectionCredentialsInvalid, error.Code);
        Assert.Equal(ErrorSource.ConnectedSystem, error.Error!.Source);
        Assert.DoesNotContain(apiKey, error.Error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(account.AccountId);
    }

    [Fact]
    public async Task CreateConnection_KeyOfSeveralOrganizationsWithoutOne_Returns422AndStoresNothing()
    {
        var account = await host.CreateAccountAsync();
        var client = new MillwrightClient(http, account.TestSecretKey);

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateConnectionAsync(sandbox.MaintainX(MaintainXSandboxSettings.MultiOrgApiKey)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        await AssertNothingStoredAsync(account.AccountId);
    }

    [Theory]
    [InlineData("http", HttpStatusCode.UnprocessableEntity, ErrorCodes.ValidationFailed)]
    [InlineData("https", HttpStatusCode.BadGateway, ErrorCodes.UpstreamUnavailable)]
    public async Task CreateConnection_LiveKeyWithLoopbackUrl_IsRefusedByPlatformAndStoresNothing(string scheme, HttpStatusCode status, string code)
    {
        var account = await host.CreateAccountAsync();
        var client = new MillwrightClient(http, account.LiveSecretKey);
        var url = new UriBuilder(sandbox.MaintainXBaseUrl) { Scheme = scheme }.Uri.ToString();

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateConnectionAsync(sandbox.MaintainX() with
        {
            Settings = new Dictionary<string, string> { ["base_url"] = url },
        }));

        // Live connections need https and never reach private or loopback addresses (the SSRF guard);
        // only test connections may reach the sandbox.
        Assert.Equal(status, error.Status);
        Assert.Equal(code, error.Code);
        Assert.Equal(ErrorSource.Platform, error.Error!.Source);
        await AssertNothingStoredAsync(account.AccountId);
    }

    [Fact]
    public async Task CreateConnection_InvalidFields_Returns422NamingEachFieldAndStoresNothing()
    {
        var account = await host.CreateAccountAsync();
        var (status, error) = await PostRawAsync(account.TestSecretKey, """
            {"system":"maintainx","settings":{"base_url":5,"colour":"red","api_key":"pasted-here"},"credentials":{},"metadata":{"n":1},"sync_interval_minutes":2}
            """);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.Equal(
            ["credentials.api_key", "metadata.n", "settings.api_key", "settings.base_url", "settings.colour", "sync_interval_minutes"],
            error.Details!.Select(d => d.Field).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("pasted-here", error.Message + string.Concat(error.Details!.Select(d => d.Message)), StringComparison.Ordinal);
        await AssertNothingStoredAsync(account.AccountId);
    }

    [Fact]
    public async Task CreateConnection_UnknownSystem_Returns400UnknownSystem()
    {
        var account = await host.CreateAccountAsync();
        var (status, error) = await PostRawAsync(account.TestSecretKey, """{"system":"sap-r2","settings":{},"credentials":{}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ErrorCodes.UnknownSystem, error.Code);
        Assert.Equal("system", Assert.Single(error.Details!).Field);
        await AssertNothingStoredAsync(account.AccountId);
    }

    [Fact]
    public async Task CreateConnection_UnknownTopLevelMember_Returns400InvalidJson()
    {
        var account = await host.CreateAccountAsync();
        var (status, error) = await PostRawAsync(account.TestSecretKey, $$"""
            {"system":"maintainx","settings":{"base_url":"{{sandbox.MaintainXBaseUrl}}"},"credentials":{"api_key":"{{MaintainXSandboxSettings.DemoApiKey}}"},"sync_interval":30}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(ErrorCodes.InvalidJson, error.Code);
        Assert.Contains("sync_interval", error.Message);
        Assert.DoesNotContain(MaintainXSandboxSettings.DemoApiKey, error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(account.AccountId);
    }

    [Fact]
    public async Task CreateConnection_Always_StoresCredentialsOnlyEncrypted()
    {
        var account = await host.CreateAccountAsync();
        var created = await new MillwrightClient(http, account.TestSecretKey).CreateConnectionAsync(sandbox.MaintainX());
        var secret = MaintainXSandboxSettings.DemoApiKey;

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var row = await db.Connections.AsNoTracking().SingleAsync(c => c.Id == created.Connection.Id);
        Assert.NotEmpty(row.CredentialsCipher);
        Assert.False(Contains(row.CredentialsCipher, Encoding.UTF8.GetBytes(secret)));
        Assert.False(Contains(row.CredentialsCipher, Encoding.UTF8.GetBytes(secret[^20..])));
        foreach (var column in new[] { row.SettingsJson, row.MetadataJson, row.DisplayName, row.LastError, row.Status })
        {
            Assert.DoesNotContain(secret[^20..], column ?? "", StringComparison.Ordinal);
        }

        var token = await db.ConnectionTokens.AsNoTracking().SingleAsync(t => t.ConnectionId == row.Id);
        Assert.NotEqual(created.Token.Token, token.TokenHash);
        Assert.DoesNotContain(created.Token.Token, token.Hint, StringComparison.Ordinal);
        // The cipher is the credentials, sealed: the server's key opens it, bound to this connection.
        Assert.Equal(secret, scope.ServiceProvider.GetRequiredService<CredentialProtector>().Unprotect(row.Id, row.CredentialsCipher)["api_key"]);

        if (!TestDatabases.UsesPostgres)
        {
            // Nowhere in the store's files either (WAL included), in plain text.
            foreach (var file in Directory.GetFiles(host.DataDirectory, "millwright.db*"))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer);
                Assert.False(Contains(buffer.ToArray(), Encoding.UTF8.GetBytes(secret[^20..])), $"{Path.GetFileName(file)} holds the API key in clear.");
            }
        }
    }

    [Fact]
    public async Task DeleteConnection_AfterFirstSync_RemovesRecordsAndTokensStopAtOnce()
    {
        var account = await host.CreateAccountAsync();
        var keyClient = new MillwrightClient(http, account.TestSecretKey);
        var created = await keyClient.CreateConnectionAsync(sandbox.MaintainX());
        var tokenClient = new MillwrightClient(http, created.Token.Token);
        Assert.Equal(ConnectionStatuses.Active, (await SandboxServer.WaitForFirstSyncAsync(tokenClient)).Status);
        Assert.True(await RecordCountAsync(created.Connection.Id) > 0);

        await keyClient.DeleteConnectionAsync(created.Connection.Id);

        var refused = await Assert.ThrowsAsync<MillwrightApiException>(() => tokenClient.GetCurrentConnectionAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<MillwrightApiException>(() => keyClient.GetConnectionAsync(created.Connection.Id))).Status);
        Assert.Equal(0, await RecordCountAsync(created.Connection.Id));
    }

    [Fact]
    public async Task ConnectionLifecycle_AnyOutcome_NeverLogsSecrets()
    {
        var logs = new CapturedLogs();
        using var logged = new MillwrightHost(
            new Dictionary<string, string?>
            {
                [$"{new MaintainXSandboxModule().ConfigurationSection}:RequestsPerMinute"] = "100000",
                [$"{new MaintainXSandboxModule().ConfigurationSection}:WorkOrderCount"] = "50",
                [$"{new MaintainXSandboxModule().ConfigurationSection}:AssetCount"] = "10",
            },
            configureServices: logs.AddTo);
        using var loggedHttp = logged.Http();
        var account = await logged.CreateAccountAsync();
        var client = new MillwrightClient(loggedHttp, account.TestSecretKey);
        var baseUrl = new Uri(logged.BaseAddress, "sandbox/maintainx/v1").ToString();
        var request = sandbox.MaintainX() with { Settings = new Dictionary<string, string> { ["base_url"] = baseUrl } };

        await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateConnectionAsync(request with
        {
            Credentials = new Dictionary<string, string> { ["api_key"] = MaintainXSandboxSettings.RevokedApiKey },
        }));
        await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateConnectionAsync(request with
        {
            Settings = new Dictionary<string, string> { ["base_url"] = baseUrl, ["api_key"] = MaintainXSandboxSettings.MultiOrgApiKey },
        }));
        var created = await client.CreateConnectionAsync(request);
        var tokenClient = new MillwrightClient(loggedHttp, created.Token.Token);
        Assert.Equal(ConnectionStatuses.Active, (await SandboxServer.WaitForFirstSyncAsync(tokenClient)).Status);
        var second = await client.CreateConnectionTokenAsync(created.Connection.Id);
        await client.RevokeConnectionTokenAsync(created.Connection.Id, second.Id);
        await Assert.ThrowsAsync<MillwrightApiException>(() => new MillwrightClient(loggedHttp, second.Token).GetCurrentConnectionAsync());
        await client.DeleteConnectionAsync(created.Connection.Id);

        // The capture sees the server's own entries about this connection, so the checks below are not vacuous.
        Assert.Contains(logs.Entries, e => e.Contains(created.Connection.Id, StringComparison.Ordinal) && e.Contains("created", StringComparison.Ordinal));
        string[] secrets =
        [
            MaintainXSandboxSettings.DemoApiKey[^24..],
            MaintainXSandboxSettings.RevokedApiKey[^24..],
            MaintainXSandboxSettings.MultiOrgApiKey[^24..],
            created.Token.Token[11..],
            second.Token[11..],
            account.TestSecretKey[11..],
        ];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs.Entries, e => e.Contains(secret, StringComparison.Ordinal));
        }
    }

    private async Task<(HttpStatusCode Status, ApiError Error)> PostRawAsync(string bearer, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/connections") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", bearer);
        using var response = await http.SendAsync(request);
        var envelope = await response.Content.ReadFromJsonAsync<ErrorEnvelope>(MillwrightJson.Options);
        return (response.StatusCode, envelope!.Error);
    }

    private async Task AssertNothingStoredAsync(string accountId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        Assert.False(await db.Connections.AnyAsync(c => c.AccountId == accountId));
        Assert.False(await db.ConnectionTokens.AnyAsync(t => t.AccountId == accountId));
    }

    private async Task<int> RecordCountAsync(string connectionId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MillwrightDb>().Records.CountAsync(r => r.ConnectionId == connectionId);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>Compares connections by value, maps included (records compare dictionaries by reference).</summary>
    private sealed class ConnectionComparer : IEqualityComparer<Connection>
    {
        public static readonly ConnectionComparer Instance = new();

        public bool Equals(Connection? x, Connection? y) =>
            x is not null && y is not null
            && x with { Settings = y.Settings, Metadata = y.Metadata } == y
            && x.Settings.OrderBy(p => p.Key).SequenceEqual(y.Settings.OrderBy(p => p.Key))
            && x.Metadata.OrderBy(p => p.Key).SequenceEqual(y.Metadata.OrderBy(p => p.Key));

        public int GetHashCode(Connection obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
