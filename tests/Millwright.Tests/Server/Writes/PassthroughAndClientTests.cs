using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Client;
using Millwright.Client.Models;
using Millwright.Client.Writes;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Server.RequestLogs;
using Millwright.Tests.Server.Sync;

namespace Millwright.Tests.Server.Writes;

/// <summary><c>POST /v1/passthrough</c> and the SDK's typed writes with retries, against the MaintainX sandbox.</summary>
public sealed class PassthroughAndClientTests
{
    [Fact]
    public async Task Passthrough_RelativeGet_SystemAnswerWrappedWithSafeHeaders()
    {
        await using var scenario = await StartAsync();
        using var http = Http(scenario);

        using var response = await http.PostAsJsonAsync("/v1/passthrough", new { method = "GET", path = "workorders", query = new { limit = 2 } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, (int)body["status"]!);
        Assert.Equal(2, body["body"]!["workOrders"]!.AsArray().Count);
        Assert.StartsWith("application/json", (string?)body["headers"]!["content-type"]);
        Assert.DoesNotContain(body["headers"]!.AsObject(), h => h.Key.Contains("auth", StringComparison.OrdinalIgnoreCase));

        using var missing = await http.PostAsJsonAsync("/v1/passthrough", new { method = "GET", path = "workorders/999999999" });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Equal(404, (int)JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["status"]!);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", null, "path")]
    [InlineData("//evil.example.com/x", null, "path")]
    [InlineData("workorders/../../admin", null, "path")]
    [InlineData("workorders/%2e%2e/admin", null, "path")]
    [InlineData("workorders?limit=1", null, "path")]
    [InlineData("workorders", "Authorization", "headers.Authorization")]
    [InlineData("workorders", "X-Api-Key", "headers.X-Api-Key")]
    public async Task Passthrough_RefusedRequest_400PassthroughRefusedNamingTheMember(string path, string? header, string field)
    {
        await using var scenario = await StartAsync();
        using var http = Http(scenario);
        var call = new JsonObject { ["method"] = "GET", ["path"] = path };
        if (header is not null)
        {
            call["headers"] = new JsonObject { [header] = "Bearer stolen" };
        }

        using var response = await http.PostAsJsonAsync("/v1/passthrough", call);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("PASSTHROUGH_REFUSED", (string?)error["code"]);
        Assert.Equal(field, (string?)error["details"]![0]!["field"]);
    }

    [Fact]
    public async Task Passthrough_Call_InTheRequestLogWithItsUpstreamCallAndNoSecret()
    {
        await using var scenario = await StartAsync();
        using var http = Http(scenario);

        using var response = await http.PostAsJsonAsync("/v1/passthrough", new { method = "POST", path = "workorders", body = new { title = "Logged passthrough" } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answered = (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!;
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        var log = await RequestLogWait.ForAsync(scenario.Host, scenario.Client, requestId, l => l.UpstreamCallCount > 0);

        Assert.Equal(("POST", "/v1/passthrough", 200), (log.Method, log.Path, log.Status));
        Assert.Equal(scenario.ConnectionId, log.ConnectionId);
        Assert.Equal("Bearer ***", log.RequestHeaders!["authorization"]);
        var call = Assert.Single(log.UpstreamCalls!);
        Assert.Equal(("maintainx", "POST", answered), (call.System, call.Method, call.Status));
        Assert.StartsWith(new Uri(scenario.Sandbox.ApiBaseUrl, "workorders").ToString(), call.Url, StringComparison.Ordinal);
        var logged = await scenario.Host.Http(scenario.Account.TestSecretKey).GetStringAsync($"/v1/request-logs/{requestId}");
        Assert.DoesNotContain(MaintainXSandboxSettings.DemoApiKey, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.Account.TestSecretKey, logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passthrough_ReadOnlyToken_GetAllowedWriteRefused()
    {
        await using var scenario = await StartAsync();
        using var keyHttp = Http(scenario);
        using var tokenResponse = await keyHttp.PostAsJsonAsync($"/v1/connections/{scenario.ConnectionId}/tokens", ReadOnlyToken);
        var token = (string)JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["token"]!;
        using var http = scenario.Host.Http(token);

        using var get = await http.PostAsJsonAsync("/v1/passthrough", new { method = "GET", path = "workorders", query = new { limit = 1 } });
        using var post = await http.PostAsJsonAsync("/v1/passthrough", new { method = "POST", path = "workorders", body = new { title = "Not allowed" } });

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var error = JsonNode.Parse(await post.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal("INSUFFICIENT_SCOPE", (string?)error["code"]);
        Assert.Contains("'write'", (string?)error["message"]);
    }

    [Fact]
    public async Task Client_CreateUpdateAfterVendorFailures_RetriesWithOneKeyAndWritesOnce()
    {
        await using var scenario = await StartAsync();
        using var http = scenario.Host.Http();
        var client = new MillwrightClient(http, scenario.Account.TestSecretKey, new MillwrightClientOptions { InitialBackoff = TimeSpan.FromMilliseconds(50), MaxAttempts = 4 })
            .ForConnection(scenario.ConnectionId);

        scenario.Sandbox.Sandbox.Faults.ForceStatus(500, 2);
        var created = await client.CreateAsync<WorkOrder>(new { Title = "Pump P-101 vibration alarm", Priority = "high" });
        scenario.Sandbox.Sandbox.Faults.ForceStatus(429, 1, 11);
        var done = await client.UpdateAsync<WorkOrder>(created.Id, new { Status = "completed" });

        Assert.Equal((Priority.High, WorkOrderStatus.Completed), (created.Priority, done.Status));
        Assert.Single(await scenario.SandboxListAsync("workorders", "workOrders"), w => (string?)w["title"] == "Pump P-101 vibration alarm");
    }

    [Fact]
    public async Task Client_AttemptsExhausted_ExceptionCarriesCodeSourceAndRequestId()
    {
        await using var scenario = await StartAsync();
        using var http = scenario.Host.Http();
        var client = new MillwrightClient(http, scenario.Account.TestSecretKey, new MillwrightClientOptions { MaxAttempts = 1 }).ForConnection(scenario.ConnectionId);

        scenario.Sandbox.Sandbox.Faults.ForceStatus(500, 1);
        var error = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateAsync<WorkOrder>(new { Title = "Broken" }, new WriteOptions("my-key-1")));
        var invalid = await Assert.ThrowsAsync<MillwrightApiException>(() => client.CreateAsync<WorkOrder>(new { Colour = "red" }));

        Assert.Equal(("UPSTREAM_UNAVAILABLE", "connected_system"), (error.Code, error.ErrorSource));
        Assert.StartsWith("req_", error.RequestId);
        Assert.Equal(("VALIDATION_FAILED", "platform"), (invalid.Code, invalid.ErrorSource));
        var reading = await client.CreateAsync<MeterReading>(new { MeterId = (await client.ListAsync<Meter>()).Data[0].Id, Value = 42.5m });
        Assert.Equal(42.5m, reading.Value);
    }

    private static readonly object ReadOnlyToken = new { name = "reader", scopes = new[] { "read" } };

    private static async Task<SandboxScenario> StartAsync()
    {
        var scenario = await SandboxScenario.StartAsync(SandboxScenario.SmallPlant(workOrders: 10));
        await scenario.SyncAsync();
        return scenario;
    }

    private static HttpClient Http(SandboxScenario scenario)
    {
        var http = scenario.Host.Http(scenario.Account.TestSecretKey);
        http.DefaultRequestHeaders.Add("Millwright-Connection", scenario.ConnectionId);
        return http;
    }
}
