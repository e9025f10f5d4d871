using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client;
using Millwright.Client.Errors;
using Millwright.Client.Sandboxes;
using Millwright.Sandbox.MaintainX;
using Millwright.Server.Hosting.Modules;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Security;

/// <summary>
/// Issue 20, item 4: each account's test connections use the account's own sandbox tenant — own data, own fault
/// knobs, own credentials issued by Millwright — so no account can see or disturb another's; the fault knobs need the
/// tenant's control key, and the shared mounts with the published demo credentials are off unless the operator
/// turns them on.
/// </summary>
public sealed class SandboxTenancyTests : IClassFixture<SandboxTenancyTests.Server>
{
    private readonly Server fixture;

    public SandboxTenancyTests(Server fixture) => this.fixture = fixture;

    private MillwrightHost Host => fixture.Host;

    /// <summary>A default installation (shared mounts off) with a small MaintainX seed.</summary>
    public sealed class Server : IDisposable
    {
        public MillwrightHost Host { get; } = new(new Dictionary<string, string?>
        {
            ["Millwright:SandboxSharedMounts"] = "false",
            [$"{new MaintainXSandboxModule().ConfigurationSection}:RequestsPerMinute"] = "100000",
            [$"{new MaintainXSandboxModule().ConfigurationSection}:WorkOrderCount"] = "40",
            [$"{new MaintainXSandboxModule().ConfigurationSection}:AssetCount"] = "20",
        });

        public void Dispose() => Host.Dispose();
    }

    [Fact]
    public async Task OwnTenant_ConnectionFromGetSandbox_SyncsTheTenantsData()
    {
        var account = await Host.CreateAccountAsync();
        var keys = new MillwrightClient(Host.Http(), account.TestSecretKey);
        var sandbox = await keys.GetSandboxAsync();
        var maintainx = MaintainX(sandbox);
        var created = await keys.CreateConnectionAsync(maintainx.Connection);
        var token = new MillwrightClient(Host.Http(), created.Token.Token);
        var connection = await SandboxServer.WaitForFirstSyncAsync(token);

        Assert.Equal("active", connection.Status);
        Assert.Contains($"/sandbox/{sandbox.Tenant}/maintainx/", maintainx.Connection.Settings["base_url"], StringComparison.Ordinal);
        Assert.StartsWith(account.AccountId + ".", sandbox.Tenant, StringComparison.Ordinal);
        Assert.Equal(VendorModules.All.Count, sandbox.Systems.Count);
        using var direct = Tenant(maintainx);
        var listed = await direct.GetFromJsonAsync<JsonObject>("workorders?limit=100");
        var workOrders = await token.ListAsync<Millwright.Client.Models.WorkOrder>(new ListQuery { Limit = 100 });
        // Deleted work orders stay in MaintainX's list with deletedAt set; the unified list leaves them out.
        Assert.Equal(listed!["workOrders"]!.AsArray().Count(w => w!["deletedAt"] is null), workOrders.Data.Count);
    }

    public static TheoryData<string> Systems => [.. VendorModules.All.Select(m => m.SystemId)];

    /// <summary>Every vendor module: its tenant instance takes the tenant's secret, and refuses the published demo credentials.</summary>
    [Theory]
    [MemberData(nameof(Systems))]
    public async Task EveryVendor_TenantAcceptsItsOwnSecret_AndRefusesThePublishedCredentials(string system)
    {
        var module = Assert.Single(VendorModules.All, m => m.SystemId == system);
        var account = await Host.CreateAccountAsync();
        var keys = new MillwrightClient(Host.Http(), account.TestSecretKey, new MillwrightClientOptions { MaxAttempts = 1 });
        var own = Assert.Single((await keys.GetSandboxAsync()).Systems, s => s.System == system);
        var published = module.ConnectionRequest(new Uri(own.MountUrl), secret: null);

        var refused = await Assert.ThrowsAsync<MillwrightApiException>(() => keys.CreateConnectionAsync(published));
        var created = await keys.CreateConnectionAsync(own.Connection);
        await keys.DeleteConnectionAsync(created.Connection.Id);

        Assert.Equal(ErrorCodes.ConnectionCredentialsInvalid, refused.Error!.Code);
        Assert.NotEqual(own.Connection.Credentials, published.Credentials);
    }

    [Fact]
    public async Task AnotherAccountsTenant_IsRefusedBeforeAnyCall()
    {
        var owner = await Host.CreateAccountAsync("Owner");
        var intruder = await Host.CreateAccountAsync("Intruder");
        var ownerSandbox = await new MillwrightClient(Host.Http(), owner.TestSecretKey).GetSandboxAsync();
        var client = new MillwrightClient(Host.Http(), intruder.TestSecretKey, new MillwrightClientOptions { MaxAttempts = 1 });

        // The owner's URL and secret, used by another account: the guard refuses the address itself.
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateConnectionAsync(MaintainX(ownerSandbox).Connection));

