using System.Net;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Vendors.Sap;
using Millwright.Sandbox.Sap;
using Millwright.Tests.Sandbox.Sap;

namespace Millwright.Tests.Connectors.Vendors.Sap;

/// <summary>The SAP connector's writes against the SAP sandbox over real HTTP: creates, updates, function-import transitions, CSRF, ETags, faults.</summary>
public sealed class SapWriteConnectorTests(SapSandboxFixture fixture) : IClassFixture<SapSandboxFixture>, IDisposable
{
    private readonly WriteInterceptor interceptor = new();
    private SapHarness? harness;

    private SapHarness Harness => harness ??= new SapHarness(interceptor);

    private IWritableConnector Writer => (IWritableConnector)Harness.Connector;

    private string Methods() => string.Join(' ', interceptor.Calls.Select(c => c.Split(' ')[0]));

    private ConnectionContext Connection() => SapHarness.Connection(fixture.Host.BaseUrl.ToString());

    public void Dispose()
    {
        harness?.Dispose();
        fixture.Sandbox.Faults.Reset();
    }

    private async Task<JsonObject> EquipmentAsync()
    {
        using var client = fixture.Client("API_EQUIPMENT");
        return (await client.GetDAsync("Equipment?$format=json&$top=1&$filter=EquipmentIsInactive eq false and EquipmentIsMarkedForDeletion eq false"))["results"]![0]!.AsObject();
    }

    private async Task<RawRecord> CreateOrderAsync(string title = "Pumpe leckt")
    {
        var equipment = await EquipmentAsync();
        var result = await Writer.CreateAsync(Connection(), new CreateRequest(Entity.WorkOrders, new JsonObject
        {
            ["MaintenanceOrderDesc"] = title,
            ["Equipment"] = (string)equipment["Equipment"]!,
            ["MaintPriority"] = "2",
            ["MaintOrdBasicEndDateTime"] = "2026-09-30T16:00:00Z",
        }, null), CancellationToken.None);
        Assert.True(result.IsSuccess, result.Failure?.Message);
        return result.Value!;
    }

    private Task<ConnectorResult<RawRecord>> MoveAsync(Entity entity, string id, string status, JsonObject? changes = null) =>
        Writer.UpdateAsync(Connection(), new UpdateRequest(entity, id, changes ?? [], new StatusChange(status, null), null), CancellationToken.None);

