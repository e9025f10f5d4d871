using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Server.Sync;

namespace Millwright.Tests.Server.Writes;

/// <summary>Writes through the unified model to the MaintainX sandbox over real HTTP (SQLite, and PostgreSQL with MILLWRIGHT_TEST_POSTGRES).</summary>
public sealed class WriteApiTests
{
    [Fact]
    public async Task CreateWorkOrder_ValidBody_CreatedInSandboxStoredAtOnceAndNextSyncAddsNothing()
    {
        await using var scenario = await StartAsync();
        using var http = Http(scenario);
        var asset = (await ListAsync(http, "assets"))[0];
        var user = (await ListAsync(http, "users"))[0];

        using var response = await http.PostAsJsonAsync("/v1/work-orders", new JsonObject
        {
            ["title"] = "Vibration alarm on pump P-101",
            ["description"] = "Above 7 mm/s for 10 minutes",
            ["priority"] = "high",
            ["asset_id"] = (string)asset["id"]!,
            ["assignee_ids"] = new JsonArray((string)user["id"]!),
            ["due_at"] = "2026-12-24T16:00:00Z",
            ["custom_fields"] = new JsonObject { ["Sensor"] = "VX-12" },
        });
        var created = await BodyAsync(response, HttpStatusCode.Created);

        var remoteId = (string)created["remote_id"]!;
        var inSandbox = (await scenario.SandboxCallAsync(HttpMethod.Get, $"workorders/{remoteId}?expand=assignees&expand=extra_fields"))!["workOrder"]!;
        Assert.Equal("Vibration alarm on pump P-101", (string)inSandbox["title"]!);
        Assert.Equal("HIGH", (string)inSandbox["priority"]!);
        Assert.Equal((string)asset["remote_id"]!, inSandbox["assetId"]!.ToJsonString());
        Assert.Equal("VX-12", (string)inSandbox["extraFields"]!["Sensor"]!);
        Assert.Equal(("open", "OPEN"), ((string?)created["status"], (string?)created["remote_status"]));
        Assert.NotNull((string?)created["number"]);
        Assert.Equal((string)asset["id"]!, (string)created["asset_id"]!);
        Assert.Equal([(string)user["id"]!], created["assignee_ids"]!.AsArray().Select(n => (string)n!));
        Assert.Equal($"/v1/work-orders/{(string)created["id"]!}", response.Headers.Location!.OriginalString);

        var read = await BodyAsync(await http.GetAsync($"/v1/work-orders/{(string)created["id"]!}"), HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(created, read));
        var before = (await scenario.RecordsAsync()).Count(r => r.Entity == "work-orders");
        var run = await scenario.SyncAsync(SyncKind.Incremental);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(new SyncCounts(0, 0, 0), run.Counts);
        Assert.Equal(before, (await scenario.RecordsAsync()).Count(r => r.Entity == "work-orders"));
        var events = await scenario.Client.ListEventsAsync(type: "work_order.created", limit: 500);
        Assert.Single(events.Data, e => e.Data.GetProperty("record_id").GetString() == (string)created["id"]!);
    }

    [Fact]
    public async Task UpdateWorkOrder_FieldsAndStatus_SystemTransitionReadBackAndOneUpdatedEvent()
    {
        await using var scenario = await StartAsync();
        using var http = Http(scenario);
        var created = await BodyAsync(await http.PostAsJsonAsync("/v1/work-orders", new { title = "Replace belt" }), HttpStatusCode.Created);
        var id = (string)created["id"]!;

        var changed = await BodyAsync(await PatchAsync(http, $"/v1/work-orders/{id}", new JsonObject { ["title"] = "Replace belt B-7", ["status"] = "completed" }), HttpStatusCode.OK);

        Assert.Equal(("Replace belt B-7", "completed", "DONE"), ((string?)changed["title"], (string?)changed["status"], (string?)changed["remote_status"]));
        Assert.NotNull((string?)changed["completed_at"]);
        var inSandbox = (await scenario.SandboxCallAsync(HttpMethod.Get, $"workorders/{(string)created["remote_id"]!}"))!["workOrder"]!;
        Assert.Equal(("DONE", "Replace belt B-7"), ((string?)inSandbox["status"], (string?)inSandbox["title"]));
        var run = await scenario.SyncAsync(SyncKind.Incremental);
        Assert.Equal(new SyncCounts(0, 0, 0), run.Counts);
        var read = await BodyAsync(await http.GetAsync($"/v1/work-orders/{id}"), HttpStatusCode.OK);
        Assert.Equal("completed", (string?)read["status"]);
        var updates = await scenario.Client.ListEventsAsync(type: "work_order.updated", limit: 500);
        Assert.Single(updates.Data, e => e.Data.GetProperty("record_id").GetString() == id);
    }