        Assert.True(error.Status is HttpStatusCode.BadGateway or HttpStatusCode.UnprocessableEntity, $"{error.Status} {error.Message}");
        Assert.Empty((await client.ListConnectionsAsync()).Data);
    }

    [Fact]
    public async Task PublishedDemoKey_IsRefusedInATenant_AndTheSharedMountsAreOff()
    {
        var account = await Host.CreateAccountAsync();
        var maintainx = MaintainX(await new MillwrightClient(Host.Http(), account.TestSecretKey).GetSandboxAsync());

        using var demoKey = Tenant(maintainx, MaintainXSandboxSettings.DemoApiKey);
        using var refused = await demoKey.GetAsync("organizations");
        using var own = Tenant(maintainx);
        using var served = await own.GetAsync("organizations");
        using var anonymous = Host.Http();
        using var shared = await anonymous.GetAsync("sandbox/maintainx/v1/organizations");
        using var sharedFaults = await anonymous.PostAsJsonAsync("sandbox/maintainx/_sandbox/faults", new { revoke_key = MaintainXSandboxSettings.DemoApiKey });

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, shared.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, sharedFaults.StatusCode);
    }

    [Fact]
    public async Task FaultKnobs_NeedTheTenantsControlKey_AndStayInTheTenant()
    {
        var first = await new MillwrightClient(Host.Http(), (await Host.CreateAccountAsync("First")).TestSecretKey).GetSandboxAsync();
        var second = await new MillwrightClient(Host.Http(), (await Host.CreateAccountAsync("Second")).TestSecretKey).GetSandboxAsync();
        var faults = MaintainX(first).FaultsUrl;
        var body = new { error_rate = 1.0 };

        using var anonymous = Host.Http();
        using var withoutKey = await anonymous.PostAsJsonAsync(faults, body);
        using var othersKey = Host.Http(second.ControlKey);
        using var withOthersKey = await othersKey.PostAsJsonAsync(faults, body);
        using var ownKey = Host.Http(first.ControlKey);
        using var withOwnKey = await ownKey.PostAsJsonAsync(faults, body);
        using var secondKnobs = Host.Http(second.ControlKey);
        var secondFaults = await secondKnobs.GetFromJsonAsync<JsonObject>(MaintainX(second).FaultsUrl);
        using var firstClient = Tenant(MaintainX(first));
        using var firstAnswer = await firstClient.GetAsync("organizations");
        using var secondClient = Tenant(MaintainX(second));
        using var secondAnswer = await secondClient.GetAsync("organizations");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withOthersKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withOwnKey.StatusCode);
        Assert.Equal(0.0, (double)secondFaults!["error_rate"]!);
        Assert.True((int)firstAnswer.StatusCode >= 500, $"the first tenant's knob is on: {firstAnswer.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, secondAnswer.StatusCode);
    }

    [Fact]
    public async Task WriteInOneTenant_IsInvisibleInAnother()
    {
        var first = MaintainX(await new MillwrightClient(Host.Http(), (await Host.CreateAccountAsync("First")).TestSecretKey).GetSandboxAsync());
        var second = MaintainX(await new MillwrightClient(Host.Http(), (await Host.CreateAccountAsync("Second")).TestSecretKey).GetSandboxAsync());
        using var firstClient = Tenant(first);
        using var secondClient = Tenant(second);

        using var created = await firstClient.PostAsJsonAsync("workorders", new { title = "Only in the first tenant" });
        var id = (long)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        using var inFirst = await firstClient.GetAsync($"workorders/{id}");
        using var inSecond = await secondClient.GetAsync($"workorders/{id}");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, inFirst.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, inSecond.StatusCode);
    }

    [Fact]
    public async Task MadeUpTenant_IsNotServed_AndBuildsNoSandbox()
    {
        var account = await Host.CreateAccountAsync();
        var real = await new MillwrightClient(Host.Http(), account.TestSecretKey).GetSandboxAsync();
        var forged = real.Tenant[..^4] + (real.Tenant.EndsWith("0000", StringComparison.Ordinal) ? "1111" : "0000");
        var instances = Host.Services.GetRequiredService<TenantSandboxEndpoints>();
        var before = instances.Count;

        using var client = Host.Http(MaintainXSandboxSettings.DemoApiKey);
        using var forgedAnswer = await client.GetAsync($"sandbox/{forged}/maintainx/v1/organizations");
        using var otherAccount = await client.GetAsync("sandbox/acct_nobody.0123456789abcdef/maintainx/v1/organizations");

        Assert.Equal(HttpStatusCode.NotFound, forgedAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherAccount.StatusCode);
        Assert.Equal(before, instances.Count);
    }

    [Fact]
    public async Task GetSandbox_LiveKey_IsForbidden()
    {
        var account = await Host.CreateAccountAsync();
        var live = new MillwrightClient(Host.Http(), account.LiveSecretKey, new MillwrightClientOptions { MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => live.GetSandboxAsync());

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Equal(ErrorCodes.Forbidden, error.Error!.Code);
    }

    private static SandboxSystem MaintainX(AccountSandbox sandbox) => Assert.Single(sandbox.Systems, s => s.System == "maintainx");

    /// <summary>A client of the tenant's MaintainX API with the tenant's key, or <paramref name="apiKey"/>.</summary>
    private static HttpClient Tenant(SandboxSystem maintainx, string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(maintainx.Connection.Settings["base_url"] + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? maintainx.Connection.Credentials["api_key"]);
        return client;
    }
}
