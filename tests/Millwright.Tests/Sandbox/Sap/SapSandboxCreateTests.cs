using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Millwright.Tests.Sandbox.Sap;

/// <summary>Creates as the published metadata allows them: creatable sets only, no <c>sap:creatable="false"</c> property, numbers assigned by the system.</summary>
public sealed class SapSandboxCreateTests(SapSandboxFixture fixture) : IClassFixture<SapSandboxFixture>
{
    private async Task<HttpResponseMessage> PostAsync(string service, string set, JsonObject body)
    {
        var client = fixture.Client(service, new HttpClientHandler { UseCookies = true, CookieContainer = new() });
        using var fetch = new HttpRequestMessage(HttpMethod.Get, "?$format=json");
        fetch.Headers.Add("x-csrf-token", "Fetch");
        using var fetched = await client.SendAsync(fetch);
        var request = new HttpRequestMessage(HttpMethod.Post, set + "?$format=json") { Content = JsonContent.Create(body) };
        request.Headers.Add("x-csrf-token", fetched.Headers.GetValues("x-csrf-token").Single());
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Post_Notification_Is201WithTheNumberedEntityItsLocationAndEtag()
    {
        using var response = await PostAsync("API_MAINTNOTIFICATION", "MaintenanceNotification",
            new JsonObject { ["NotificationText"] = "Leckage", ["NotificationType"] = "M2" });
        var entity = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["d"]!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("1", (string?)entity["NotifProcessingPhase"]);
        Assert.Equal((string?)entity["__metadata"]!["uri"], response.Headers.Location?.ToString());
        Assert.Equal((string?)entity["__metadata"]!["etag"], response.Headers.GetValues("ETag").Single());
        Assert.Matches("^1[0-9]{7}$", (string?)entity["MaintenanceNotification"]);
    }

    [Fact]
    public async Task Post_PropertyTheMetadataMarksNotCreatable_Is400()
    {
        using var response = await PostAsync("API_MAINTNOTIFICATION", "MaintenanceNotification",
            new JsonObject { ["NotificationText"] = "Leckage", ["NotificationType"] = "M1", ["NotifProcessingPhase"] = "4" });
        var error = await SapHttp.ErrorAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NotifProcessingPhase", (string?)error["message"]!["value"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SetTheMetadataMarksNotCreatable_Is405()
    {
        using var response = await PostAsync("API_MAINTENANCEORDER", "MaintenanceOrderPartner", new JsonObject { ["MaintenanceOrder"] = "4000001" });
        await SapHttp.ErrorAsync(response);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Post_OrderWithoutReferenceObjectOrPlant_Is400WithTheApplicationsWords()
    {
        using var response = await PostAsync("API_MAINTENANCEORDER", "MaintenanceOrder", new JsonObject { ["MaintenanceOrderType"] = "PM01", ["MaintenanceOrderDesc"] = "x" });
        var error = await SapHttp.ErrorAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("reference object", (string?)error["message"]!["value"], StringComparison.Ordinal);
    }
}
