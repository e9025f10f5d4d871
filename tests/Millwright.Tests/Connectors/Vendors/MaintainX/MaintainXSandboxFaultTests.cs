using System.Net;
using System.Net.Http.Json;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Sandbox.MaintainX;

namespace Millwright.Tests.Connectors.Vendors.MaintainX;

/// <summary>The connector against the sandbox's fault knobs (own sandbox instance: knobs are global to it).</summary>
public sealed class MaintainXSandboxFaultTests(MaintainXSandboxFixture fixture) : IClassFixture<MaintainXSandboxFixture>, IDisposable
{
    private readonly MaintainXHarness harness = new(options: o => o.MaxRateGateWait = TimeSpan.FromMilliseconds(200));

    private ConnectionContext Connection() =>
        MaintainXHarness.Connection(fixture.Host.ApiBaseUrl.ToString(), "test", apiKey: MaintainXSandboxSettings.DemoApiKey);

    public void Dispose()
    {
        fixture.Sandbox.Faults.Reset();
        fixture.Sandbox.Reset();
        harness.Dispose();
    }

    [Fact]
    public async Task ReadPage_Vendor429_IsRateLimitedWithItsResetTime_AndTheConnectionIsHeld()
    {
        var connection = Connection();
        fixture.Sandbox.Faults.ForceStatus(429);

        var limited = await harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Users, null, null, 10), CancellationToken.None);
        var held = await harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Users, null, null, 10), CancellationToken.None);

        Assert.Equal(FailureCategory.RateLimited, limited.Failure!.Category);
        Assert.Equal(ErrorCodes.UpstreamRateLimited, limited.Failure.Code);
        Assert.Equal(429, limited.Failure.UpstreamStatus);
        Assert.InRange(limited.Failure.RetryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.Equal(FailureCategory.RateLimited, held.Failure!.Category);
        Assert.Null(held.Failure.UpstreamStatus);
    }

    [Fact]
    public async Task ReadPage_BriefServerErrors_AreRetriedAway()
    {
        fixture.Sandbox.Faults.ForceStatus(503, 2);

        var result = await harness.Connector.ReadPageAsync(Connection(), new ReadRequest(Entity.Teams, null, null, 10), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
    }

    [Fact]
    public async Task ReadPage_PersistentServerErrors_AreTransient()
    {
        fixture.Sandbox.Faults.ErrorRate = 1;

        var result = await harness.Connector.ReadPageAsync(Connection(), new ReadRequest(Entity.Vendors, null, null, 10), CancellationToken.None);

        Assert.Equal(FailureCategory.Transient, result.Failure!.Category);
        Assert.Equal(500, result.Failure.UpstreamStatus);
    }

    [Fact]
    public async Task ErrorEvery_SetOverTheAdminEndpoint_FailsExactlyEveryNthRequest()
    {
        using var admin = new HttpClient();
        using var set = await admin.PostAsJsonAsync(new Uri(fixture.Host.AdminBaseUrl, "faults"), new { error_every = 3 });
        using var api = fixture.Client();

        var statuses = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await api.GetAsync(new Uri("users?limit=1", UriKind.Relative));
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(3, fixture.Sandbox.Faults.Snapshot().ErrorEvery);
        Assert.Equal([200, 200, 500, 200, 200, 500, 200], statuses);
    }

    [Fact]
    public async Task ReadPage_SmallVendorLimit_IsLearnedFromHeadersAndPacedBeforeTheVendorRefuses()
    {
        await using var strict = await SandboxHost.StartAsync(new MaintainXSandboxModule(), new MaintainXSandboxSettings { RequestsPerMinute = 3, WorkOrderCount = 50, AssetCount = 10 });
        var connection = MaintainXHarness.Connection(strict.ApiBaseUrl.ToString(), "test", apiKey: MaintainXSandboxSettings.DemoApiKey);

        var outcomes = new List<ConnectorFailure?>();
        for (var i = 0; i < 5; i++)
        {
            var result = await harness.Connector.ReadPageAsync(connection, new ReadRequest(Entity.Users, null, null, 5), CancellationToken.None);
            outcomes.Add(result.Failure);
        }

        Assert.Null(outcomes[0]);
        Assert.Contains(outcomes, f => f is { Category: FailureCategory.RateLimited, UpstreamStatus: null });
        Assert.DoesNotContain(outcomes, f => f?.UpstreamStatus == 429);
    }
}
