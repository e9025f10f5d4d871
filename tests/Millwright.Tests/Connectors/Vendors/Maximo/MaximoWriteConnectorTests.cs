using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Connectors.Vendors.Maximo;
using Millwright.Sandbox.Maximo;
using Millwright.Tests.Sandbox.Maximo;

namespace Millwright.Tests.Connectors.Vendors.Maximo;

/// <summary>The Maximo connector's writes against the Maximo sandbox over real HTTP: POST /os, x-method-override: PATCH, changeStatus, faults.</summary>
public sealed class MaximoWriteConnectorTests(MaximoSandboxFixture fixture) : IClassFixture<MaximoSandboxFixture>, IDisposable
{
    private readonly WriteInterceptor interceptor = new();
    private MaximoHarness? harness;

    private IWritableConnector Writer => (IWritableConnector)(harness ??= new MaximoHarness(interceptor: interceptor)).Connector;

    private ConnectionContext Connection() => MaximoHarness.Connection(fixture.Host.BaseUrl.ToString(), MaximoSandboxSettings.DemoApiKey);

    public void Dispose()
    {
        harness?.Dispose();
        fixture.Sandbox.Faults.Reset();
    }

    private async Task<JsonObject> AssetAsync()
    {
        using var client = fixture.Client();
        var page = await client.GetObjectAsync("api/os/mxapiasset?lean=1&oslc.select=assetnum,siteid,location&oslc.where=" + Uri.EscapeDataString("status=\"OPERATING\"") + "&oslc.pageSize=1");
        return page["member"]![0]!.AsObject();
    }

    private async Task<RawRecord> CreateWorkOrderAsync()
    {
        var asset = await AssetAsync();
        var result = await Writer.CreateAsync(Connection(), new CreateRequest(Entity.WorkOrders, new JsonObject
        {
            ["description"] = "Pump seal leaking",
            ["wopriority"] = "2",
            ["targcompdate"] = "2026-09-30T16:00:00Z",
            ["_millwright"] = new JsonObject { ["asset"] = $"{asset["siteid"]}/{asset["assetnum"]}" },
        }, null), CancellationToken.None);
        Assert.True(result.IsSuccess, result.Failure?.Message);
        return result.Value!;
    }

    private static JsonObject Map(RawRecord record, Entity entity) => MappingEngine.Apply(MaximoMapping.Defaults[entity], record, "conn_test");

    [Fact]
    public async Task Create_WorkOrder_PostsOnceWithPropertiesAndReturnsTheRecordMaximoNumbered()
    {
        var asset = await AssetAsync();

        var record = await CreateWorkOrderAsync();

        Assert.Equal(1, interceptor.Count("POST"));
        Assert.Equal($"{asset["siteid"]}/{record.Data["wonum"]}", record.RemoteId);
        Assert.Equal("WAPPR", (string)record.Data["status"]!);
        Assert.Equal(2, (int)record.Data["wopriority"]!);
        Assert.Equal((string)asset["assetnum"]!, (string)record.Data["assetnum"]!);
        var mapped = Map(record, Entity.WorkOrders);
        Assert.Equal("open", (string?)mapped["status"]);
        Assert.Equal("high", (string?)mapped["priority"]);
        Assert.Equal("Pump seal leaking", (string?)mapped["title"]);
        Assert.NotNull(mapped["asset_id"]);
    }

