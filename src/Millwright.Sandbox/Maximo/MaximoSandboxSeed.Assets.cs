using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Maximo;

internal sealed partial class MaximoSandboxSeed
{
    private static readonly string[] Areas = ["Hall A", "Hall B", "Boiler Room", "Compressor House", "Warehouse", "Utilities", "Shipping Dock", "Offices"];

    private static readonly (string Kind, string Type, string[] Components)[] AssetKinds =
    [
        ("Centrifugal Pump", "PUMP", ["Pump Motor", "Mechanical Seal"]),
        ("Air Compressor", "COMPRESSOR", ["Compressor Motor", "Air Dryer"]),
        ("Conveyor", "CONVEYOR", ["Conveyor Drive", "Gearbox"]),
        ("Steam Boiler", "BOILER", ["Burner", "Feedwater Pump"]),
        ("Chiller", "HVAC", ["Condenser Fan", "Chiller Compressor"]),
        ("Hydraulic Press", "PRESS", ["Hydraulic Power Unit"]),
        ("CNC Milling Machine", "MACHINE", ["Spindle Motor"]),
        ("Forklift", "FLEET", []),
        ("Rooftop HVAC Unit", "HVAC", ["Supply Fan"]),
        ("Transformer", "ELECTRICAL", []),
    ];

    /// <summary>Operating locations per site (where assets and work sit) and the site's storeroom.</summary>
    private readonly Dictionary<string, List<string>> operatingLocations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> storerooms = new(StringComparer.Ordinal);
    private readonly List<(string Site, string AssetNum, string Location, string Description)> assets = [];

    private void SeedLocations()
    {
        var id = 100;
        foreach (var site in Sites)
        {
            var operating = operatingLocations[site.Id] = [];
            Location(site, site.Id, site.Description, "OPERATING", parent: null, children: true, ++id);
            for (var a = 0; a < Areas.Length; a++)
            {
                var area = $"{site.Prefix}{a + 1}00";
                var hall = a < 2;
                Location(site, area, $"{site.Description} - {Areas[a]}", "OPERATING", site.Id, children: hall, ++id);
                operating.Add(area);
                for (var l = 1; hall && l <= 3; l++)
                {
                    var line = $"{site.Prefix}{a + 1}{l}0";
                    Location(site, line, $"{Areas[a]} - Production Line {l}", "OPERATING", area, children: false, ++id);
                    operating.Add(line);
                }
            }

            storerooms[site.Id] = $"{site.Prefix}STORE";
            Location(site, storerooms[site.Id], $"{site.Description} - Central Storeroom", "STOREROOM", site.Id, children: false, ++id);
        }
    }

    private void Location(SiteSeed site, string code, string description, string type, string? parent, bool children, int id)
    {
        var changed = DaysAgo(random.Double(30, HistoryDays));
        Add("mxapilocations", new JsonObject
        {
            ["location"] = code,
            ["description"] = description,
            ["siteid"] = site.Id,
            ["orgid"] = MaximoSandboxSettings.OrganizationId,
            ["type"] = type,
            ["status"] = "OPERATING",
            ["changeby"] = "MAXADMIN",
            ["locationsid"] = id,
            ["disabled"] = false,
            ["isrepairfacility"] = false,
            ["statusdate"] = Ts(changed),
            ["changedate"] = Ts(changed),
            ["lochierarchy"] = new JsonArray(new JsonObject
            {
                ["location"] = code,
                ["parent"] = parent,
                ["systemid"] = "PRIMARY",
                ["siteid"] = site.Id,
                ["children"] = children,
                ["lochierarchyid"] = id,
            }),
        });
    }

    private void SeedAssets()
    {
        var manufacturers = vendors.ToList();
        var next = 11000;
        while (assets.Count < settings.AssetCount)
        {
            var site = Sites[assets.Count % Sites.Count];
            var location = random.ListItem(operatingLocations[site.Id]);
            var (kind, type, components) = random.ArrayElement(AssetKinds);
            var parent = Asset(site, (++next).ToString(System.Globalization.CultureInfo.InvariantCulture), $"{kind} #{random.Int(1, 12)}", type, location, null, manufacturers);
            foreach (var component in components)
            {
                if (assets.Count < settings.AssetCount && random.Bool(0.6f))
                {
                    Asset(site, (++next).ToString(System.Globalization.CultureInfo.InvariantCulture), component, type, location, parent, manufacturers);
                }
            }
        }
    }

    private string Asset(SiteSeed site, string assetnum, string description, string type, string location, string? parent, List<string> manufacturers)
    {
        var installed = DaysAgo(random.Double(HistoryDays, HistoryDays * 6));
        var changed = DaysAgo(random.Double(0, HistoryDays));
        var status = random.WeightedRandom(["OPERATING", "NOT READY", "BROKEN", "DECOMMISSIONED", "LIMITEDUSE"], [0.8f, 0.05f, 0.07f, 0.05f, 0.03f]);
        Add("mxapiasset", new JsonObject
        {
            ["assetnum"] = assetnum,
            ["description"] = description,
            ["siteid"] = site.Id,
            ["orgid"] = MaximoSandboxSettings.OrganizationId,
            ["location"] = location,
            ["parent"] = parent,
            ["status"] = status,
            ["serialnum"] = $"{faker.Random.String2(2, "ABCDEFGHJKLMNPRSTUVWXYZ")}{random.Int(100000, 999999)}",
            ["manufacturer"] = random.ListItem(manufacturers),
            ["vendor"] = random.Bool(0.5f) ? random.ListItem(vendors) : null,
            ["assettype"] = type,
            ["assettag"] = $"TAG-{assetnum}",
            ["changeby"] = random.ListItem(persons),
            ["assetid"] = 2000 + assets.Count,
            ["priority"] = random.Int(1, 5),
            ["purchaseprice"] = (double)Math.Round(random.Decimal(500, 90000), 2),
            ["totdowntime"] = Math.Round(random.Double(0, 120), 1),
            ["isrunning"] = status is "OPERATING" or "LIMITEDUSE",
            ["moved"] = false,
            ["children"] = false,
            ["disabled"] = false,
            ["installdate"] = Ts(installed),
            ["statusdate"] = Ts(changed),
            ["changedate"] = Ts(changed),
        });
        if (parent is not null)
        {
            Table("mxapiasset").First(a => MxmJson.Text(a["assetnum"]) == parent)["children"] = true;
        }

        assets.Add((site.Id, assetnum, location, description));
        return assetnum;
    }
}
