using System.Net;
using System.Text.Json.Nodes;
using Millwright.Tests.Support;

namespace Millwright.Tests.Sandbox.Maximo;

/// <summary>
/// Asset meters, reading history, PM records and person groups of the emulator, against the server's own MXAPIASSET schema
/// (`../shared/vendor-specs/ibm-maximo/jsonschema-mxapiasset-full.json`) where it covers them, and against each other.
/// </summary>
public sealed class MaximoSandboxMeterTests(MaximoSandboxFixture fixture) : IClassFixture<MaximoSandboxFixture>
{
    private static readonly string[] MeterTypes = ["CONTINUOUS", "GAUGE", "CHARACTERISTIC"];
    private static readonly string[] FrequencyUnits = ["DAYS", "WEEKS", "MONTHS", "YEARS"];

    private static readonly JsonObject Schema = Strip(JsonNode.Parse(File.ReadAllText(VendorSpecFiles.Path("ibm-maximo", "jsonschema-mxapiasset-full.json")))!.AsObject());

    [Fact]
    public async Task Assets_WithMetersAndReadings_ValidateAgainstThePublishedSchema()
    {
        using var client = fixture.Client();
        var assets = await client.WalkAsync("api/os/mxapiasset?lean=1&oslc.select=*&oslc.pageSize=25");

        var withMeters = assets.Where(a => a["assetmeter"] is JsonArray { Count: > 0 }).ToList();
        Assert.True(withMeters.Count >= 10, $"Only {withMeters.Count} assets have meters.");
        foreach (var asset in assets)
        {
            var failures = OpenApiSchemas.Validate(Schema, asset);
            Assert.True(failures.Count == 0, $"{asset["assetnum"]}: {string.Join("; ", failures.Take(5))}");
        }

        var meterSchema = Schema["properties"]!["assetmeter"]!["items"]!["properties"]!.AsObject();
        var meters = withMeters.SelectMany(a => a["assetmeter"]!.AsArray().Select(m => m!.AsObject())).ToList();
        Assert.All(meters.SelectMany(m => m.Select(p => p.Key)), name => Assert.True(meterSchema.ContainsKey(name), $"assetmeter.{name} is not in the schema"));
        Assert.All(meters.SelectMany(m => m["meterreading"]!.AsArray()).SelectMany(r => r!.AsObject().Select(p => p.Key)),
            name => Assert.True(meterSchema["meterreading"]!["items"]!["properties"]!.AsObject().ContainsKey(name), $"meterreading.{name} is not in the schema"));
        Assert.All(meters.SelectMany(m => m["measurement"]!.AsArray()).SelectMany(r => r!.AsObject().Select(p => p.Key)),
            name => Assert.True(meterSchema["measurement"]!["items"]!["properties"]!.AsObject().ContainsKey(name), $"measurement.{name} is not in the schema"));
        Assert.Contains(meters, m => m["meterreading"]!.AsArray().Count > 1);
        Assert.Contains(meters, m => m["measurement"]!.AsArray().Any(r => r!["observation"] is not null));
        Assert.Contains(meters, m => m["measurement"]!.AsArray().Any(r => r!["measurementvalue"] is not null));
    }

