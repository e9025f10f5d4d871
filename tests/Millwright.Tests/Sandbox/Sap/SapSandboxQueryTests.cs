using System.Net;
using System.Text.Json.Nodes;
using Millwright.Sandbox.Sap;

namespace Millwright.Tests.Sandbox.Sap;

/// <summary>Reads as SAP Gateway serves them: envelopes, server paging, query options, errors, logon.</summary>
public sealed class SapSandboxQueryTests(SapSandboxFixture fixture) : IClassFixture<SapSandboxFixture>
{
    [Fact]
    public async Task List_LongerThanAServerPage_PagesWithNextAndSkiptokenAndCountsAllPages()
    {
        using var client = fixture.Client("API_MAINTENANCEORDER");

        var first = await client.GetDAsync("MaintenanceOrder?$format=json&$inlinecount=allpages&$filter=MaintenanceOrderType eq 'PM01'");
        var all = await client.WalkAsync("MaintenanceOrder?$format=json&$filter=MaintenanceOrderType eq 'PM01'");

        Assert.Equal(25, first["results"]!.AsArray().Count);
        Assert.Contains("$skiptoken=25", (string)first["__next"]!, StringComparison.Ordinal);
        Assert.StartsWith(fixture.Host.ServiceUrl("API_MAINTENANCEORDER").ToString(), (string)first["__next"]!, StringComparison.Ordinal);
        Assert.Equal(int.Parse((string)first["__count"]!, System.Globalization.CultureInfo.InvariantCulture), all.Count);
        Assert.All(all, o => Assert.Equal("PM01", (string?)o["MaintenanceOrderType"]));
        Assert.Equal(all.Count, all.Select(o => (string)o["MaintenanceOrder"]!).Distinct().Count());
    }

    [Fact]
    public async Task List_SelectExpandOrderbyTopSkip_ShapeTheAnswer()
    {
        using var client = fixture.Client("API_PURCHASEORDER_PROCESS_SRV");

        var page = await client.GetDAsync("A_PurchaseOrder?$format=json&$select=PurchaseOrder,Supplier,to_PurchaseOrderItem&$expand=to_PurchaseOrderItem&$orderby=Supplier desc,PurchaseOrder&$top=5&$skip=2");
        var items = page["results"]!.AsArray().Select(n => n!.AsObject()).ToList();

        Assert.Equal(5, items.Count);
        Assert.Null(page["__next"]);
        Assert.All(items, po => Assert.Equal(["PurchaseOrder", "Supplier", "__metadata", "to_PurchaseOrderItem"], po.Select(p => p.Key).Order(StringComparer.Ordinal)));
        Assert.All(items, po => Assert.All(po["to_PurchaseOrderItem"]!["results"]!.AsArray(), i => Assert.Equal((string?)po["PurchaseOrder"], (string?)i!["PurchaseOrder"])));
        Assert.All(items, po => Assert.NotEmpty(po["to_PurchaseOrderItem"]!["results"]!.AsArray()));
        var suppliers = items.Select(po => (string)po["Supplier"]!).ToList();
        Assert.Equal(suppliers.OrderDescending(StringComparer.Ordinal), suppliers);
    }

    [Fact]
    public async Task Get_OneEntityByKeyAndItsNavigation_CarriesEtagAndUri()
    {
        using var equipment = fixture.Client("API_EQUIPMENT");
        using var orders = fixture.Client("API_MAINTENANCEORDER");
        var one = (await orders.GetDAsync("MaintenanceOrder?$format=json&$top=1"))["results"]![0]!;
        var number = (string)one["MaintenanceOrder"]!;

        using var response = await orders.GetAsync($"MaintenanceOrder('{number}')?$format=json");
        var single = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["d"]!;
        var operations = await orders.GetDAsync($"MaintenanceOrder('{number}')/to_MaintenanceOrderOperation?$format=json");
        var asset = await equipment.GetDAsync("Equipment(Equipment='10000003',ValidityEndDate=datetime'9999-12-31T00:00:00')?$format=json");

        Assert.Equal(number, (string?)single["MaintenanceOrder"]);
        Assert.Equal((string?)single["__metadata"]!["etag"], response.Headers.ETag?.ToString());
        Assert.StartsWith("W/\"datetimeoffset'", (string?)single["__metadata"]!["etag"], StringComparison.Ordinal);
        Assert.EndsWith($"MaintenanceOrder('{number}')", (string?)single["__metadata"]!["uri"], StringComparison.Ordinal);
        Assert.NotEmpty(operations["results"]!.AsArray());
        Assert.Equal("10000003", (string?)asset["Equipment"]);
        Assert.Equal("/Date(253402214400000)/", (string?)asset["ValidityEndDate"]);
    }