    [Fact]
    public async Task Write_InvalidBody_422WithOneDetailPerFieldAndNoVendorCall()
    {
        await using var scenario = await StartAsync();
        using var http = Http(scenario);
        var before = (await scenario.SandboxListAsync("workorders", "workOrders")).Count;

        using var response = await http.PostAsJsonAsync("/v1/work-orders", new JsonObject
        {
            ["description"] = 12,
            ["priority"] = "urgent",
            ["number"] = "WO-1",
            ["colour"] = "red",
            ["asset_id"] = "ast_of_another_connection",
            ["due_at"] = "tomorrow",
        });

        var error = (await BodyAsync(response, HttpStatusCode.UnprocessableEntity))["error"]!;
        Assert.Equal("VALIDATION_FAILED", (string?)error["code"]);
        var fields = error["details"]!.AsArray().Select(d => (string)d!["field"]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["/asset_id", "/colour", "/description", "/due_at", "/number", "/priority", "/title"], fields);
        Assert.Equal(before, (await scenario.SandboxListAsync("workorders", "workOrders")).Count);

        var created = await BodyAsync(await http.PostAsJsonAsync("/v1/work-orders", new { title = "Belt" }), HttpStatusCode.Created);
        var forbidden = await BodyAsync(await PatchAsync(http, $"/v1/work-orders/{(string)created["id"]!}", new JsonObject { ["status"] = "other" }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("/status", (string?)forbidden["error"]!["details"]![0]!["field"]);
    }

    [Fact]
    public async Task Schema_CreateAndUpdate_DescribeThisConnectionsWritableFields()
    {
        await using var scenario = await StartAsync();
        using var http = Http(scenario);

        var create = await BodyAsync(await http.GetAsync("/v1/work-orders/schema?operation=create"), HttpStatusCode.OK);
        var update = await BodyAsync(await http.GetAsync("/v1/work-orders/schema?operation=update"), HttpStatusCode.OK);
        var readings = await BodyAsync(await http.GetAsync("/v1/meter-readings/schema?operation=create"), HttpStatusCode.OK);
        using var noUpdate = await http.GetAsync("/v1/meter-readings/schema?operation=update");

        Assert.Equal(["title"], create["required"]!.AsArray().Select(n => (string)n!));
        Assert.Contains("asset_id", create["properties"]!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain("number", create["properties"]!.AsObject().Select(p => p.Key));
        Assert.DoesNotContain("status", create["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["none", "low", "medium", "high", null], create["properties"]!["priority"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["open", "in_progress", "on_hold", "completed", "cancelled"], update["properties"]!["status"]!["enum"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["meter_id", "value"], readings["required"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, noUpdate.StatusCode);
    }

    [Fact]
    public async Task IdempotencyKey_ReplayReuseAndConcurrentRequests_OneVendorCallEach()
    {
        await using var scenario = await StartAsync();
        using var http = Http(scenario);
        var body = new JsonObject { ["title"] = "Idempotent pump check" };

        var first = await SendWithKeyAsync(http, "key-1", body);
        var replay = await SendWithKeyAsync(http, "key-1", body);
        var reused = await SendWithKeyAsync(http, "key-1", new JsonObject { ["title"] = "Another" });

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal((HttpStatusCode.Created, "true"), (replay.Status, replay.Replayed));
        Assert.True(JsonNode.DeepEquals(first.Body, replay.Body));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED"), (reused.Status, (string?)reused.Body["error"]!["code"]));

        scenario.Sandbox.Sandbox.Faults.LatencyMs = 400;
        var concurrent = new JsonObject { ["title"] = "Concurrent pump check" };
        var both = await Task.WhenAll(SendWithKeyAsync(http, "key-2", concurrent), SendWithKeyAsync(http, "key-2", concurrent));
        scenario.Sandbox.Sandbox.Faults.LatencyMs = 0;

        Assert.All(both, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        Assert.Equal((string?)both[0].Body["id"], (string?)both[1].Body["id"]);
        var inSandbox = await scenario.SandboxListAsync("workorders", "workOrders");
        Assert.Single(inSandbox, w => (string?)w["title"] == "Concurrent pump check");
        Assert.Single(inSandbox, w => (string?)w["title"] == "Idempotent pump check");
    }

    [Fact]
    public async Task Write_ReadOnlyToken_403InsufficientScopeNamingWrite()
    {
        await using var scenario = await StartAsync();
        using var keyHttp = Http(scenario);
        var token = await BodyAsync(await keyHttp.PostAsJsonAsync($"/v1/connections/{scenario.ConnectionId}/tokens", ReadOnlyToken), HttpStatusCode.Created);
        using var http = scenario.Host.Http((string)token["token"]!);

        var error = (await BodyAsync(await http.PostAsJsonAsync("/v1/work-orders", new { title = "Nope" }), HttpStatusCode.Forbidden))["error"]!;

        Assert.Equal("INSUFFICIENT_SCOPE", (string?)error["code"]);
        Assert.Contains("'write'", (string?)error["message"]);
    }

    [Fact]
    public async Task Write_VendorFaults_MappedCodesAndNothingStored()
    {
        await using var scenario = await StartAsync();
        using var http = Http(scenario);
        var before = (await scenario.RecordsAsync()).Count;

        scenario.Sandbox.Sandbox.Faults.ForceStatus(429, 1, 17);
        var limited = await BodyAsync(await http.PostAsJsonAsync("/v1/work-orders", new { title = "Throttled" }), HttpStatusCode.TooManyRequests);
        scenario.Sandbox.Sandbox.Faults.ForceStatus(500, 1);
        var failed = await BodyAsync(await http.PostAsJsonAsync("/v1/work-orders", new { title = "Broken" }), HttpStatusCode.BadGateway);

        Assert.Equal(("RATE_LIMIT_EXCEEDED", "connected_system", 17), ((string?)limited["error"]!["code"], (string?)limited["error"]!["source"], (int?)limited["error"]!["retry_after"]));
        Assert.Equal(("UPSTREAM_UNAVAILABLE", "connected_system"), ((string?)failed["error"]!["code"], (string?)failed["error"]!["source"]));
        Assert.Equal(before, (await scenario.RecordsAsync()).Count);
    }

    [Fact]
    public async Task Write_TimeoutAfterSending_504OutcomeUnknownAndARetryWithTheKeyStoresOneRecord()
    {
        await using var scenario = await StartAsync(new Dictionary<string, string?> { ["Millwright:Upstream:AttemptTimeout"] = "00:00:01" });
        using var http = Http(scenario);
        var before = (await scenario.RecordsAsync()).Count;
        var body = new JsonObject { ["title"] = "Slow pump check" };

        scenario.Sandbox.Sandbox.Faults.LatencyMs = 2_500;
        var timedOut = await SendWithKeyAsync(http, "slow-1", body);
        scenario.Sandbox.Sandbox.Faults.LatencyMs = 0;

        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut.Status);
        var error = timedOut.Body["error"]!;
        Assert.Equal(("UPSTREAM_TIMEOUT", "connected_system", "unknown"), ((string?)error["code"], (string?)error["source"], (string?)error["outcome"]));
        Assert.Contains("check before retrying", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal(before, (await scenario.RecordsAsync()).Count);

        var retried = await SendWithKeyAsync(http, "slow-1", body);
        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.Single(await scenario.RecordsAsync(), r => r.Id == (string?)retried.Body["id"]);
        Assert.Equal(before + 1, (await scenario.RecordsAsync()).Count);
    }

    [Fact]
    public async Task Write_CredentialsRejected_ReauthRequiredAndTheConnectionMovesToReauthRequired()
    {
        await using var scenario = await StartAsync();
        using var http = Http(scenario);
        scenario.Sandbox.Sandbox.Faults.RevokeKey(MaintainXSandboxSettings.DemoApiKey);

        var rejected = (await BodyAsync(await http.PostAsJsonAsync("/v1/work-orders", new { title = "Nope" }), HttpStatusCode.Conflict))["error"]!;
        var connection = await scenario.Client.GetConnectionAsync(scenario.ConnectionId);
        scenario.Sandbox.Sandbox.Faults.RestoreKey(MaintainXSandboxSettings.DemoApiKey);
        var refused = (await BodyAsync(await http.PostAsJsonAsync("/v1/work-orders", new { title = "Still no" }), HttpStatusCode.Conflict))["error"]!;

        Assert.Equal(("CONNECTION_REAUTH_REQUIRED", "connected_system"), ((string?)rejected["code"], (string?)rejected["source"]));
        Assert.Equal("reauth_required", connection.Status);
        Assert.Equal("CONNECTION_CREDENTIALS_INVALID", connection.Health!.LastErrorCode);
        Assert.Equal("CONNECTION_REAUTH_REQUIRED", (string?)refused["code"]);
        var changes = await scenario.Client.ListEventsAsync(type: "connection.status_changed", limit: 50);
        Assert.Contains(changes.Data, e => e.Data.ToString().Contains("reauth_required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MeterReadingAndMaintenanceRequest_Create_StoredAndVisible()
    {
        await using var scenario = await StartAsync();
        using var http = Http(scenario);
        var meter = (await ListAsync(http, "meters"))[0];

        var reading = await BodyAsync(await http.PostAsJsonAsync("/v1/meter-readings", new JsonObject
        {
            ["meter_id"] = (string)meter["id"]!,
            ["value"] = 1523.5m,
            ["read_at"] = "2026-11-30T10:00:00Z",
        }), HttpStatusCode.Created);
        var request = await BodyAsync(await http.PostAsJsonAsync("/v1/maintenance-requests", new { title = "Leaking valve in hall 2", priority = "medium" }), HttpStatusCode.Created);
        using var delete = await http.DeleteAsync($"/v1/meter-readings/{(string)reading["id"]!}");

        Assert.Equal(((string)meter["id"]!, 1523.5m), ((string?)reading["meter_id"], (decimal?)reading["value"]));
        Assert.Equal(("pending", "medium"), ((string?)request["status"], (string?)request["priority"]));
        Assert.Single((await ListAsync(http, "meter-readings")), r => (string?)r["id"] == (string?)reading["id"]);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.StatusCode);
    }

    private static readonly object ReadOnlyToken = new { name = "reader", scopes = new[] { "read" } };

    private static async Task<SandboxScenario> StartAsync(IDictionary<string, string?>? hostSettings = null)
    {
        var scenario = await SandboxScenario.StartAsync(SandboxScenario.SmallPlant(workOrders: 20), hostSettings);
        await scenario.SyncAsync();
        return scenario;
    }

    private static HttpClient Http(SandboxScenario scenario)
    {
        var http = scenario.Host.Http(scenario.Account.TestSecretKey);
        http.DefaultRequestHeaders.Add("Millwright-Connection", scenario.ConnectionId);
        return http;
    }

    private static async Task<List<JsonObject>> ListAsync(HttpClient http, string path) =>
        [.. (await BodyAsync(await http.GetAsync($"/v1/{path}?limit=20"), HttpStatusCode.OK))["data"]!.AsArray().Select(n => n!.AsObject())];

    private static Task<HttpResponseMessage> PatchAsync(HttpClient http, string path, JsonObject body) =>
        http.PatchAsJsonAsync(path, body);

    private static async Task<(HttpStatusCode Status, JsonObject Body, string? Replayed)> SendWithKeyAsync(HttpClient http, string key, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/work-orders") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject(), response.Headers.TryGetValues("Idempotent-Replayed", out var v) ? v.Single() : null);
    }

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
            return JsonNode.Parse(text)!.AsObject();
        }
    }
}
