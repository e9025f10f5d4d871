using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Millwright.Tests.Sandbox.Sap;

/// <summary>Writes as SAP Gateway guards them: the CSRF handshake, If-Match etags, and status changes through function imports.</summary>
public sealed class SapSandboxWriteTests(SapSandboxFixture fixture) : IClassFixture<SapSandboxFixture>
{
    /// <summary>A client keeping cookies, as the CSRF handshake needs (the token is bound to the session cookie).</summary>
    private HttpClient Session(string service) => fixture.Client(service, new HttpClientHandler { UseCookies = true, CookieContainer = new() });

    private static async Task<string> FetchTokenAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "?$format=json");
        request.Headers.Add("x-csrf-token", "Fetch");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.GetValues("x-csrf-token").Single();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? token, string? etag, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Add("x-csrf-token", token);
        }

        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonNode> OrderAsync(HttpClient client, string status) =>
        (await client.GetDAsync($"MaintenanceOrder?$format=json&$top=1&$filter=startswith(SystemStatusText, '{status}')"))["results"]![0]!;

    [Fact]
    public async Task Patch_WithoutCsrfToken_Is403TokenRequired()
    {
        using var client = Session("API_MAINTENANCEORDER");
        var order = await OrderAsync(client, "CRTD");

        using var response = await SendAsync(client, HttpMethod.Patch, $"MaintenanceOrder('{order["MaintenanceOrder"]}')", null,
            (string)order["__metadata"]!["etag"]!, new JsonObject { ["MaintenanceOrderDesc"] = "No token" });
        var error = await SapHttp.ErrorAsync(response);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Required", response.Headers.GetValues("x-csrf-token").Single());
        Assert.Equal("CSRF token validation failed", (string?)error["message"]!["value"]);
    }

    [Fact]
    public async Task Patch_TokenWithoutItsSessionCookie_Is403()
    {
        using var session = Session("API_MAINTENANCEORDER");
        using var cookieless = fixture.Client("API_MAINTENANCEORDER", new HttpClientHandler { UseCookies = false });
        var token = await FetchTokenAsync(session);
        var order = await OrderAsync(session, "CRTD");

        using var response = await SendAsync(cookieless, HttpMethod.Patch, $"MaintenanceOrder('{order["MaintenanceOrder"]}')", token,
            (string)order["__metadata"]!["etag"]!, new JsonObject { ["MaintenanceOrderDesc"] = "Stolen token" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Patch_WithTokenAndEtag_UpdatesAndMissingOrStaleEtagIsRefused()
    {
        using var client = Session("API_MAINTENANCEORDER");
        var token = await FetchTokenAsync(client);
        var order = await OrderAsync(client, "CRTD");
        var url = $"MaintenanceOrder('{order["MaintenanceOrder"]}')";
        var etag = (string)order["__metadata"]!["etag"]!;
        fixture.Time.Advance(TimeSpan.FromMinutes(5));

        using var missing = await SendAsync(client, HttpMethod.Patch, url, token, null, new JsonObject { ["MaintenanceOrderDesc"] = "Without etag" });
        using var tooLong = await SendAsync(client, HttpMethod.Patch, url, token, etag, new JsonObject { ["MaintenanceOrderDesc"] = new string('x', 41) });
        using var unknown = await SendAsync(client, HttpMethod.Patch, url, token, etag, new JsonObject { ["NoSuchProperty"] = "x" });
        using var ok = await SendAsync(client, HttpMethod.Patch, url, token, etag, new JsonObject { ["MaintenanceOrderDesc"] = "Pumpe P-101 abdichten" });
        using var stale = await SendAsync(client, HttpMethod.Patch, url, token, etag, new JsonObject { ["MaintenanceOrderDesc"] = "Lost update" });
        var after = await client.GetDAsync($"{url}?$format=json");

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        await SapHttp.ErrorAsync(stale);
        Assert.Equal("Pumpe P-101 abdichten", (string?)after["MaintenanceOrderDesc"]);
        Assert.Equal($"/Date({fixture.Time.GetUtcNow().ToUnixTimeMilliseconds() / 1000 * 1000}+0000)/", (string?)after["LastChangeDateTime"]);
        Assert.NotEqual(etag, (string?)after["__metadata"]!["etag"]);
        Assert.Equal((string?)after["__metadata"]!["etag"], ok.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task FunctionImports_WalkAnOrderThroughItsLifecycle_AndRefuseWrongTransitions()
    {
        using var client = Session("API_MAINTENANCEORDER");
        var token = await FetchTokenAsync(client);
        var order = await OrderAsync(client, "CRTD");
        var number = (string)order["MaintenanceOrder"]!;
        var key = $"MaintenanceOrder='{number}'";

        async Task<(HttpStatusCode, string?)> CallAsync(string function, HttpMethod? method = null)
        {
            var etag = (string)(await client.GetDAsync($"MaintenanceOrder('{number}')?$format=json"))["__metadata"]!["etag"]!;
            using var response = await SendAsync(client, method ?? HttpMethod.Post, $"{function}?{key}", token, etag);
            var now = await client.GetDAsync($"MaintenanceOrder('{number}')?$format=json");
            return (response.StatusCode, ((string?)now["SystemStatusText"])?[..4].Trim());
        }

        Assert.Equal((HttpStatusCode.BadRequest, "CRTD"), await CallAsync("SetMaintOrdToTechCompleted"));
        Assert.Equal((HttpStatusCode.MethodNotAllowed, "CRTD"), await CallAsync("ReleaseMaintenanceOrder", HttpMethod.Get));
        Assert.Equal((HttpStatusCode.OK, "REL"), await CallAsync("ReleaseMaintenanceOrder"));
        Assert.Equal((HttpStatusCode.OK, "TECO"), await CallAsync("SetMaintOrdToTechCompleted"));
        Assert.Equal((HttpStatusCode.OK, "CLSD"), await CallAsync("SetMaintOrderStatusToClosed"));
        Assert.Equal((HttpStatusCode.BadRequest, "CLSD"), await CallAsync("ReleaseMaintenanceOrder"));
        Assert.Equal((HttpStatusCode.NotImplemented, "CLSD"), await CallAsync("AssignTaskList"));
        var closed = await client.GetDAsync($"MaintenanceOrder('{number}')?$format=json");
        Assert.NotNull(closed["MainWorkCompletedDateTime"]);
        Assert.Equal("06", (string?)closed["MaintOrdProcessPhaseCode"]);
    }

    [Fact]
    public async Task FunctionImport_WithoutEtagOrForUnknownOrder_IsRefusedInSapsShape()
    {
        using var client = Session("API_MAINTENANCEORDER");
        var token = await FetchTokenAsync(client);
        var order = await OrderAsync(client, "CRTD");

        using var noEtag = await SendAsync(client, HttpMethod.Post, $"ReleaseMaintenanceOrder?MaintenanceOrder='{order["MaintenanceOrder"]}'", token, null);
        using var unknown = await SendAsync(client, HttpMethod.Post, "ReleaseMaintenanceOrder?MaintenanceOrder='9999999'", token, "*");
        using var malformed = await SendAsync(client, HttpMethod.Post, "ReleaseMaintenanceOrder?MaintenanceOrder=9999999'", token, "*");

        Assert.Equal((HttpStatusCode)428, noEtag.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        await SapHttp.ErrorAsync(unknown);
        await SapHttp.ErrorAsync(malformed);
    }

    [Fact]
    public async Task FunctionImport_NotificationToInProcess_ReturnsTheEntity()
    {
        using var client = Session("API_MAINTNOTIFICATION");
        var token = await FetchTokenAsync(client);
        var notification = (await client.GetDAsync("MaintenanceNotification?$format=json&$top=1&$filter=NotifProcessingPhase eq '1'"))["results"]![0]!;

        using var response = await SendAsync(client, HttpMethod.Post, $"SetMaintNotifToInProcess?MaintenanceNotification='{notification["MaintenanceNotification"]}'",
            token, (string)notification["__metadata"]!["etag"]!);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["d"]!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("3", (string?)body["NotifProcessingPhase"]);
        Assert.Equal((string?)notification["MaintenanceNotification"], (string?)body["MaintenanceNotification"]);
    }
}