    [Theory]
    [InlineData("API_MAINTENANCEORDER", "NoSuchSet?$format=json", 404, "/IWBEP/CM_MGW_RT/020")]
    [InlineData("API_MAINTENANCEORDER", "MaintenanceOrder('0')?$format=json", 404, "/IWBEP/CM_MGW_RT/020")]
    [InlineData("API_NO_SUCH_SERVICE", "Anything?$format=json", 404, "/IWFND/MED/170")]
    [InlineData("API_MAINTENANCEORDER", "MaintenanceOrder?$format=json&$filter=MaintPriority eq", 400, "/IWCOR/CX_DS_EXPR_SYNTAX_ERROR")]
    [InlineData("API_MAINTENANCEORDER", "MaintenanceOrder?$format=json&$filter=LastChangeDateTime ge datetimeoffset'2026-02-31T00:00:00Z'", 400, "/IWCOR/CX_DS_EXPR_SYNTAX_ERROR")]
    [InlineData("API_MAINTENANCEORDER", "MaintenanceOrder?$format=json&$top=-1", 400, "/IWCOR/CX_DS_EXPR_SYNTAX_ERROR")]
    [InlineData("API_MAINTENANCEORDER", "MaintenanceOrder?$format=json&$select=Nope", 400, "/IWCOR/CX_DS_EXPR_SYNTAX_ERROR")]
    [InlineData("API_MAINTENANCEORDER", "MaintenanceOrder?$format=json&$expand=to_Nope", 400, "/IWCOR/CX_DS_EXPR_SYNTAX_ERROR")]
    [InlineData("API_MAINTENANCEORDER", "MaintenanceOrder?$format=json&$orderby=MaintPriority sideways", 400, "/IWCOR/CX_DS_EXPR_SYNTAX_ERROR")]
    [InlineData("API_MAINTENANCEORDER", "MaintenanceOrder?$format=json&$bogus=1", 400, "/IWCOR/CX_DS_EXPR_SYNTAX_ERROR")]
    [InlineData("API_MAINTENANCEORDER", "MaintenanceOrder('4000001'?$format=json", 404, "/IWBEP/CM_MGW_RT/020")]
    public async Task Get_BadRequest_AnswersWithSapsErrorBody(string service, string url, int status, string code)
    {
        using var client = fixture.Client(service);

        using var response = await client.GetAsync(url);
        var error = await SapHttp.ErrorAsync(response);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, (string?)error["code"]);
    }

    [Fact]
    public async Task Get_WithoutOrWithWrongLogonOrClient_Is401WithARealm()
    {
        using var anonymous = fixture.Host.CreateClient("API_EQUIPMENT", user: null);
        using var wrong = fixture.Host.CreateClient("API_EQUIPMENT", password: "wrong");
        using var right = fixture.Client("API_EQUIPMENT");

        using var none = await anonymous.GetAsync("Equipment?$format=json");
        using var badPassword = await wrong.GetAsync("Equipment?$format=json");
        using var badClient = await right.GetAsync("Equipment?$format=json&sap-client=200");
        using var goodClient = await right.GetAsync("Equipment?$format=json&sap-client=100&$top=1");

        Assert.All([none, badPassword, badClient], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Contains("SAP NetWeaver Application Server", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, goodClient.StatusCode);
    }

    [Fact]
    public async Task ServiceDocument_ListsTheEntitySetsOfTheMetadata()
    {
        using var client = fixture.Client("API_MAINTNOTIFICATION");

        var document = await client.GetDAsync("?$format=json");

        Assert.Equal(SapService.All["API_MAINTNOTIFICATION"].Sets.Keys.Order(StringComparer.Ordinal), document["EntitySets"]!.AsArray().Select(s => (string)s!));
    }
}
