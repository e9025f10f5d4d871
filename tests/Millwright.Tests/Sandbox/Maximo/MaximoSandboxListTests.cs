using System.Net;
using System.Text.Json.Nodes;
using Millwright.Sandbox.Maximo;

namespace Millwright.Tests.Sandbox.Maximo;

/// <summary>Collections over HTTP: paging by nextPage.href, counts, ordering, stable paging, auth and error bodies.</summary>
public sealed class MaximoSandboxListTests(MaximoSandboxFixture fixture) : IClassFixture<MaximoSandboxFixture>
{
    [Fact]
    public async Task Collection_PagedByNextPageHref_ReturnsEveryRecordOnceWithCounts()
    {
        using var client = fixture.Client();
        var first = await client.GetObjectAsync("api/os/mxapiwodetail?lean=1&oslc.select=wonum&oslc.pageSize=70&collectioncount=1");
        var all = await client.WalkAsync("api/os/mxapiwodetail?lean=1&oslc.select=wonum&oslc.pageSize=70");

        var info = first["responseInfo"]!;
        Assert.Equal(300, (int)info["totalCount"]!);
        Assert.Equal(5, (int)info["totalPages"]!);
        Assert.Equal(1, (int)info["pagenum"]!);
        Assert.Null(info["previousPage"]);
        Assert.Contains("pageno=2", (string)info["nextPage"]!["href"]!, StringComparison.Ordinal);
        Assert.Equal(300, all.Select(w => (string)w["wonum"]!).Distinct().Count());
        var plain = await client.GetObjectAsync("api/os/mxapiwodetail?oslc.select=wonum&oslc.pageSize=70");
        Assert.Null(plain["responseInfo"]!["totalCount"]);
    }

    [Fact]
    public async Task Collection_OrderByAndWhere_FilterAndSortServerSide()
    {
        using var client = fixture.Client();
        var rows = await client.WalkAsync("api/os/mxapiwodetail?oslc.select=wonum,wopriority,changedate,status" +
            "&oslc.where=" + Uri.EscapeDataString("status in [\"CLOSE\",\"COMP\"] and wopriority<=3") +
            "&oslc.orderBy=" + Uri.EscapeDataString("-changedate,+wonum") + "&oslc.pageSize=40");

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.True((string)r["status"]! is "CLOSE" or "COMP"));
        Assert.All(rows, r => Assert.True((int)r["wopriority"]! <= 3));
        var dates = rows.Select(r => DateTimeOffset.Parse((string)r["changedate"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Theory]
    [InlineData("api/os/mxapiwodetail?oslc.where=status%3D%22APPR", 400, "BMXAA8747E")]
    [InlineData("api/os/mxapiwodetail?oslc.where=bogus%3D1", 400, "BMXAA8747E")]
    [InlineData("api/os/mxapiwodetail?oslc.select=wonum%7B", 400, "BMXAA8747E")]
    [InlineData("api/os/mxapiwodetail?oslc.orderBy=changedate", 400, "BMXAA8747E")]
    [InlineData("api/os/mxapiwodetail?oslc.orderBy=+changedate", 400, "BMXAA8747E")]
    [InlineData("api/os/mxapiwodetail?oslc.pageSize=0", 400, "BMXAA8747E")]
    [InlineData("api/os/mxapiwodetail?pageno=x", 400, "BMXAA8747E")]
    [InlineData("api/os/mxnothing", 404, "BMXAA8738E")]
    [InlineData("api/os/mxapiwodetail/_Tk9QRS85OTk5", 404, "BMXAA8727E")]
    [InlineData("api/os/mxapiwodetail/not-a-rest-id", 404, "BMXAA8727E")]
    [InlineData("api/os/mxapiwodetail?stablePaging=true&pageno=2&stableset=unknown", 410, "BMXAA8760E")]
    public async Task BadRequest_AnswersMaximosErrorBody(string url, int status, string reasonCode)
    {
        using var client = fixture.Client();
        var (actual, error) = await client.GetErrorAsync(url);

        Assert.Equal(status, actual);
        Assert.Equal(reasonCode, (string)error["reasonCode"]!);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)error["statusCode"]!);
        Assert.StartsWith(reasonCode + " - ", (string)error["message"]!, StringComparison.Ordinal);
        Assert.EndsWith(reasonCode, (string)error["extendedError"]!["moreInfo"]!["href"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auth_ApiKeyHeaderQueryAndMaxauth_AreAcceptedWhereMaximoAcceptsThem()
    {
        using var anonymous = fixture.Client(apiKey: null);
        using var revoked = fixture.Client(MaximoSandboxSettings.RevokedApiKey);
        var maxauth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{MaximoSandboxSettings.DemoUser}:{MaximoSandboxSettings.DemoPassword}"));
        var wrong = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{MaximoSandboxSettings.DemoUser}:nope"));

        Assert.Equal(401, (await anonymous.GetErrorAsync("api/os/mxapiasset")).Status);
        Assert.Equal("BMXAA7901E", (string)(await revoked.GetErrorAsync("api/os/mxapiasset")).Error["reasonCode"]!);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"api/os/mxapiasset?apikey={MaximoSandboxSettings.DemoApiKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusWith(anonymous, "oslc/os/mxapiasset", "maxauth", maxauth));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(anonymous, "oslc/os/mxapiasset", "maxauth", wrong));
        // MAS serves /api to API keys (or an identity provider), not to maxauth.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWith(anonymous, "api/os/mxapiasset", "maxauth", maxauth));
        var me = await fixture.Client().GetObjectAsync("api/whoami");
        Assert.Equal(MaximoSandboxSettings.DemoUser, (string)me["personid"]!);
    }

    private static async Task<HttpStatusCode> StatusWith(HttpClient client, string url, string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(header, value);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task StablePaging_IsForwardOnlyAndIgnoresLaterChanges()
    {
        using var client = fixture.Client();
        var first = await client.GetObjectAsync("api/os/mxapilocations?oslc.select=location,siteid&oslc.pageSize=10&stablePaging=true");
        var next = (string)first["responseInfo"]!["nextPage"]!["href"]!;
        Assert.Null(first["responseInfo"]!["previousPage"]);

        var second = await client.GetObjectAsync(next);
        using var again = await client.GetAsync(next);

        Assert.Equal(2, (int)second["responseInfo"]!["pagenum"]!);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Empty(first["member"]!.AsArray().Select(m => (string)m!["href"]!).Intersect(second["member"]!.AsArray().Select(m => (string)m!["href"]!)));
    }

    [Fact]
    public async Task Relationships_AndChildren_AreNestedSelections()
    {
        using var client = fixture.Client();
        var po = await client.GetObjectAsync("api/os/mxapipo?oslc.select=ponum,poline{polinenum,orderqty},rel.vendor{company,name}&oslc.pageSize=1");
        var item = await client.GetObjectAsync("api/os/mxapiitem?oslc.select=itemnum,rel.inventory{location,curbaltotal}&oslc.pageSize=50");

        var order = po["member"]![0]!.AsObject();
        Assert.NotEmpty(order["poline"]!.AsArray());
        Assert.All(order["poline"]!.AsArray(), l => Assert.Equal(["polinenum", "orderqty"], l!.AsObject().Select(p => p.Key)));
        Assert.Single(order["vendor"]!.AsArray());
        Assert.Contains(item["member"]!.AsArray(), i => i!["inventory"]!.AsArray().Count > 0);
    }
}