    [Fact]
    public void Schema_Validation_RejectsWhatBreaksIt()
    {
        // The check above can fail: a reading as a number where the schema says ALN, a meter name over its 10 characters.
        var asset = new JsonObject
        {
            ["assetid"] = 1,
            ["assetnum"] = "X",
            ["changeby"] = "A",
            ["changedate"] = "2026-01-01T00:00:00+00:00",
            ["moved"] = false,
            ["orgid"] = "O",
            ["siteid"] = "S",
            ["assetmeter"] = new JsonArray(new JsonObject { ["metername"] = "AVERYLONGMETERNAME", ["lastreading"] = 5 }),
        };

        var failures = OpenApiSchemas.Validate(Schema, asset);

        Assert.Contains(failures, f => f.Contains("maxLength", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("type", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Meters_TypesAndUnits_ComeFromTheMeterThroughTheRelationship()
    {
        using var client = fixture.Client();
        var types = await client.WalkAsync("api/os/mxapimeter?oslc.select=metername,metertype,measureunitid,domainid");
        var assets = await client.WalkAsync("api/os/mxapiasset?oslc.select=assetnum,assetmeter{metername,lastreading,rel.meter{metertype}}&oslc.pageSize=100");

        Assert.Equal(["CHARACTERISTIC", "CONTINUOUS", "GAUGE"], types.Select(t => (string)t["metertype"]!).Distinct().Order());
        Assert.All(types.Where(t => (string?)t["metertype"] == "CHARACTERISTIC"), t => Assert.NotNull(t["domainid"]));
        var rows = assets.SelectMany(a => a["assetmeter"]?.AsArray() ?? []).Select(m => m!.AsObject()).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, m => Assert.Equal(["metername", "lastreading", "meter"], m.Select(p => p.Key)));
        Assert.All(rows, m => Assert.Contains((string?)Assert.Single(m["meter"]!.AsArray())!["metertype"], MeterTypes));
    }

    [Fact]
    public async Task Where_DottedChildAttributeAndChildFilter_SelectAssetsAndTheirMatchingRows()
    {
        using var client = fixture.Client();
        var all = await client.WalkAsync("api/os/mxapiasset?oslc.select=assetnum,assetmeter{metername,changedate,meterreading{enterdate}}&oslc.pageSize=100");
        var stamps = all.SelectMany(a => a["assetmeter"]?.AsArray() ?? []).Select(m => (string)m!["changedate"]!).Order(StringComparer.Ordinal).ToList();
        var since = stamps[stamps.Count / 2];
        var where = Uri.EscapeDataString($"assetmeter.changedate>=\"{since}\"");
        var filter = Uri.EscapeDataString($"changedate>=\"{since}\"");

        var assets = await client.WalkAsync($"api/os/mxapiasset?oslc.select=assetnum,assetmeter{{metername,changedate}}&oslc.pageSize=100&oslc.where={where}");
        var filtered = await client.WalkAsync($"api/os/mxapiasset?oslc.select=assetnum,assetmeter{{metername,changedate}}&oslc.pageSize=100&oslc.where={where}&asset.assetmeter.where={filter}");
        var readings = await client.WalkAsync($"api/os/mxapiasset?oslc.select=assetnum,assetmeter{{meterreading{{enterdate}}}}&oslc.pageSize=100&assetmeter.meterreading.where={Uri.EscapeDataString($"enterdate>=\"{since}\"")}");
        var (status, error) = await client.GetErrorAsync("api/os/mxapiasset?oslc.select=assetnum&asset.nosuchchild.where=x=1");

        var expected = all.Where(a => a["assetmeter"]?.AsArray().Any(m => string.CompareOrdinal((string)m!["changedate"]!, since) >= 0) == true).Select(a => (string)a["assetnum"]!);
        Assert.Equal(expected.Order(), assets.Select(a => (string)a["assetnum"]!).Order());
        Assert.Equal(all.Count, readings.Count);
        // Without a child filter the selected assets keep all their meters.
        Assert.Equal(all.Where(a => expected.Contains((string)a["assetnum"]!)).Sum(a => a["assetmeter"]!.AsArray().Count), assets.Sum(a => a["assetmeter"]!.AsArray().Count));
        Assert.All(filtered.SelectMany(a => a["assetmeter"]!.AsArray()), m => Assert.True(string.CompareOrdinal((string)m!["changedate"]!, since) >= 0));
        Assert.All(readings.SelectMany(a => a["assetmeter"]?.AsArray() ?? []).SelectMany(m => m!["meterreading"]!.AsArray()),
            r => Assert.True(string.CompareOrdinal((string)r!["enterdate"]!, since) >= 0));
        Assert.Equal((400, "BMXAA8747E"), (status, (string?)error["reasonCode"]));
    }

    [Fact]
    public async Task PreventiveMaintenance_TimeOrMeterBased_OnRealAssetsAndLocations()
    {
        using var client = fixture.Client();
        var pms = await client.WalkAsync("api/os/mxapipm?oslc.select=pmnum,siteid,assetnum,location,status,frequency,frequnit,nextdate,pmmeter{metername,frequency},rel.asset{assetnum},rel.location{location}");
        var alias = await client.GetObjectAsync("api/os/mxpm?oslc.select=pmnum&oslc.pageSize=1");
        var orders = await client.WalkAsync("api/os/mxapiwodetail?oslc.select=pmnum,siteid,assetnum&oslc.where=pmnum=\"*\"&oslc.pageSize=500");

        Assert.Equal(60, pms.Count);
        Assert.Single(alias["member"]!.AsArray());
        Assert.All(pms, pm => Assert.Single(pm["location"]!.AsArray()));
        Assert.All(pms.Where(pm => pm["assetnum"] is not null), pm => Assert.Single(pm["asset"]!.AsArray()));
        var timeBased = pms.Where(pm => pm["frequency"] is not null).ToList();
        var meterBased = pms.Where(pm => pm["pmmeter"]!.AsArray().Count > 0).ToList();
        Assert.All(timeBased, pm => Assert.Contains((string?)pm["frequnit"], FrequencyUnits));
        Assert.NotEmpty(meterBased);
        Assert.All(meterBased, pm => Assert.Null(pm["frequency"]));
        Assert.Equal(pms.Count, timeBased.Count + meterBased.Count);
        // A work order generated by a PM is on that PM's site and asset.
        Assert.NotEmpty(orders);
        Assert.All(orders, o => Assert.Contains(pms, pm => (string?)pm["pmnum"] == (string?)o["pmnum"] && (string?)pm["siteid"] == (string?)o["siteid"]
            && (string?)pm["assetnum"] == (string?)o["assetnum"]));
    }

    [Fact]
    public async Task PersonGroups_Members_AreActivePersonsAndTheWorkOrdersGroups()
    {
        using var client = fixture.Client();
        var groups = await client.WalkAsync("api/os/mxapipersongroup?oslc.select=persongroup,description,persongroupteam{respparty,resppartyseq,groupdefault}");
        var persons = await client.WalkAsync("api/os/mxapiperson?oslc.select=personid,status");
        var active = persons.Where(p => (string?)p["status"] == "ACTIVE").Select(p => (string)p["personid"]!).ToHashSet();

        Assert.Superset(new HashSet<string>(["MECH", "ELEC", "HVAC"]), groups.Select(g => (string)g["persongroup"]!).ToHashSet());
        Assert.All(groups, g => Assert.NotEmpty(g["persongroupteam"]!.AsArray()));
        Assert.All(groups.SelectMany(g => g["persongroupteam"]!.AsArray()), m => Assert.Contains((string)m!["respparty"]!, active));
        Assert.All(groups, g => Assert.Single(g["persongroupteam"]!.AsArray(), m => (bool)m!["groupdefault"]!));
    }

    [Fact]
    public async Task NewReading_ThroughAssetPatchMerge_BecomesHistoryAndMovesTheMeter()
    {
        using var client = fixture.Client();
        var (href, meter) = await ContinuousMeterAsync(client);
        var last = decimal.Parse((string)meter["lastreading"]!, System.Globalization.CultureInfo.InvariantCulture);
        var date = DateTimeOffset.Parse((string)meter["lastreadingdate"]!, System.Globalization.CultureInfo.InvariantCulture).AddDays(1);
        var name = (string)meter["metername"]!;

        using var patched = await client.PostJsonAsync(href + "?lean=1", new JsonObject
        {
            ["assetmeter"] = new JsonArray(new JsonObject { ["metername"] = name, ["linearassetmeterid"] = 0, ["newreading"] = (last + 12.5m).ToString(System.Globalization.CultureInfo.InvariantCulture), ["newreadingdate"] = date.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture) }),
        }, ("x-method-override", "PATCH"), ("patchtype", "MERGE"));
        using var earlier = await client.PostJsonAsync(href + "?lean=1", new JsonObject
        {
            ["assetmeter"] = new JsonArray(new JsonObject { ["metername"] = name, ["newreading"] = "1", ["newreadingdate"] = date.AddDays(-3).ToString("O", System.Globalization.CultureInfo.InvariantCulture) }),
        }, ("x-method-override", "PATCH"), ("patchtype", "MERGE"));
        var after = (await client.GetObjectAsync(href + "?lean=1&oslc.select=assetmeter{*}"))["assetmeter"]!.AsArray().Select(m => m!.AsObject()).Single(m => (string?)m["metername"] == name);

        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, earlier.StatusCode);
        Assert.Contains("BMXAA2594E", await earlier.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((last + 12.5m).ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)after["lastreading"]);
        Assert.Equal((string?)meter["lastreading"], (string?)after["previousreading"]);
        Assert.Null(after["newreading"]);
        var reading = after["meterreading"]!.AsArray().Select(r => r!.AsObject()).MaxBy(r => (long)r["meterreadingid"]!)!;
        Assert.Equal((last + 12.5m, 12.5m), ((decimal)reading["reading"]!, (decimal)reading["delta"]!));
        Assert.Equal(date.ToUniversalTime(), DateTimeOffset.Parse((string)reading["readingdate"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<(string Href, JsonObject Meter)> ContinuousMeterAsync(HttpClient client)
    {
        var assets = await client.WalkAsync("api/os/mxapiasset?oslc.select=assetnum,assetmeter{metername,lastreading,lastreadingdate,rel.meter{metertype}}&oslc.pageSize=100");
        foreach (var asset in assets)
        {
            foreach (var meter in asset["assetmeter"]?.AsArray().Select(m => m!.AsObject()) ?? [])
            {
                if ((string?)meter["meter"]![0]!["metertype"] == "CONTINUOUS" && meter["lastreading"] is not null)
                {
                    return ((string)asset["href"]!, meter);
                }
            }
        }

        throw new InvalidOperationException("No continuous meter seeded.");
    }

    /// <summary>The file's <c>$ref</c>s are the server's own relative schema URIs, not references to resolve.</summary>
    private static JsonObject Strip(JsonObject node)
    {
        node.Remove("$ref");
        foreach (var (_, value) in node.ToList())
        {
            if (value is JsonObject child)
            {
                Strip(child);
            }
        }

        return node;
    }
}
