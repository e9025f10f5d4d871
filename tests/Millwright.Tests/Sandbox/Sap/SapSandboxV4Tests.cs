using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Millwright.Tests.Support;

namespace Millwright.Tests.Sandbox.Sap;

/// <summary>
/// The two OData V4 services (measuring points, measurement documents) against their published metadata, read here straight from
/// <c>vendor-specs/sap-s4hana</c>: V4 JSON (<c>value</c>, <c>@odata.nextLink</c>, <c>@odata.count</c>, <c>@odata.etag</c>), V4 values and
/// literals, the V4 error body, and the measurement-document create.
/// </summary>
public sealed partial class SapSandboxV4Tests(SapSandboxFixture fixture) : IClassFixture<SapSandboxFixture>
{
    private static readonly XNamespace Edm = "http://docs.oasis-open.org/odata/ns/edm";

    public static TheoryData<string> Services => new("API_MEASURINGPOINT_0001", "API_MEASUREMENTDOCUMENT_0001");

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Metadata_EveryV4Service_IsThePublishedDocumentByteForByte(string service)
    {
        using var client = fixture.Client(service);

        var served = await client.GetByteArrayAsync("$metadata");

        Assert.Equal(await File.ReadAllBytesAsync(VendorSpecFiles.Path("sap-s4hana", $"{service}.edmx")), served);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Entities_EveryV4EntitySet_MatchTheMetadata(string service)
    {
        var schema = XDocument.Load(VendorSpecFiles.Path("sap-s4hana", $"{service}.edmx")).Descendants(Edm + "Schema").First();
        var ns = (string)schema.Attribute("Namespace")!;
        var types = schema.Elements(Edm + "EntityType").ToDictionary(t => $"{ns}.{(string)t.Attribute("Name")!}");
        using var client = fixture.Client(service);
        var seen = 0;
        foreach (var set in schema.Element(Edm + "EntityContainer")!.Elements(Edm + "EntitySet"))
        {
            var name = (string)set.Attribute("Name")!;
            var type = types[(string)set.Attribute("EntityType")!];
            var concurrency = schema.Elements(Edm + "Annotations").Where(a => (string?)a.Attribute("Target") == $"SAP__self.Container/{name}")
                .SelectMany(a => a.Elements(Edm + "Annotation")).Any(a => (string?)a.Attribute("Term") == "SAP__core.OptimisticConcurrency");
            foreach (var entity in await WalkV4Async(client, name))
            {
                AssertMatches(type, name, entity, concurrency);
                seen++;
            }
        }

        Assert.True(seen > 0, $"{service} returned no entity at all");
    }

    [Fact]
    public async Task Read_LongerThanAPage_PagesWithRelativeNextLinksAndCountsWithDollarCount()
    {
        using var client = fixture.Client("API_MEASUREMENTDOCUMENT_0001");
        var first = await GetV4Async(client, "MeasurementDocument?$count=true");
        var total = (int)first["@odata.count"]!;
        var all = await WalkV4Async(client, "MeasurementDocument");

        Assert.Equal("$metadata#MeasurementDocument", (string?)first["@odata.context"]);
        Assert.Equal(25, first["value"]!.AsArray().Count);
        Assert.StartsWith("MeasurementDocument?", (string?)first["@odata.nextLink"], StringComparison.Ordinal);
        Assert.Contains("$skiptoken=25", (string?)first["@odata.nextLink"], StringComparison.Ordinal);
        Assert.Equal(total, all.Count);
        Assert.Equal(total, all.Select(d => (string)d["MeasurementDocument"]!).Distinct().Count());
        Assert.Equal(total.ToString(CultureInfo.InvariantCulture), await client.GetStringAsync("MeasurementDocument/$count"));
    }

    [Fact]
    public async Task Filter_V4DateTimeLiteralAndContains_SelectTheMatchingDocuments()
    {
        using var client = fixture.Client("API_MEASUREMENTDOCUMENT_0001");
        var all = await WalkV4Async(client, "MeasurementDocument");
        var cut = all.Select(d => DateTimeOffset.Parse((string)d["MsmtDocumentCreationDateTime"]!, CultureInfo.InvariantCulture)).Order().ElementAt(all.Count / 2);
        var since = cut.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var later = await WalkV4Async(client, $"MeasurementDocument?$filter=MsmtDocumentCreationDateTime ge {since}");
        var counted = await WalkV4Async(client, "MeasurementDocument?$filter=contains(MeasurementDocumentText,'Zähler') and MsmtRdngDate ge 2000-01-01");

        Assert.Equal(all.Count(d => DateTimeOffset.Parse((string)d["MsmtDocumentCreationDateTime"]!, CultureInfo.InvariantCulture) >= cut), later.Count);
        Assert.NotEmpty(counted);
        Assert.All(counted, d => Assert.Contains("Zähler", (string)d["MeasurementDocumentText"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Error_MalformedFilterOnAV4Service_HasTheV4ErrorShape()
    {
        using var client = fixture.Client("API_MEASURINGPOINT_0001");

        using var response = await client.GetAsync("MeasuringPoint?$filter=MeasuringPoint eq");
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(JsonValueKind.String, error["message"]!.GetValueKind());
        Assert.NotNull(error["code"]);
        Assert.NotNull(error["details"]);
        Assert.NotNull(error["innererror"]);
        Assert.Equal("4.0", response.Headers.GetValues("OData-Version").Single());
    }

    [Fact]
    public async Task Post_MeasurementDocument_Is201WithTheNumberedDocumentInThePointsUnitAndAnEtag()
    {
        var point = (await WalkV4Async(fixture.Client("API_MEASURINGPOINT_0001"), "MeasuringPoint?$filter=MeasuringPointIsCounter eq true")).First();
        var documents = fixture.Client("API_MEASUREMENTDOCUMENT_0001", new HttpClientHandler { UseCookies = true, CookieContainer = new() });
        var last = (await WalkV4Async(documents, $"MeasurementDocument?$filter=MeasuringPoint eq '{point["MeasuringPoint"]}'"))
            .Max(d => (double)d["MeasurementCounterReading"]!);

        using var response = await PostV4Async(documents, "MeasurementDocument", new JsonObject
        {
            ["MeasuringPoint"] = (string)point["MeasuringPoint"]!,
            ["MeasurementReadingInEntryUoM"] = last + 120,
            ["MsmtRdngDate"] = "2026-11-10",
            ["MsmtRdngTime"] = "07:45:00",
        });
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var read = await GetV4Async(documents, $"MeasurementDocument('{created["MeasurementDocument"]}')");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((string?)created["@odata.etag"], response.Headers.GetValues("ETag").Single());
        Assert.Equal(last + 120, (double)created["MeasurementCounterReading"]!);
        Assert.Equal(120, (double)created["MsmtCounterReadingDifference"]!);
        Assert.Equal((string?)point["CharcValueUnit"], (string?)created["MeasurementReadingEntryUoM"]);
        Assert.Equal("2026-11-10T07:45:00Z", (string?)created["MeasurementReadingDateTime"]);
        Assert.Equal((string?)created["MeasurementDocument"], (string?)read["MeasurementDocument"]);
    }

    [Fact]
    public async Task Post_MeasurementDocumentOnAnUnknownPointOrWithAComputedKey_Is400InTheV4Shape()
    {
        var documents = fixture.Client("API_MEASUREMENTDOCUMENT_0001", new HttpClientHandler { UseCookies = true, CookieContainer = new() });

        using var unknown = await PostV4Async(documents, "MeasurementDocument", new JsonObject { ["MeasuringPoint"] = "999999", ["MeasurementReadingInEntryUoM"] = 1.0 });
        using var keyed = await PostV4Async(documents, "MeasurementDocument", new JsonObject { ["MeasurementDocument"] = "77", ["MeasuringPoint"] = "1" });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("999999", (string?)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, keyed.StatusCode);
    }

    internal static async Task<HttpResponseMessage> PostV4Async(HttpClient client, string set, JsonObject body)
    {
        using var fetch = new HttpRequestMessage(HttpMethod.Get, "");
        fetch.Headers.Add("x-csrf-token", "Fetch");
        using var fetched = await client.SendAsync(fetch);
        using var request = new HttpRequestMessage(HttpMethod.Post, set) { Content = JsonContent.Create(body) };
        request.Headers.Add("x-csrf-token", fetched.Headers.GetValues("x-csrf-token").Single());
        return await client.SendAsync(request);
    }

    internal static async Task<JsonObject> GetV4Async(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Follows <c>@odata.nextLink</c> (relative to the service root) to the end.</summary>
    internal static async Task<List<JsonObject>> WalkV4Async(HttpClient client, string url)
    {
        var items = new List<JsonObject>();
        var links = new HashSet<string>(StringComparer.Ordinal);
        string? next = url;
        while (next is not null)
        {
            var page = await GetV4Async(client, next);
            items.AddRange(page["value"]!.AsArray().Select(n => n!.AsObject()));
            next = (string?)page["@odata.nextLink"];
            Assert.True(next is null || links.Add(next), "A next link repeated.");
        }

        return items;
    }

    private static void AssertMatches(XElement type, string set, JsonObject entity, bool concurrency)
    {
        var properties = type.Elements(Edm + "Property").ToDictionary(p => (string)p.Attribute("Name")!);
        var names = entity.Select(p => p.Key).Where(k => !k.StartsWith('@')).ToHashSet();
        Assert.True(names.SetEquals(properties.Keys), $"{set}: extra {string.Join(",", names.Except(properties.Keys))}; missing {string.Join(",", properties.Keys.Except(names))}");
        Assert.Equal(concurrency, entity["@odata.etag"] is not null);
        foreach (var (name, property) in properties)
        {
            AssertWireValue($"{set}.{name}", property, entity[name]);
        }
    }

    private static void AssertWireValue(string name, XElement property, JsonNode? value)
    {
        var edm = (string)property.Attribute("Type")!;
        if (value is null)
        {
            Assert.True((string?)property.Attribute("Nullable") != "false", $"{name} is not nullable but null");
            return;
        }

        var kind = value.GetValueKind();
        switch (edm)
        {
            case "Edm.String":
                Assert.Equal(JsonValueKind.String, kind);
                if ((string?)property.Attribute("MaxLength") is { } max)
                {
                    Assert.True(((string)value!).Length <= int.Parse(max, CultureInfo.InvariantCulture), $"{name} is longer than {max}");
                }

                break;
            case "Edm.Boolean":
                Assert.True(kind is JsonValueKind.True or JsonValueKind.False, $"{name} is {kind}");
                break;
            case "Edm.Date":
                Assert.Matches(DateWire(), (string)value!);
                break;
            case "Edm.TimeOfDay":
                Assert.Matches(TimeWire(), (string)value!);
                break;
            case "Edm.DateTimeOffset":
                Assert.Matches(DateTimeOffsetWire(), (string)value!);
                break;
            case "Edm.Double" or "Edm.Byte" or "Edm.Int16" or "Edm.Int32":
                Assert.Equal(JsonValueKind.Number, kind);
                break;
            case var collection when collection.StartsWith("Collection(", StringComparison.Ordinal):
                Assert.Equal(JsonValueKind.Array, kind);
                break;
            default:
                Assert.Fail($"{name} has the unexpected type {edm}");
                break;
        }
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex DateWire();

    [GeneratedRegex(@"^[0-9]{2}:[0-9]{2}:[0-9]{2}$")]
    private static partial Regex TimeWire();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")]
    private static partial Regex DateTimeOffsetWire();
}
