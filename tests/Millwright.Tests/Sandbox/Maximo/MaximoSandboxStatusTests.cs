using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Millwright.Tests.Sandbox.Maximo;

/// <summary><c>wsmethod:changeStatus</c> on a work order, with Maximo's rules for final statuses.</summary>
public sealed class MaximoSandboxStatusTests(MaximoSandboxFixture fixture) : IClassFixture<MaximoSandboxFixture>
{
    private static async Task<(HttpStatusCode Status, JsonObject Body)> ChangeStatusAsync(HttpClient client, string href, string status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, href + "?lean=1&action=wsmethod:changeStatus") { Content = JsonContent.Create(new JsonObject { ["status"] = status }) };
        request.Headers.Add("x-method-override", "PATCH");
        request.Headers.Add("properties", "wonum,status,statusdate");
        using var response = await client.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task ChangeStatus_AllowedThenFromAFinalStatus_ChangesThenIs400()
    {
        using var client = fixture.Client();
        var created = new HttpRequestMessage(HttpMethod.Post, "api/os/mxapiwodetail?lean=1") { Content = JsonContent.Create(new JsonObject { ["description"] = "Status test" }) };
        created.Headers.Add("properties", "href,status");
        using var answer = await client.SendAsync(created);
        var href = (string)JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["href"]!;

        var started = await ChangeStatusAsync(client, href, "INPRG");
        var closed = await ChangeStatusAsync(client, href, "CAN");

        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Equal("INPRG", (string?)started.Body["status"]);
        Assert.Equal(HttpStatusCode.BadRequest, closed.Status);
        Assert.StartsWith("BMXAA4590E", (string?)closed.Body["Error"]!["message"], StringComparison.Ordinal);
    }
}
