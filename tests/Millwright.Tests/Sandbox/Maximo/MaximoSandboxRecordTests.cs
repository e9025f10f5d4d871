using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Millwright.Tests.Support;

namespace Millwright.Tests.Sandbox.Maximo;

/// <summary>The emulator's records against the published MXWO record (`../shared/vendor-specs/ibm-maximo/`).</summary>
public sealed class MaximoSandboxRecordTests(MaximoSandboxFixture fixture) : IClassFixture<MaximoSandboxFixture>
{
    private static readonly JsonObject Sample =
        JsonNode.Parse(File.ReadAllText(VendorSpecFiles.Path("ibm-maximo", "sample-mxwo-record-lean.json")))!.AsObject();

    [Theory]
    [InlineData("mxwo")]
    [InlineData("mxapiwodetail")]
    public async Task GetRecord_EveryAttributeSharedWithThePublishedRecord_HasTheSameJsonType(string os)
    {
        using var client = fixture.Client();
        var page = await client.GetObjectAsync($"api/os/{os}?lean=1&oslc.select=*&oslc.where=status=\"COMP\"&oslc.pageSize=1");
        var href = (string)page["member"]![0]!["href"]!;
        var record = await client.GetObjectAsync(href);

        var shared = Sample.Select(p => p.Key).Where(record.ContainsKey).ToList();
        // The sandbox emulates most of MXWO: at least the attributes a connector reads must be there.
        Assert.Superset(new HashSet<string>(["wonum", "status", "status_description", "siteid", "orgid", "wopriority", "changedate", "reportdate",
            "assetnum", "location", "worktype", "woclass", "woclass_description", "workorderid", "_rowstamp", "href", "estdur", "downtime", "historyflag"]), shared.ToHashSet());
        Assert.True(shared.Count >= 70, $"Only {shared.Count} attributes in common with the published record.");
        Assert.All(shared, name => Assert.True(Sample[name]!.GetValueKind() == record[name]!.GetValueKind(),
            $"{name}: the published record has {Sample[name]!.GetValueKind()}, the sandbox {record[name]!.GetValueKind()}"));
        Assert.All(record.Select(p => p.Key), name => Assert.Equal(name.ToLowerInvariant(), name));
    }

    [Fact]
    public async Task GetRecord_HrefAndTimestamps_HaveMaximosShapes()
    {
        using var client = fixture.Client();
        var page = await client.GetObjectAsync("api/os/mxapiwodetail?oslc.select=wonum,siteid,changedate,status&oslc.pageSize=3");

        foreach (var member in page["member"]!.AsArray().Select(m => m!.AsObject()))
        {
            // As in the published record: _ + base64 of SITEID/WONUM, '=' written as '-'.
            var restId = ((string)member["href"]!).Split('/')[^1];
            var key = Encoding.UTF8.GetString(Convert.FromBase64String(restId[1..].Replace('-', '=')));
            Assert.Equal($"{member["siteid"]}/{member["wonum"]}", key);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", (string)member["changedate"]!);
            Assert.Matches("^[0-9]+$", (string)member["_rowstamp"]!);
            Assert.False(string.IsNullOrEmpty((string?)member["status_description"]));
        }

        var sampleId = ((string)Sample["href"]!).Split('/')[^1];
        Assert.Equal("BEDFORD/2006", Encoding.UTF8.GetString(Convert.FromBase64String(sampleId[1..])));
    }

    [Fact]
    public async Task Collection_WithoutSelect_ReturnsOnlyHrefs_AndNonLeanIsNamespaced()
    {
        using var client = fixture.Client();
        var lean = await client.GetObjectAsync("api/os/mxapiasset?oslc.pageSize=2");
        var classic = await client.GetObjectAsync("oslc/os/mxapiasset?oslc.pageSize=2&oslc.select=assetnum");

        Assert.All(lean["member"]!.AsArray(), m => Assert.Equal(["href", "_rowstamp"], m!.AsObject().Select(p => p.Key)));
        Assert.NotNull(classic["rdfs:member"]);
        Assert.NotNull(classic["rdfs:member"]![0]!["spi:assetnum"]);
    }

    [Fact]
    public async Task Domains_StatusValues_AreMaximosOutOfTheBoxOnes()
    {
        using var client = fixture.Client();
        var workOrders = await client.WalkAsync("api/os/mxapiwodetail?oslc.select=status&oslc.pageSize=500");
        var assets = await client.WalkAsync("api/os/mxapiasset?oslc.select=status&oslc.pageSize=500");
        var orders = await client.WalkAsync("api/os/mxapipo?oslc.select=status&oslc.pageSize=500");

        Assert.Subset(new HashSet<string>(["WAPPR", "APPR", "WSCH", "WMATL", "WPCOND", "INPRG", "COMP", "CLOSE", "CAN"]),
            workOrders.Select(w => (string)w["status"]!).ToHashSet());
        Assert.True(workOrders.Select(w => (string)w["status"]!).Distinct().Count() >= 6);
        Assert.Subset(new HashSet<string>(["OPERATING", "NOT READY", "BROKEN", "DECOMMISSIONED", "ACTIVE", "IMPORTED", "LIMITEDUSE", "MISSING", "SEALED"]),
            assets.Select(a => (string)a["status"]!).ToHashSet());
        Assert.Subset(new HashSet<string>(["WAPPR", "APPR", "INPRG", "CLOSE", "CAN", "HOLD", "REVISE"]), orders.Select(o => (string)o["status"]!).ToHashSet());
        Assert.Equal(300, workOrders.Count);
        Assert.All(workOrders, w => Assert.Equal(JsonValueKind.String, w["status_description"]!.GetValueKind()));
    }
}
