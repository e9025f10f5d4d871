using System.Globalization;
using System.Text.Json.Nodes;
using Millwright.Connectors.Core;

namespace Millwright.Bench.Data;

/// <summary>
/// MaintainX documents as the connector hands them to the mapping engine: the list responses of the
/// connector test fixtures (embedded as resources), and deterministic variations of their first document
/// so that a batch has distinct ids, references, enums, dates and custom fields like a real sync page.
/// </summary>
internal static class MaintainXDocuments
{
    /// <summary>The site every generated document sits below (what the connector adds as <c>_millwright</c>).</summary>
    public const long SiteLocationId = 852;

    /// <summary>Remote ids of generated assets start here; work orders point into that range.</summary>
    public const long FirstAssetId = 5_000;

    public const long FirstWorkOrderId = 100_000;

    /// <summary>A fixed instant the generated times are built from (benchmarks never read the clock).</summary>
    public static readonly DateTimeOffset T0 = new(2025, 6, 2, 6, 0, 0, TimeSpan.Zero);

    private static readonly string[] Statuses = ["OPEN", "IN_PROGRESS", "ON_HOLD", "DONE", "CANCELED", "SKIPPED"];
    private static readonly string[] Priorities = ["NONE", "LOW", "MEDIUM", "HIGH"];
    private static readonly string[] Types = ["REACTIVE", "PREVENTIVE", "OTHER"];
    private static readonly string[] Verbs = ["Replace", "Inspect", "Lubricate", "Calibrate", "Clean", "Repair", "Align"];
    private static readonly string[] Things = ["conveyor belt bearings", "compressor valve", "pump seal", "gearbox", "hydraulic hose", "forklift battery", "boiler burner", "chiller filter", "press guard", "mixer blade", "dust collector"];
    private static readonly string[] Lines = ["A", "B", "C", "D", "E", "F"];
    private static readonly Dictionary<string, JsonObject> Parsed = new(StringComparer.Ordinal);

    /// <summary>The first work order of the fixture, with assignees, asset, location and custom fields.</summary>
    public static RawRecord FixtureWorkOrder() => Fixture("workorders.json", "workOrders");

    public static RawRecord FixtureAsset() => Fixture("assets.json", "assets");

    /// <summary>Work order number <paramref name="n"/> (0-based): its asset is one of <paramref name="assetCount"/>.</summary>
    public static RawRecord WorkOrder(int n, int assetCount)
    {
        var doc = Template("workorders.json", "workOrders");
        var id = FirstWorkOrderId + n;
        var created = T0.AddMinutes(n);
        var updated = created.AddMinutes(30 + (n % 240));
        var status = Statuses[n % Statuses.Length];
        doc["id"] = id;
        doc["sequentialId"] = n + 1;
        doc["title"] = $"{Verbs[n % Verbs.Length]} {Things[n % Things.Length]}";
        doc["description"] = n % 3 == 0 ? null : $"Reported by line {Lines[n % Lines.Length]} during shift {(n % 3) + 1}.";
        doc["status"] = status;
        doc["priority"] = Priorities[(n / Statuses.Length) % Priorities.Length];
        doc["type"] = Types[n % Types.Length];
        doc["createdAt"] = Iso(created);
        doc["updatedAt"] = Iso(updated);
        doc["dueDate"] = n % 10 == 9 ? null : Iso(created.AddDays(1 + (n % 30)));
        doc["startDate"] = status == "OPEN" ? null : Iso(created.AddHours(2));
        doc["completedAt"] = status == "DONE" ? Iso(updated) : null;
        doc["completerId"] = status == "DONE" ? 900 + (n % 40) : null;
        doc["locationId"] = 600 + (n % 50);
        doc["requesterId"] = n % 4 == 0 ? null : 900 + ((n * 7) % 40);
        doc["creatorId"] = 900 + (n % 40);
        doc["extraFields"] = new JsonObject
        {
            ["Estimated Budget"] = $"${(n % 50) * 10 + 50}",
            ["Line"] = Lines[n % Lines.Length],
            ["Downtime Hours"] = (n % 13) * 0.5,
        };
        doc["assignees"] = new JsonArray(
            new JsonObject { ["type"] = "USER", ["id"] = 900 + (n % 40) },
            new JsonObject { ["type"] = "TEAM", ["id"] = 200 + (n % 8) },
            new JsonObject { ["type"] = "USER", ["id"] = 900 + ((n + 13) % 40) });
        var asset = doc["asset"]!.AsObject();
        asset["id"] = FirstAssetId + (n % assetCount);
        asset["locationId"] = 600 + (n % 50);
        var location = doc["location"]!.AsObject();
        location["id"] = 600 + (n % 50);
        doc["_millwright"] = new JsonObject { ["siteLocationId"] = SiteLocationId };
        return new RawRecord(id.ToString(CultureInfo.InvariantCulture), doc, created, updated, null);
    }

    /// <summary>Asset number <paramref name="n"/> (0-based); every tenth has a parent among the earlier ones.</summary>
    public static RawRecord Asset(int n)
    {
        var doc = Template("assets.json", "assets");
        var id = FirstAssetId + n;
        var created = T0.AddDays(-400).AddMinutes(n);
        var updated = T0.AddDays(-10).AddMinutes(n);
        doc["id"] = id;
        doc["name"] = $"{Things[n % Things.Length]} {n / Things.Length + 1}";
        doc["parentId"] = n % 10 == 9 ? FirstAssetId + n - 9 : null;
        doc["locationId"] = 600 + (n % 50);
        doc["serialNumber"] = $"SN-{n:D6}";
        doc["barcode"] = $"BC{n:D8}";
        doc["createdAt"] = Iso(created);
        doc["updatedAt"] = Iso(updated);
        doc["status"]!["status"] = n % 7 == 0 ? "OFFLINE" : "ONLINE";
        doc["extraFields"] = new JsonObject { ["Criticality Level"] = n % 3 == 0 ? "high" : "normal" };
        doc["_millwright"] = new JsonObject { ["siteLocationId"] = SiteLocationId };
        return new RawRecord(id.ToString(CultureInfo.InvariantCulture), doc, created, updated, null);
    }

    private static RawRecord Fixture(string resource, string listProperty)
    {
        var doc = Template(resource, listProperty);
        doc["_millwright"] = new JsonObject { ["siteLocationId"] = SiteLocationId };
        return new RawRecord(RemoteIds.Normalize(doc["id"])!, doc, null, null, null);
    }

    private static JsonObject Template(string resource, string listProperty)
    {
        // JsonNode is not safe for concurrent reads (it materialises lazily), so cloning is serialised.
        lock (Parsed)
        {
            if (!Parsed.TryGetValue(resource, out var list))
            {
                list = Load(resource);
                Parsed[resource] = list;
            }

            return list[listProperty]![0]!.DeepClone().AsObject();
        }
    }

    private static JsonObject Load(string resource)
    {
        using var stream = typeof(MaintainXDocuments).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The resource {resource} is not embedded in the bench assembly.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