    [Fact]
    public async Task Create_WorkOrder_FetchesTokenPostsAndReturnsTheOrderAsSapCompletedIt()
    {
        var equipment = await EquipmentAsync();

        var record = await CreateOrderAsync();

        Assert.Equal("GET POST", Methods());
        var document = record.Data;
        Assert.Equal(record.RemoteId, (string)document["MaintenanceOrder"]!);
        Assert.StartsWith("CRTD", (string)document["SystemStatusText"]!, StringComparison.Ordinal);
        Assert.Equal("PM01", (string)document["MaintenanceOrderType"]!);
        Assert.Equal((string)equipment["FunctionalLocation"]!, (string)document["FunctionalLocation"]!);
        Assert.Equal((string)equipment["MaintenancePlanningPlant"]!, (string)document["MaintenancePlanningPlant"]!);
        var mapped = SapSandboxConnectorTests.Map(Connection(), Entity.WorkOrders, record);
        Assert.Equal("open", (string?)mapped["status"]);
        Assert.Equal("high", (string?)mapped["priority"]);
        Assert.Equal("Pumpe leckt", (string?)mapped["title"]);
        Assert.Equal(DateTimeOffset.Parse("2026-09-30T16:00:00Z", System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse((string)mapped["due_at"]!, System.Globalization.CultureInfo.InvariantCulture));
        using var client = fixture.Client("API_MAINTENANCEORDER");
        Assert.Equal("Pumpe leckt", (string?)(await client.GetDAsync($"MaintenanceOrder('{record.RemoteId}')?$format=json"))["MaintenanceOrderDesc"]);
    }

    [Fact]
    public async Task Create_NotificationOnEquipment_NamesItAsTechnicalObjectWithItsLongText()
    {
        var equipment = await EquipmentAsync();

        var result = await Writer.CreateAsync(Connection(), new CreateRequest(Entity.MaintenanceRequests, new JsonObject
        {
            ["NotificationText"] = "Vibration am Lager",
            ["MaintNotifLongTextForEdit"] = "Sensor meldet 12 mm/s",
            ["_millwright"] = new JsonObject { ["equipment"] = (string)equipment["Equipment"]! },
        }, null), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        var document = result.Value!.Data;
        Assert.Equal("EAMS_EQUI", (string)document["TechObjIsEquipOrFuncnlLoc"]!);
        Assert.Equal((string)equipment["Equipment"]!, (string)document["TechnicalObject"]!);
        Assert.Equal("M1", (string)document["NotificationType"]!);
        var mapped = SapSandboxConnectorTests.Map(Connection(), Entity.MaintenanceRequests, result.Value);
        Assert.Equal("pending", (string?)mapped["status"]);
        Assert.Equal("Sensor meldet 12 mm/s", (string?)mapped["description"]);
        Assert.NotNull(mapped["asset_id"]);
    }

    [Fact]
    public async Task Create_EquipmentAtFunctionalLocation_IsInstalledThereInTheCurrentUsagePeriod()
    {
        var location = (string)(await EquipmentAsync())["FunctionalLocation"]!;

        var result = await Writer.CreateAsync(Connection(), new CreateRequest(Entity.Assets, new JsonObject
        {
            ["EquipmentName"] = "Kreiselpumpe Reserve",
            ["FunctionalLocationLabelName"] = location,
            ["ManufacturerSerialNumber"] = "SN-4711",
        }, null), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        var document = result.Value!.Data;
        Assert.Equal(location, (string)document["FunctionalLocation"]!);
        Assert.True((bool)document["EquipmentIsInstalled"]!);
        Assert.Equal("/Date(253402214400000)/", (string)document["ValidityEndDate"]!);
        var mapped = SapSandboxConnectorTests.Map(Connection(), Entity.Assets, result.Value);
        Assert.Equal("operational", (string?)mapped["status"]);
        Assert.Equal("SN-4711", (string?)mapped["serial_number"]);
    }

    [Fact]
    public async Task Create_UnknownEquipment_IsUpstreamValidationFailedQuotingSap()
    {
        var result = await Writer.CreateAsync(Connection(), new CreateRequest(Entity.WorkOrders, new JsonObject
        {
            ["MaintenanceOrderDesc"] = "Kein Objekt",
            ["Equipment"] = "99999999",
        }, null), CancellationToken.None);

        Assert.Equal(ErrorCodes.UpstreamValidationFailed, result.Failure!.Code);
        Assert.Equal(400, result.Failure.UpstreamStatus);
        Assert.Contains(result.Failure.VendorMessages!, m => m.Contains("Equipment 99999999 does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_FieldsAndRelease_PatchesWithIfMatchThenCallsReleaseAndReadsBack()
    {
        var order = await CreateOrderAsync();
        interceptor.Calls.Clear();

        var result = await Writer.UpdateAsync(Connection(), new UpdateRequest(Entity.WorkOrders, order.RemoteId,
            new JsonObject { ["MaintenanceOrderDesc"] = "Pumpe leckt stark" }, new StatusChange("in_progress", null), order.Data), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal("GET PATCH POST GET", Methods());
        Assert.EndsWith("/ReleaseMaintenanceOrder", interceptor.Calls.ElementAt(2), StringComparison.Ordinal);
        Assert.StartsWith("REL", (string)result.Value!.Data["SystemStatusText"]!, StringComparison.Ordinal);
        Assert.Equal("Pumpe leckt stark", (string)result.Value.Data["MaintenanceOrderDesc"]!);
        Assert.Equal("in_progress", (string?)SapSandboxConnectorTests.Map(Connection(), Entity.WorkOrders, result.Value)["status"]);
    }

    [Fact]
    public async Task Update_OrderWithComponents_ReadsTheOrderBackWithItsParts()
    {
        using var orders = fixture.Client("API_MAINTENANCEORDER");
        var component = (await orders.GetDAsync("MaintOrderOpComponent?$format=json&$top=1&$filter=IsDeleted eq false"))["results"]![0]!;
        var number = (string)component["MaintenanceOrder"]!;
        var planned = (await orders.WalkAsync($"MaintOrderOpComponent?$format=json&$filter=MaintenanceOrder eq '{number}' and IsDeleted eq false"))
            .Select(c => (string)c["MaintOrderComponentInternalID"]!).Order().ToList();
        interceptor.Calls.Clear();

        var result = await Writer.UpdateAsync(Connection(), new UpdateRequest(Entity.WorkOrders, number,
            new JsonObject { ["MaintenanceOrderDesc"] = "Lager und Dichtung tauschen" }, null, null), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        var mapped = SapSandboxConnectorTests.Map(Connection(), Entity.WorkOrders, result.Value!);
        Assert.Equal("GET PATCH GET", Methods());
        Assert.NotEmpty(planned);
        Assert.Equal("Lager und Dichtung tauschen", (string?)mapped["title"]);
        Assert.Equal(planned, mapped["parts"]!.AsArray().Select(p => (string)p!["remote_id"]!).Order());
    }

    [Fact]
    public async Task Update_StatusPath_TechnicallyCompletesResetsAndCancels()
    {
        var order = await CreateOrderAsync();

        Assert.True((await MoveAsync(Entity.WorkOrders, order.RemoteId, "in_progress")).IsSuccess);
        var completed = await MoveAsync(Entity.WorkOrders, order.RemoteId, "completed");
        var again = await MoveAsync(Entity.WorkOrders, order.RemoteId, "completed");
        var reopened = await MoveAsync(Entity.WorkOrders, order.RemoteId, "in_progress");
        await MoveAsync(Entity.WorkOrders, order.RemoteId, "completed");
        var cancelled = await MoveAsync(Entity.WorkOrders, order.RemoteId, "cancelled");

        Assert.StartsWith("TECO", (string)completed.Value!.Data["SystemStatusText"]!, StringComparison.Ordinal);
        Assert.NotNull(completed.Value.Data["MainWorkCompletedDateTime"]);
        Assert.True(again.IsSuccess, again.Failure?.Message);
        Assert.StartsWith("REL", (string)reopened.Value!.Data["SystemStatusText"]!, StringComparison.Ordinal);
        Assert.True(cancelled.IsSuccess, cancelled.Failure?.Message);
        Assert.Equal("cancelled", (string?)SapSandboxConnectorTests.Map(Connection(), Entity.WorkOrders, cancelled.Value!)["status"]);
    }

    [Fact]
    public async Task Update_TransitionSapForbids_IsStatusTransitionNotAllowedWithSapsMessage()
    {
        var order = await CreateOrderAsync();

        var result = await MoveAsync(Entity.WorkOrders, order.RemoteId, "completed");

        Assert.Equal(ErrorCodes.StatusTransitionNotAllowed, result.Failure!.Code);
        Assert.Equal(FailureCategory.Permanent, result.Failure.Category);
        Assert.Contains(result.Failure.VendorMessages!, m => m.Contains("does not allow this business transaction", StringComparison.Ordinal));
        Assert.Contains("SetMaintOrdToTechCompleted", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_NotificationAndEquipmentStatuses_GoThroughTheirFunctionImports()
    {
        using var client = fixture.Client("API_MAINTNOTIFICATION");
        var notification = (string)(await client.GetDAsync("MaintenanceNotification?$format=json&$top=1&$filter=NotifProcessingPhase eq '1'"))["results"]![0]!["MaintenanceNotification"]!;
        var equipment = (string)(await EquipmentAsync())["Equipment"]!;

        var approved = await MoveAsync(Entity.MaintenanceRequests, notification, "approved");
        var done = await MoveAsync(Entity.MaintenanceRequests, notification, "completed");
        var reopen = await MoveAsync(Entity.MaintenanceRequests, notification, "approved");
        var down = await MoveAsync(Entity.Assets, equipment, "down");
        var up = await MoveAsync(Entity.Assets, equipment, "operational");

        Assert.Equal("3", (string)approved.Value!.Data["NotifProcessingPhase"]!);
        Assert.Equal("4", (string)done.Value!.Data["NotifProcessingPhase"]!);
        Assert.Equal(ErrorCodes.StatusTransitionNotAllowed, reopen.Failure!.Code);
        Assert.Equal("down", (string?)SapSandboxConnectorTests.Map(Connection(), Entity.Assets, down.Value!)["status"]);
        Assert.Equal("operational", (string?)SapSandboxConnectorTests.Map(Connection(), Entity.Assets, up.Value!)["status"]);
    }

    [Fact]
    public async Task Update_UnknownOrder_IsUpstreamNotFound()
    {
        var result = await Writer.UpdateAsync(Connection(), new UpdateRequest(Entity.WorkOrders, "4999999",
            new JsonObject { ["MaintenanceOrderDesc"] = "x" }, null, null), CancellationToken.None);

        Assert.Equal(ErrorCodes.UpstreamNotFound, result.Failure!.Code);
    }

    [Fact]
    public async Task Update_RecordChangedBetweenReadAndPatch_Is412ReportedAsConflictWithoutRetry()
    {
        var order = await CreateOrderAsync();
        using var other = fixture.Client("API_MAINTENANCEORDER");
        interceptor.Before = async request =>
        {
            if (request.Method == HttpMethod.Patch)
            {
                // Someone else saves the order a second later, after the connector read its ETag.
                fixture.Time.Advance(TimeSpan.FromSeconds(2));
                var table = fixture.Sandbox.Data.Table("API_MAINTENANCEORDER", "MaintenanceOrder");
                table.Update($"'{order.RemoteId}'", row => new Dictionary<string, object?>(row) { ["LastChangeDateTime"] = fixture.Sandbox.Now() });
            }

            await Task.CompletedTask;
        };

        var result = await Writer.UpdateAsync(Connection(), new UpdateRequest(Entity.WorkOrders, order.RemoteId,
            new JsonObject { ["MaintenanceOrderDesc"] = "Verloren" }, null, order.Data), CancellationToken.None);

        Assert.Equal(ErrorCodes.UpstreamConflict, result.Failure!.Code);
        Assert.Equal(412, result.Failure.UpstreamStatus);
        Assert.Equal(1, interceptor.Count("PATCH"));
        Assert.Equal("Pumpe leckt", (string?)(await other.GetDAsync($"MaintenanceOrder('{order.RemoteId}')?$format=json"))["MaintenanceOrderDesc"]);
    }

    [Fact]
    public async Task Update_CsrfSessionExpired_FetchesANewTokenOnceAndSucceeds()
    {
        var order = await CreateOrderAsync();
        interceptor.Calls.Clear();
        var dropped = false;
        interceptor.Before = request =>
        {
            if (request.Method == HttpMethod.Patch && !dropped)
            {
                dropped = true;
                fixture.Sandbox.Sessions.Clear();
            }

            return Task.CompletedTask;
        };

        var result = await Writer.UpdateAsync(Connection(), new UpdateRequest(Entity.WorkOrders, order.RemoteId,
            new JsonObject { ["MaintenanceOrderDesc"] = "Neues Token" }, null, null), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal("GET PATCH GET PATCH GET", Methods());
        Assert.Equal("Neues Token", (string)result.Value!.Data["MaintenanceOrderDesc"]!);
    }

    [Theory]
    [InlineData(429, ErrorCodes.UpstreamRateLimited, FailureCategory.RateLimited)]
    [InlineData(500, ErrorCodes.UpstreamUnavailable, FailureCategory.Transient)]
    [InlineData(503, ErrorCodes.UpstreamUnavailable, FailureCategory.Transient)]
    public async Task Create_VendorFaultOnThePost_IsClassifiedAndNeverRetried(int status, string code, FailureCategory category)
    {
        var equipment = await EquipmentAsync();
        interceptor.Before = request =>
        {
            if (request.Method == HttpMethod.Post)
            {
                fixture.Sandbox.Faults.ForceStatus(status, 1, status == 429 ? 30 : null);
            }

            return Task.CompletedTask;
        };

        var result = await Writer.CreateAsync(Connection(), new CreateRequest(Entity.WorkOrders,
            new JsonObject { ["MaintenanceOrderDesc"] = "Fehler", ["Equipment"] = (string)equipment["Equipment"]! }, null), CancellationToken.None);

        Assert.Equal(code, result.Failure!.Code);
        Assert.Equal(category, result.Failure.Category);
        Assert.False(result.Failure.OutcomeUnknown);
        Assert.Equal(1, interceptor.Count("POST"));
        if (status == 429)
        {
            Assert.True(result.Failure.RetryAfter > TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task Create_AnswerLaterThanTheTimeout_IsUpstreamTimeoutWithOutcomeUnknown()
    {
        var equipment = await EquipmentAsync();
        var slow = new WriteInterceptor
        {
            // SAP made the order but its answer comes too late: the connector cannot know whether it exists.
            After = async (request, _, token) =>
            {
                if (request.Method == HttpMethod.Post)
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), token);
                }
            },
        };
        using var timing = new SapHarness(slow, attemptTimeout: TimeSpan.FromMilliseconds(500));

        var result = await ((IWritableConnector)timing.Connector).CreateAsync(Connection(), new CreateRequest(Entity.WorkOrders,
            new JsonObject { ["MaintenanceOrderDesc"] = "Zu langsam", ["Equipment"] = (string)equipment["Equipment"]! }, null), CancellationToken.None);

        Assert.Equal(ErrorCodes.UpstreamTimeout, result.Failure!.Code);
        Assert.True(result.Failure.OutcomeUnknown);
        Assert.Equal(1, slow.Count("POST"));
    }

    [Fact]
    public async Task Passthrough_PostOfAFunctionImport_GetsATokenAndReturnsSapsAnswer()
    {
        var order = await CreateOrderAsync();
        using var client = fixture.Client("API_MAINTENANCEORDER");
        var etag = (string)(await client.GetDAsync($"MaintenanceOrder('{order.RemoteId}')?$format=json"))["__metadata"]!["etag"]!;

        var result = await ((IPassthroughConnector)Harness.Connector).PassthroughAsync(Connection(), new PassthroughRequest(HttpMethod.Post,
            "sap/opu/odata/sap/API_MAINTENANCEORDER/ReleaseMaintenanceOrder", [new("MaintenanceOrder", $"'{order.RemoteId}'"), new("$format", "json")],
            [new("If-Match", etag)], null), CancellationToken.None);

        Assert.True(result.IsSuccess, result.Failure?.Message);
        Assert.Equal((int)HttpStatusCode.OK, result.Value!.Status);
        Assert.StartsWith("REL", (string)(await client.GetDAsync($"MaintenanceOrder('{order.RemoteId}')?$format=json"))["SystemStatusText"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptor_DeclaresWhatSapCanWrite()
    {
        var capabilities = SapSettings.Descriptor.Capabilities;

        Assert.True(capabilities[Entity.WorkOrders] is { Create: true, Update: true, Delete: false });
        Assert.Equal("in_progress completed cancelled", string.Join(' ', capabilities[Entity.WorkOrders].StatusTransitions));
        Assert.Equal("title", string.Join(' ', capabilities[Entity.MaintenanceRequests].RequiredOnCreate));
        Assert.True(capabilities[Entity.Assets].Update);
        Assert.False(capabilities[Entity.PurchaseOrders].Write);
        Assert.IsAssignableFrom<IPassthroughConnector>(Harness.Connector);
    }
}
