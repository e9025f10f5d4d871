using System.Net;
using System.Text.Json.Nodes;

namespace Millwright.Tests.Sandbox.Maximo;

/// <summary>Writes as Maximo takes them: POST create, POST + x-method-override PATCH update, properties, If-Match, errors.</summary>
public sealed class MaximoSandboxWriteTests(MaximoSandboxFixture fixture) : IClassFixture<MaximoSandboxFixture>
{
    [Fact]
    public async Task Create_WorkOrder_Returns201WithLocationAndNumbersIt()
    {
        using var client = fixture.Client();
        using var created = await client.PostJsonAsync("api/os/mxapiwodetail?lean=1",
            new { description = "Replace the conveyor drive belt", siteid = "RVRSIDE", wopriority = 2, worktype = "CM" });
        using var withBody = await client.PostJsonAsync("api/os/mxapiwodetail?lean=1", new { description = "Check guard" }, ("properties", "wonum,status,siteid"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        var record = await client.GetObjectAsync(location);
        Assert.Equal("WAPPR", (string)record["status"]!);
        Assert.Equal("Waiting on approval", (string)record["status_description"]!);
        Assert.Equal("RVRSIDE", (string)record["siteid"]!);
        Assert.Equal(MaximoSandboxFixture.Start, DateTimeOffset.Parse((string)record["changedate"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.Created, withBody.StatusCode);
        var body = JsonNode.Parse(await withBody.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("WAPPR", (string)body["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)body["wonum"]));
    }

    [Fact]
    public async Task Update_WithMethodOverride_ChangesStatusStampsAndHonoursIfMatch()
    {
        using var client = fixture.Client();
        var page = await client.GetObjectAsync("api/os/mxapiwodetail?oslc.select=wonum,_rowstamp,status&oslc.where=status=\"APPR\"&oslc.pageSize=1");
        var href = (string)page["member"]![0]!["href"]!;
        var rowstamp = (string)page["member"]![0]!["_rowstamp"]!;

        using var plainPost = await client.PostJsonAsync(href, new { status = "INPRG" });
        using var stale = await client.PostJsonAsync(href, new { status = "INPRG" }, ("x-method-override", "PATCH"), ("If-Match", "1"));
        using var badStatus = await client.PostJsonAsync(href, new { status = "DONE" }, ("x-method-override", "PATCH"));
        using var updated = await client.PostJsonAsync(href, new { status = "INPRG" }, ("x-method-override", "PATCH"), ("If-Match", rowstamp), ("properties", "*"));

        Assert.Equal(HttpStatusCode.BadRequest, plainPost.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Contains("BMXAA4134E", await badStatus.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var record = JsonNode.Parse(await updated.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("INPRG", (string)record["status"]!);
        Assert.NotEqual(rowstamp, (string)record["_rowstamp"]!);
        var changed = DateTimeOffset.Parse((string)record["changedate"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(MaximoSandboxFixture.Start, changed);
    }

    [Theory]
    [InlineData("{\"nosuch\":1}", "BMXAA8714E")]
    [InlineData("{\"wopriority\":\"high\"}", "BMXAA4134E")]
    [InlineData("{\"workorderid\":5}", "BMXAA4134E")]
    [InlineData("[1,2]", "BMXAA4134E")]
    [InlineData("{not json", "BMXAA4134E")]
    public async Task Create_BadBody_Is400WithMaximoError(string json, string reasonCode)
    {
        using var client = fixture.Client();
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("api/os/mxapiwodetail", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["Error"]!;
        Assert.Equal(reasonCode, (string)error["reasonCode"]!);
    }

    [Fact]
    public async Task Delete_Record_IsGoneAfterwards()
    {
        using var client = fixture.Client();
        using var created = await client.PostJsonAsync("api/os/mxapisr", new { description = "Light out in hall B", siteid = "SPRFLD" });
        var href = created.Headers.Location!.ToString();

        using var deleted = await client.PostJsonAsync(href, new { }, ("x-method-override", "DELETE"));
        var (status, error) = await client.GetErrorAsync(href);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(404, status);
        Assert.Equal("BMXAA8727E", (string)error["reasonCode"]!);
    }
}