    [Fact]
    public async Task Update_FieldsThenStatus_PatchesAndCallsChangeStatus()
    {
        var order = await CreateWorkOrderAsync();
        interceptor.Calls.Clear();

        var result = await Writer.UpdateAsync(Connection(), new UpdateRequest(Entity.WorkOrders, order.RemoteId,
            new JsonObject { ["description"] = "Pump seal replaced" }, new StatusChange("in_progress", "INPRG"), order.Data), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal(2, interceptor.Count("POST"));
        Assert.Equal("INPRG", (string)result.Value!.Data["status"]!);
        Assert.Equal("Pump seal replaced", (string)result.Value.Data["description"]!);
        Assert.Equal("in_progress", (string?)Map(result.Value, Entity.WorkOrders)["status"]);
    }

    [Fact]
    public async Task Update_TransitionMaximoForbids_IsStatusTransitionNotAllowedWithItsMessage()
    {
        var order = await CreateWorkOrderAsync();
        Assert.True((await Writer.UpdateAsync(Connection(), new UpdateRequest(Entity.WorkOrders, order.RemoteId, [], new StatusChange("completed", "COMP"), null),
            CancellationToken.None)).IsSuccess);

        var result = await Writer.UpdateAsync(Connection(), new UpdateRequest(Entity.WorkOrders, order.RemoteId, [], new StatusChange("open", null), null),
            CancellationToken.None);

        Assert.Equal(ErrorCodes.StatusTransitionNotAllowed, result.Failure!.Code);
        Assert.Contains(result.Failure.VendorMessages!, m => m.Contains("BMXAA4590E", StringComparison.Ordinal) && m.Contains("only be closed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_ServiceRequestAndAsset_AndMoveTheAssetDown()
    {
        var asset = await AssetAsync();
        var request = await Writer.CreateAsync(Connection(), new CreateRequest(Entity.MaintenanceRequests, new JsonObject
        {
            ["description"] = "Strange noise",
            ["reportedpriority"] = "3",
            ["_millwright"] = new JsonObject { ["asset"] = $"{asset["siteid"]}/{asset["assetnum"]}" },
        }, null), CancellationToken.None);
        var created = await Writer.CreateAsync(Connection(), new CreateRequest(Entity.Assets, new JsonObject
        {
            ["assetnum"] = "MW-NEW-1",
            ["siteid"] = (string)asset["siteid"]!,
            ["description"] = "Spare pump",
        }, null), CancellationToken.None);
        var down = await Writer.UpdateAsync(Connection(), new UpdateRequest(Entity.Assets, created.Value!.RemoteId, [], new StatusChange("down", null), null),
            CancellationToken.None);

        Assert.True(request.IsSuccess, request.Failure?.Message);
        Assert.StartsWith("SR/", request.Value!.RemoteId, StringComparison.Ordinal);
        Assert.Equal("pending", (string?)Map(request.Value, Entity.MaintenanceRequests)["status"]);
        Assert.Equal($"{asset["siteid"]}/MW-NEW-1", created.Value.RemoteId);
        Assert.Equal("BROKEN", (string)down.Value!.Data["status"]!);
        Assert.Equal("down", (string?)Map(down.Value, Entity.Assets)["status"]);
    }

    [Fact]
    public async Task Create_UnknownAttribute_IsUpstreamValidationFailedQuotingMaximo()
    {
        var result = await Writer.CreateAsync(Connection(), new CreateRequest(Entity.WorkOrders, new JsonObject { ["nosuchattr"] = "x" }, null), CancellationToken.None);

        Assert.Equal(ErrorCodes.UpstreamValidationFailed, result.Failure!.Code);
        Assert.Contains(result.Failure.VendorMessages!, m => m.StartsWith("BMXAA8714E", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_UnknownWorkOrder_IsUpstreamNotFound()
    {
        var result = await Writer.UpdateAsync(Connection(), new UpdateRequest(Entity.WorkOrders, "SPRFLD/NOPE404", new JsonObject { ["description"] = "x" }, null, null),
            CancellationToken.None);

        Assert.Equal(ErrorCodes.UpstreamNotFound, result.Failure!.Code);
    }

    [Fact]
    public async Task Update_RecordChangedBetweenReadAndPatch_Is412Conflict()
    {
        var order = await CreateWorkOrderAsync();
        var href = (string)order.Data["href"]!;
        using var other = fixture.Client();
        interceptor.Before = async request =>
        {
            if (request.Headers.TryGetValues("x-method-override", out _))
            {
                interceptor.Before = null;
                using var change = new HttpRequestMessage(HttpMethod.Post, href + "?lean=1") { Content = JsonContent.Create(new JsonObject { ["description"] = "Changed by a planner" }) };
                change.Headers.Add("x-method-override", "PATCH");
                using var response = await other.SendAsync(change);
                Assert.True(response.IsSuccessStatusCode);
            }
        };

        var result = await Writer.UpdateAsync(Connection(), new UpdateRequest(Entity.WorkOrders, order.RemoteId, new JsonObject { ["description"] = "Mine" }, null, order.Data),
            CancellationToken.None);

        Assert.Equal(ErrorCodes.UpstreamConflict, result.Failure!.Code);
        Assert.Equal(412, result.Failure.UpstreamStatus);
    }

    [Theory]
    [InlineData(429, ErrorCodes.UpstreamRateLimited, FailureCategory.RateLimited)]
    [InlineData(500, ErrorCodes.UpstreamUnavailable, FailureCategory.Transient)]
    public async Task Create_VendorFault_IsClassifiedAndTheWriteIsNotRetried(int status, string code, FailureCategory category)
    {
        interceptor.Before = request =>
        {
            if (request.Method == HttpMethod.Post)
            {
                fixture.Sandbox.Faults.ForceStatus(status, 1, status == 429 ? 30 : null);
            }

            return Task.CompletedTask;
        };

        var result = await Writer.CreateAsync(Connection(), new CreateRequest(Entity.WorkOrders, new JsonObject { ["description"] = "Fault" }, null), CancellationToken.None);

        Assert.Equal(code, result.Failure!.Code);
        Assert.Equal(category, result.Failure.Category);
        Assert.Equal(1, interceptor.Count("POST"));
    }

    [Fact]
    public async Task Passthrough_Get_ReturnsMaximosAnswer()
    {
        var result = await ((IPassthroughConnector)Writer).PassthroughAsync(Connection(),
            new PassthroughRequest(HttpMethod.Get, "api/whoami", [], [], null), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal(200, result.Value!.Status);
        Assert.Contains(MaximoSandboxSettings.DemoUser, System.Text.Encoding.UTF8.GetString(result.Value.Body), StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptor_DeclaresWhatMaximoCanWrite()
    {
        var capabilities = MaximoSettings.Descriptor.Capabilities;

        Assert.True(capabilities[Entity.WorkOrders] is { Create: true, Update: true, Delete: false });
        Assert.Contains("completed", capabilities[Entity.WorkOrders].StatusTransitions);
        Assert.Equal("code", string.Join(' ', capabilities[Entity.Assets].RequiredOnCreate));
        Assert.False(capabilities[Entity.PurchaseOrders].Write);
    }
}
