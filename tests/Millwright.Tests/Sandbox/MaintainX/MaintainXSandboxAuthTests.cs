using System.Net;
using System.Text.Json.Nodes;
using Millwright.Sandbox.MaintainX;

namespace Millwright.Tests.Sandbox.MaintainX;

public sealed class MaintainXSandboxAuthTests(MaintainXSandboxFixture fixture) : IClassFixture<MaintainXSandboxFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    [InlineData(MaintainXSandboxSettings.RevokedApiKey)]
    public async Task List_UnknownMissingOrRevokedKey_Returns401WithError(string? key)
    {
        using var client = fixture.Client(key);
        using var response = await client.GetAsync("workorders");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.IsType<string>((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task List_LowercaseBearerScheme_IsAccepted()
    {
        using var client = fixture.Client(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "bearer " + MaintainXSandboxSettings.DemoApiKey);
        using var response = await client.GetAsync("teams");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task List_MultiOrgKeyWithoutHeader_Returns400()
    {
        using var client = fixture.Client(MaintainXSandboxSettings.MultiOrgApiKey);
        using var response = await client.GetAsync("workorders");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Missing x-organization-id header.", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]);
    }

    [Fact]
    public async Task List_BothOrganizationHeaders_Returns400()
    {
        using var client = fixture.Client(MaintainXSandboxSettings.MultiOrgApiKey);
        client.DefaultRequestHeaders.Add("x-organization-id", MaintainXSandboxSettings.DemoOrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        client.DefaultRequestHeaders.Add("x-organization-ids", $"{MaintainXSandboxSettings.DemoOrganizationId},{MaintainXSandboxSettings.SecondOrganizationId}");
        using var response = await client.GetAsync("assets");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task List_MultiOrgKeyWithOrganizationId_ReturnsThatOrganizationsData()
    {
        using var client = fixture.Client(MaintainXSandboxSettings.MultiOrgApiKey);
        client.DefaultRequestHeaders.Add("x-organization-id", MaintainXSandboxSettings.SecondOrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var assets = await client.WalkAsync("assets", "assets");
        Assert.Equal(30, assets.Count);
        Assert.All(assets, a => Assert.Equal(MaintainXSandboxSettings.SecondOrganizationId, (long)a["organizationId"]!));
    }

    [Fact]
    public async Task List_OrganizationIdsOnSupportingEndpoint_MergesOrganizations()
    {
        using var client = fixture.Client(MaintainXSandboxSettings.MultiOrgApiKey);
        client.DefaultRequestHeaders.Add("x-organization-ids", $"{MaintainXSandboxSettings.DemoOrganizationId},{MaintainXSandboxSettings.SecondOrganizationId}");
        var locations = await client.WalkAsync("locations", "locations");
        Assert.Equal(2, locations.Select(l => (long)l["organizationId"]!).Distinct().Count());
        using var unsupported = await client.GetAsync("workorders");
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
    }

    [Fact]
    public async Task Organizations_MultiOrgKeyWithoutHeader_ListsBoth()
    {
        using var client = fixture.Client(MaintainXSandboxSettings.MultiOrgApiKey);
        var organizations = await client.GetObjectAsync("organizations");
        Assert.Equal(2, organizations["organizations"]!.AsArray().Count);
    }

    [Fact]
    public async Task List_SingleOrgKeyWithForeignOrganizationId_Returns400()
    {
        using var client = fixture.Client();
        client.DefaultRequestHeaders.Add("x-organization-id", MaintainXSandboxSettings.SecondOrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await client.GetAsync("users");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_MultiOrgKeyWithoutHeader_Returns400ErrorsList()
    {
        using var client = fixture.Client(MaintainXSandboxSettings.MultiOrgApiKey);
        using var response = await client.SendJsonAsync(HttpMethod.Post, "workorders", new { title = "No org" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Missing x-organization-id header.", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["error"]);
    }
}
