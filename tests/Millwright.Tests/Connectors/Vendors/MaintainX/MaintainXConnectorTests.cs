using System.Net;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using static Millwright.Tests.Connectors.Vendors.MaintainX.MaintainXHarness;

namespace Millwright.Tests.Connectors.Vendors.MaintainX;

public sealed class MaintainXConnectorTests
{
    private static ReadRequest Read(Entity entity, string? cursor = null, DateTimeOffset? since = null, int pageSize = 100) =>
        new(entity, cursor, since, pageSize);

    [Fact]
    public async Task ReadPage_Unauthorized_IsAuthFailedWithoutLeakingTheKey()
    {
        using var harness = new MaintainXHarness(_ => Respond(HttpStatusCode.Unauthorized, """{"error":"Invalid token mx-secret-key-123"}"""));

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.WorkOrders), CancellationToken.None);

        Assert.Equal(FailureCategory.AuthFailed, result.Failure!.Category);
        Assert.Equal(ErrorCodes.ConnectionCredentialsInvalid, result.Failure.Code);
        Assert.Equal(401, result.Failure.UpstreamStatus);
        Assert.DoesNotContain("mx-secret-key-123", result.Failure.Message, StringComparison.Ordinal);
        Assert.Single(harness.Transport!.Requests);
    }

    [Fact]
    public async Task ReadPage_TooManyRequests_IsRateLimitedWithTheVendorsResetTime()
    {
        using var harness = new MaintainXHarness(_ => Respond((HttpStatusCode)429, """{"error":"Too many requests. Please retry in 30 seconds"}""",
            r => r.Headers.Add("X-Rate-Limit-Reset", "30")));

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.Assets), CancellationToken.None);

        Assert.Equal(FailureCategory.RateLimited, result.Failure!.Category);
        Assert.Equal(ErrorCodes.UpstreamRateLimited, result.Failure.Code);
        Assert.Equal(TimeSpan.FromSeconds(30), result.Failure.RetryAfter);
    }

    [Fact]
    public async Task ReadPage_TooManyRequestsWithOnlyABodyHint_UsesTheHint()
    {
        using var harness = new MaintainXHarness(_ => Respond((HttpStatusCode)429, """{"error":"Too many requests. Please retry in 12 seconds"}"""));

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.Users), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(12), result.Failure!.RetryAfter);
    }

    [Fact]
    public async Task ReadPage_ShortRateLimit_IsWaitedOutAndRetried()
    {
        var calls = 0;
        using var harness = new MaintainXHarness(_ => Interlocked.Increment(ref calls) == 1
            ? Respond((HttpStatusCode)429, """{"error":"Too many requests"}""", r => r.Headers.Add("Retry-After", "0"))
            : Fixture("users.json"));

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.Users), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task ReadPage_ServerErrorThatPersists_IsRetriedThenTransient()
    {
        using var harness = new MaintainXHarness(_ => Respond(HttpStatusCode.InternalServerError, """{"error":"Internal server error."}"""));

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.Users), CancellationToken.None);

        Assert.Equal(FailureCategory.Transient, result.Failure!.Category);
        Assert.Equal(ErrorCodes.UpstreamUnavailable, result.Failure.Code);
        Assert.Contains("Internal server error", result.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(4, harness.Transport!.Requests.Count);
    }

    [Fact]
    public async Task ReadPage_GatewayTimeout_IsUpstreamTimeout()
    {
        using var harness = new MaintainXHarness(_ => new HttpResponseMessage(HttpStatusCode.GatewayTimeout));

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.Users), CancellationToken.None);

        Assert.Equal(ErrorCodes.UpstreamTimeout, result.Failure!.Code);
    }

    [Theory]
    [InlineData("<html><body>Welcome to nginx</body></html>")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"data":[]}""")]
    public async Task ReadPage_GarbageBody_IsPermanentInvalidResponse(string body)
    {
        using var harness = new MaintainXHarness(_ => Respond(HttpStatusCode.OK, body));

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.WorkOrders), CancellationToken.None);

        Assert.Equal(FailureCategory.Permanent, result.Failure!.Category);
        Assert.Equal(ErrorCodes.UpstreamInvalidResponse, result.Failure.Code);
        Assert.Contains("not the MaintainX API", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPage_MultiOrganizationKeyWithoutOrganization_IsConfigInPlainWords()
    {
        using var harness = new MaintainXHarness(_ => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new ByteArrayContent(MaintainXFixtures.Bytes("error-missing-organization.json")),
        });

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.Locations), CancellationToken.None);

        Assert.Equal(FailureCategory.Config, result.Failure!.Category);
        Assert.Contains("set the organization ID", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPage_OtherBadRequest_IsPermanentRejected()
    {
        using var harness = new MaintainXHarness(_ => Respond(HttpStatusCode.BadRequest, """{"errors":[{"error":"Invalid value","fieldPath":"limit"}]}"""));

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.Parts), CancellationToken.None);

        Assert.Equal(FailureCategory.Permanent, result.Failure!.Category);
        Assert.Equal(ErrorCodes.UpstreamRejected, result.Failure.Code);
        Assert.Contains("limit: Invalid value", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPage_SendsBearerOrganizationExpandAndIncrementalFilter()
    {
        using var harness = new MaintainXHarness(_ => Fixture("workorders.json"));
        var since = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

        await harness.Connector.ReadPageAsync(Connection(organizationId: "42"), Read(Entity.WorkOrders, since: since, pageSize: 999), CancellationToken.None);

        var request = harness.Transport!.Requests.First(r => r.RequestUri!.AbsolutePath == "/v1/workorders");
        Assert.Equal("Bearer mx-secret-key-123", request.Headers.Authorization!.ToString());
        Assert.Equal("42", request.Headers.GetValues("x-organization-id").Single());
        var query = Uri.UnescapeDataString(request.RequestUri!.Query);
        Assert.Contains("limit=200", query, StringComparison.Ordinal);
        Assert.Contains("updatedAt[gte]=2024-03-01T00:00:00.000Z", query, StringComparison.Ordinal);
        Assert.Contains("expand=assignees", query, StringComparison.Ordinal);
        Assert.Contains("show_upcoming=true", query, StringComparison.Ordinal);
        Assert.DoesNotContain("cursor=", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPage_OffsetPagedEntity_ReadsWithAnOverlapWindow_AndFullEntitiesIgnoreModifiedSince()
    {
        using var harness = new MaintainXHarness(r => Fixture(r.RequestUri!.AbsolutePath.EndsWith("/assets", StringComparison.Ordinal) ? "assets.json" : r.RequestUri.AbsolutePath.EndsWith("/users", StringComparison.Ordinal) ? "users.json" : "locations.json"));
        var since = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

        await harness.Connector.ReadPageAsync(Connection(), Read(Entity.Assets, since: since), CancellationToken.None);
        await harness.Connector.ReadPageAsync(Connection(), Read(Entity.Users, since: since), CancellationToken.None);

        var queries = harness.Transport!.Requests.Select(r => Uri.UnescapeDataString(r.RequestUri!.PathAndQuery)).ToList();
        Assert.Contains(queries, q => q.StartsWith("/v1/assets?", StringComparison.Ordinal) && q.Contains("updatedAt[gte]=2024-02-29T23:55:00.000Z", StringComparison.Ordinal));
        Assert.Contains(queries, q => q.StartsWith("/v1/users?", StringComparison.Ordinal) && !q.Contains("updatedAt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadPage_WorkOrders_ReturnsRecordsWithTimesDeletionAndSite()
    {
        using var harness = new MaintainXHarness(r => Fixture(r.RequestUri!.AbsolutePath.EndsWith("/locations", StringComparison.Ordinal) ? "locations.json" : "workorders.json"));

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.WorkOrders), CancellationToken.None);

        var page = result.Value!;
        Assert.Equal(3, page.Records.Count);
        var first = page.Records[0];
        Assert.Equal("1001", first.RemoteId);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero), first.RemoteCreatedAt);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 10, 0, 0, TimeSpan.Zero), first.RemoteUpdatedAt);
        Assert.Null(first.RemoteDeletedAt);
        Assert.Equal(852, (long?)first.Data["_millwright"]!["siteLocationId"]);
        Assert.Null(first.Data.Parent);
        Assert.Equal(new DateTimeOffset(2024, 3, 7, 6, 0, 0, TimeSpan.Zero), page.Records[2].RemoteDeletedAt);
        Assert.Equal(852, (long?)page.Records[2].Data["_millwright"]!["siteLocationId"]);
        Assert.NotNull(page.NextCursor);
        Assert.NotEqual("eyJpZCI6MTAwM30=", page.NextCursor);
    }

    [Fact]
    public async Task ReadPage_LocationHierarchy_IsFetchedOncePerConnectionNotPerPage()
    {
        using var harness = new MaintainXHarness(r => Fixture(r.RequestUri!.AbsolutePath.EndsWith("/locations", StringComparison.Ordinal) ? "locations.json" : "assets.json"));
        var connection = Connection();

        await harness.Connector.ReadPageAsync(connection, Read(Entity.Assets), CancellationToken.None);
        await harness.Connector.ReadPageAsync(connection, Read(Entity.Assets), CancellationToken.None);

        Assert.Equal(1, harness.Transport!.Requests.Count(r => r.RequestUri!.AbsolutePath.EndsWith("/locations", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReadPage_Sites_AreTheTopLevelLocations()
    {
        using var harness = new MaintainXHarness(_ => Fixture("locations.json"));

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.Sites), CancellationToken.None);

        Assert.Equal(["852"], result.Value!.Records.Select(r => r.RemoteId));
        Assert.Null(result.Value.NextCursor);
    }

    [Fact]
    public async Task ReadPage_PurchaseOrders_AreReadInFullFromTheDetailEndpoint()
    {
        using var harness = new MaintainXHarness(r => r.RequestUri!.AbsolutePath switch
        {
            "/v1/purchaseorders" => Fixture("purchaseorders.json"),
            "/v1/purchaseorders/135" => Fixture("purchaseorder.json"),
            _ => Respond(HttpStatusCode.NotFound, """{"error":"Not Found."}"""),
        });

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.PurchaseOrders, pageSize: 200), CancellationToken.None);

        Assert.Contains("limit=50", harness.Transport!.Requests[0].RequestUri!.Query, StringComparison.Ordinal);
        var records = result.Value!.Records;
        Assert.Equal(2, records.Count);
        Assert.Equal(2, records[0].Data["items"]!.AsArray().Count);
        Assert.Equal("PENDING", (string?)records[1].Data["status"]);
        Assert.Null(records[1].Data["items"]);
    }

    [Fact]
    public async Task ReadPage_Teams_CarryTheirMembers()
    {
        using var harness = new MaintainXHarness(r => Fixture(r.RequestUri!.AbsolutePath == "/v1/teams" ? "teams.json" : "team-members.json"));

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.Teams), CancellationToken.None);

        Assert.Equal(2, result.Value!.Records[0].Data["members"]!.AsArray().Count);
        Assert.Contains(harness.Transport!.Requests, r => r.RequestUri!.AbsolutePath == "/v1/teams/254/members");
    }

    [Fact]
    public async Task ReadPage_VendorRepeatsACursor_StopsWithPermanentFailure()
    {
        using var harness = new MaintainXHarness(_ => Respond(HttpStatusCode.OK, """{"users":[{"id":1,"firstName":"A","lastName":"B"}],"nextCursor":"same"}"""));
        var connection = Connection();

        var first = await harness.Connector.ReadPageAsync(connection, Read(Entity.Users), CancellationToken.None);
        var second = await harness.Connector.ReadPageAsync(connection, Read(Entity.Users, first.Value!.NextCursor), CancellationToken.None);

        Assert.True(first.IsSuccess);
        Assert.Equal(FailureCategory.Permanent, second.Failure!.Category);
        Assert.Contains("already returned", second.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("cursor=same", Uri.UnescapeDataString(harness.Transport!.Requests[1].RequestUri!.Query), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPage_ForeignCursor_IsRefused()
    {
        using var harness = new MaintainXHarness(_ => Fixture("users.json"));

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.Users, "garbage!"), CancellationToken.None);

        Assert.Equal(ErrorCodes.InvalidCursor, result.Failure!.Code);
        Assert.Empty(harness.Transport!.Requests);
    }

    [Fact]
    public async Task ReadPage_EntityMaintainXDoesNotList_IsRefusedWithoutACall()
    {
        using var harness = new MaintainXHarness(_ => Fixture("users.json"));

        var result = await harness.Connector.ReadPageAsync(Connection(), Read(Entity.MeterReadings), CancellationToken.None);

        Assert.Equal(FailureCategory.Permanent, result.Failure!.Category);
        Assert.Empty(harness.Transport!.Requests);
    }

    [Theory]
    [InlineData("http://api.getmaintainx.com/v1", "live", "https address")]
    [InlineData("not a url", "test", "http(s) address")]
    [InlineData("https://user:pw@api.getmaintainx.com/v1", "live", "without credentials")]
    public async Task ReadPage_BadBaseUrl_IsConfigWithoutACall(string baseUrl, string environment, string reason)
    {
        using var harness = new MaintainXHarness(_ => Fixture("users.json"));

        var result = await harness.Connector.ReadPageAsync(Connection(baseUrl, environment), Read(Entity.Users), CancellationToken.None);

        Assert.Equal(FailureCategory.Config, result.Failure!.Category);
        Assert.Contains(reason, result.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Transport!.Requests);
    }

    [Theory]
    [InlineData("https://10.0.0.1/v1")]
    [InlineData("https://169.254.169.254/v1")]
    [InlineData("https://127.0.0.1/v1")]
    [InlineData("https://localhost/v1")]
    [InlineData("https://localhost/sandbox/maintainx/v1")]
    [InlineData("https://[::127.0.0.1]/v1")]
    [InlineData("https://[::10.0.0.1]/v1")]
    [InlineData("https://[::169.254.169.254]/v1")]
    [InlineData("https://[::ffff:0:a00:1]/v1")]
    public async Task ReadPage_LiveConnectionToInternalAddress_IsRefusedByTheGuard(string baseUrl)
    {
        using var harness = new MaintainXHarness();

        var result = await harness.Connector.ReadPageAsync(Connection(baseUrl), Read(Entity.Users), CancellationToken.None);

        Assert.Equal(FailureCategory.Config, result.Failure!.Category);
        Assert.Contains("private or internal network", result.Failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/v1")]
    [InlineData("http://localhost:{0}/x/sandbox/maintainx/v1")]
    [InlineData("http://[::1]:{0}/v1")]
    [InlineData("http://[::127.0.0.1]:{0}/sandbox/maintainx/v1")]
    public async Task ReadPage_TestConnectionToLoopbackOutsideTheSandboxMounts_IsRefusedBeforeAnyConnection(string template)
    {
        // Something listens there and would answer: the refusal must come before the connection.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var harness = new MaintainXHarness();

        var result = await harness.Connector.ReadPageAsync(Connection(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, port), "test"), Read(Entity.Users), CancellationToken.None);

        Assert.Equal(FailureCategory.Config, result.Failure!.Category);
        Assert.Contains("private or internal network", result.Failure.Message, StringComparison.Ordinal);
        Assert.False(listener.Pending());
    }

    [Fact]
    public async Task ReadPage_TestConnectionToClosedLoopbackPort_IsTransientInPlainWords()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var harness = new MaintainXHarness();

        var result = await harness.Connector.ReadPageAsync(Connection($"http://127.0.0.1:{port}/sandbox/maintainx/v1", "test"), Read(Entity.Users), CancellationToken.None);

        Assert.Equal(FailureCategory.Transient, result.Failure!.Category);
        Assert.Contains("refused the connection", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SingleOrganization_ReturnsItsName()
    {
        using var harness = new MaintainXHarness(_ => Fixture("organizations.json"));

        var result = await harness.Connector.CheckAsync(Connection(), CancellationToken.None);

        Assert.Equal("Acme Manufacturing", result.Value!.DisplayName);
    }

    [Fact]
    public async Task Check_UnknownOrganization_IsConfigListingTheReachableOnes()
    {
        using var harness = new MaintainXHarness(_ => Fixture("organizations.json"));

        var result = await harness.Connector.CheckAsync(Connection(organizationId: "77"), CancellationToken.None);

        Assert.Equal(FailureCategory.Config, result.Failure!.Category);
        Assert.Contains("no access to MaintainX organization 77", result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("1 (Acme Manufacturing)", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SeveralOrganizationsWithoutChoice_AsksForOne()
    {
        using var harness = new MaintainXHarness(_ => Respond(HttpStatusCode.OK, """{"organizations":[{"id":1,"name":"A"},{"id":2,"name":"B"}],"nextCursor":null}"""));

        var result = await harness.Connector.CheckAsync(Connection(), CancellationToken.None);

        Assert.Contains("several MaintainX organizations", result.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WrongKey_IsAuthFailed()
    {
        using var harness = new MaintainXHarness(_ => new HttpResponseMessage(HttpStatusCode.Unauthorized));

        var result = await harness.Connector.CheckAsync(Connection(), CancellationToken.None);

        Assert.Equal(FailureCategory.AuthFailed, result.Failure!.Category);
    }

    [Fact]
    public async Task Check_NotMaintainX_SaysSo()
    {
        using var harness = new MaintainXHarness(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("<h1>Not found</h1>") });

        var result = await harness.Connector.CheckAsync(Connection(), CancellationToken.None);

        Assert.Equal(FailureCategory.Config, result.Failure!.Category);
        Assert.Contains("does not look like the MaintainX API", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadPage_CallerCancels_Throws()
    {
        using var harness = new MaintainXHarness(_ => Fixture("users.json"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            harness.Connector.ReadPageAsync(Connection(), Read(Entity.Users), cancelled.Token));
    }
}
