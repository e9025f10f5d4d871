using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Sync;
using Millwright.Sandbox.Maximo;
using Millwright.Tests.Server.Writes;

namespace Millwright.Tests.Connectors.Vendors.Maximo;

/// <summary>
/// <c>POST /v1/meter-readings</c> on a Maximo connection, end to end: the server, the connector and the Maximo sandbox over real
/// HTTP. The reading goes through the asset meter's <c>newreading</c> (PATCH/MERGE on MXAPIASSET), is readable at once, and the
/// next sync finds it as stored.
/// </summary>
public sealed class MaximoMeterReadingWriteTests(VendorWriteFixture fixture) : IClassFixture<VendorWriteFixture>
{
    [Fact]
    public async Task CreateMeterReading_ContinuousMeter_EnteredInMaximoReadBackAndSyncedAsStored()
    {
        var scenario = await fixture.GetAsync("ibm-maximo");
        using var http = scenario.Http();
        var meter = await MeterAsync(http, "continuous");
        var value = (decimal)meter["last_reading_value"]! + 10.5m;
        var at = DateTimeOffset.Parse((string)meter["last_reading_at"]!, CultureInfo.InvariantCulture).AddDays(1);

        using var response = await http.PostAsJsonAsync("/v1/meter-readings", new JsonObject
        {
            ["meter_id"] = (string)meter["id"]!,
            ["value"] = value,
            ["read_at"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        var created = JsonNode.Parse(body)!.AsObject();

        Assert.Equal(((string)meter["id"]!, value), ((string?)created["meter_id"], (decimal?)created["value"]));
        Assert.Equal(at, DateTimeOffset.Parse((string)created["read_at"]!, CultureInfo.InvariantCulture));
        var read = JsonNode.Parse(await http.GetStringAsync($"/v1/meter-readings/{(string)created["id"]!}"))!;
        Assert.True(JsonNode.DeepEquals(created, read), $"{created.ToJsonString()} != {read.ToJsonString()}");
        var (site, asset, name) = Split((string)meter["remote_id"]!);
        using var maximo = new HttpClient { BaseAddress = MaximoSandboxModule.InstanceUrl(scenario.Sandbox.MountUrl) };
        maximo.DefaultRequestHeaders.Add("apikey", MaximoSandboxSettings.DemoApiKey);
        var inMaximo = JsonNode.Parse(await maximo.GetStringAsync(
            $"api/os/mxapiasset?lean=1&oslc.select=assetmeter{{metername,lastreading}}&oslc.where={Uri.EscapeDataString($"siteid=\"{site}\" and assetnum=\"{asset}\"")}"))!;
        var row = inMaximo["member"]![0]!["assetmeter"]!.AsArray().Single(m => (string?)m!["metername"] == name)!;
        Assert.Equal(value, decimal.Parse((string)row["lastreading"]!, CultureInfo.InvariantCulture));

        // The next sync stores the meter's (and asset's) new state and finds the reading exactly as written: nothing added.
        var run = await scenario.SyncAsync(SyncKind.Incremental);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal((0, 0), (run.Counts.Added, run.Counts.Deleted));
        var after = JsonNode.Parse(await http.GetStringAsync($"/v1/meter-readings/{(string)created["id"]!}"))!;
        Assert.True(JsonNode.DeepEquals(created["value"], after["value"]) && (string?)created["updated_at"] == (string?)after["updated_at"]);
        var moved = JsonNode.Parse(await http.GetStringAsync($"/v1/meters/{(string)meter["id"]!}"))!;
        Assert.Equal(value, (decimal)moved["last_reading_value"]!);
    }

    [Fact]
    public async Task CreateMeterReading_DateNotAfterTheLastOrGaugeValue_RefusedWithMaximosMessageOrStored()
    {
        var scenario = await fixture.GetAsync("ibm-maximo");
        using var http = scenario.Http();
        var meter = await MeterAsync(http, "continuous");
        var gauge = await MeterAsync(http, "gauge");
        var before = DateTimeOffset.Parse((string)meter["last_reading_at"]!, CultureInfo.InvariantCulture).AddDays(-2);

        using var refused = await http.PostAsJsonAsync("/v1/meter-readings", new JsonObject
        {
            ["meter_id"] = (string)meter["id"]!,
            ["value"] = (decimal)meter["last_reading_value"]! + 1,
            ["read_at"] = before.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
        var error = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!;
        using var measured = await http.PostAsJsonAsync("/v1/meter-readings", new JsonObject { ["meter_id"] = (string)gauge["id"]!, ["value"] = 4.2m });
        var gaugeReading = JsonNode.Parse(await measured.Content.ReadAsStringAsync())!;

        Assert.False(refused.IsSuccessStatusCode);
        Assert.Equal(("UPSTREAM_VALIDATION_FAILED", "connected_system"), ((string?)error["code"], (string?)error["source"]));
        Assert.Contains("BMXAA2594E", error.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, measured.StatusCode);
        Assert.StartsWith("MEASUREMENT/", (string?)gaugeReading["remote_id"], StringComparison.Ordinal);
        Assert.Equal(((string?)gauge["id"], 4.2m), ((string?)gaugeReading["meter_id"], (decimal?)gaugeReading["value"]));
    }

    private static async Task<JsonObject> MeterAsync(HttpClient http, string type)
    {
        var page = JsonNode.Parse(await http.GetStringAsync($"/v1/meters?limit=500&filter[custom_fields.meter_type]={type}"))!;
        return page["data"]!.AsArray().Select(m => m!.AsObject()).First(m => m["last_reading_value"] is not null && m["last_reading_at"] is not null);
    }

    private static (string Site, string Asset, string Meter) Split(string remoteId) =>
        remoteId.Split('/', 3) is [var site, var asset, var meter] ? (site, asset, meter) : throw new FormatException(remoteId);
}
