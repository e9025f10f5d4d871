using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Maximo;

internal sealed partial class MaximoSandboxSeed
{
    private static readonly (string Name, string Unit)[] ItemNames =
    [
        ("Bearing, Ball 6205-2RS", "EACH"), ("V-Belt B48", "EACH"), ("Mechanical Seal 1-3/8in", "EACH"), ("Filter, Hydraulic Return 10 Micron", "EACH"),
        ("Grease, Lithium EP2", "TUBE"), ("Oil, Hydraulic ISO 46", "GAL"), ("Fuse 30A Class J", "EACH"), ("Contactor 3-Pole 40A", "EACH"),
        ("Gasket, Spiral Wound 4in", "EACH"), ("Air Filter 24x24x2", "EACH"), ("Coupling Insert L-100", "EACH"), ("Motor 5HP TEFC", "EACH"),
        ("Proximity Sensor M18", "EACH"), ("Chain, Roller #60", "FT"), ("O-Ring Kit Viton", "KIT"), ("Pressure Gauge 0-160 psi", "EACH"),
    ];

    private readonly List<(string ItemNum, string Description, string Unit, decimal Cost)> items = [];

    private void SeedItems()
    {
        for (var i = 0; i < 160; i++)
        {
            var (name, unit) = ItemNames[i % ItemNames.Length];
            var itemnum = $"{i / ItemNames.Length}-{1000 + (i * 37 % 9000)}";
            var cost = Math.Round(random.Decimal(2, 900), 2);
            items.Add((itemnum, name, unit, cost));
            var changed = DaysAgo(random.Double(0, HistoryDays));
            Add("mxapiitem", new JsonObject
            {
                ["itemnum"] = itemnum,
                ["itemsetid"] = MaximoSandboxSettings.ItemSetId,
                ["description"] = name,
                ["status"] = random.Bool(0.95f) ? "ACTIVE" : "OBSOLETE",
                ["orderunit"] = unit,
                ["issueunit"] = unit,
                ["lottype"] = "NOLOT",
                ["itemtype"] = "ITEM",
                ["commoditygroup"] = i % 3 == 0 ? "ELEC" : "MECH",
                ["changeby"] = random.ListItem(persons),
                ["itemid"] = 4000 + i,
                ["rotating"] = name.StartsWith("Motor", StringComparison.Ordinal),
                ["outside"] = false,
                ["changedate"] = Ts(changed),
            });
            foreach (var site in Sites.Where(_ => random.Bool(0.6f)))
            {
                var min = random.Int(0, 10);
                Add("mxapiinventory", new JsonObject
                {
                    ["itemnum"] = itemnum,
                    ["itemsetid"] = MaximoSandboxSettings.ItemSetId,
                    ["siteid"] = site.Id,
                    ["orgid"] = MaximoSandboxSettings.OrganizationId,
                    ["location"] = storerooms[site.Id],
                    ["issueunit"] = unit,
                    ["binnum"] = $"{(char)('A' + random.Int(0, 7))}-{random.Int(1, 40):00}",
                    ["status"] = "ACTIVE",
                    ["inventoryid"] = 6000 + Table("mxapiinventory").Count,
                    ["curbaltotal"] = (double)random.Int(0, 60),
                    ["minlevel"] = (double)min,
                    ["maxlevel"] = (double)(min + random.Int(5, 40)),
                    ["orderqty"] = (double)random.Int(5, 25),
                    ["avgcost"] = (double)cost,
                    ["lastcost"] = (double)Math.Round(cost * random.Decimal(0.9m, 1.1m), 2),
                    ["statusdate"] = Ts(changed),
                });
            }
        }
    }

    private void SeedPurchaseOrders()
    {
        for (var i = 0; i < 120; i++)
        {
            var site = random.ListItem(Sites.ToList());
            var ordered = DaysAgo(random.Double(0, HistoryDays));
            var age = (end - ordered).TotalDays;
            var status = age < 14
                ? random.WeightedRandom(["WAPPR", "APPR", "INPRG", "HOLD"], [0.45f, 0.35f, 0.15f, 0.05f])
                : random.WeightedRandom(["CLOSE", "APPR", "CAN", "INPRG", "REVISE"], [0.75f, 0.08f, 0.07f, 0.08f, 0.02f]);
            var lines = new JsonArray();
            var total = 0m;
            var received = 0;
            var count = random.Int(1, 4);
            for (var l = 1; l <= count; l++)
            {
                var (itemnum, description, unit, cost) = random.ListItem(items);
                var quantity = random.Int(1, 20);
                var got = status == "CLOSE" ? quantity : status == "INPRG" ? random.Int(0, quantity) : 0;
                received += got;
                total += cost * quantity;
                lines.Add(new JsonObject
                {
                    ["polinenum"] = l,
                    ["polineid"] = (8000 + (i * 10) + l),
                    ["itemnum"] = itemnum,
                    ["itemsetid"] = MaximoSandboxSettings.ItemSetId,
                    ["description"] = description,
                    ["orderunit"] = unit,
                    ["storeloc"] = storerooms[site.Id],
                    ["orderqty"] = (double)quantity,
                    ["receivedqty"] = (double)got,
                    ["unitcost"] = (double)cost,
                    ["linecost"] = (double)(cost * quantity),
                });
            }

            var changed = status is "WAPPR" ? ordered : After(ordered, 40);
            Add("mxapipo", new JsonObject
            {
                ["ponum"] = NextNumber(),
                ["siteid"] = site.Id,
                ["orgid"] = MaximoSandboxSettings.OrganizationId,
                ["description"] = $"Spares for {site.Description}",
                ["status"] = status,
                ["vendor"] = random.ListItem(vendors),
                ["currencycode"] = "USD",
                ["purchaseagent"] = random.ListItem(persons),
                ["potype"] = "STD",
                ["receipts"] = received == 0 ? "NONE" : status == "CLOSE" ? "COMPLETE" : "PARTIAL",
                ["changeby"] = random.ListItem(persons),
                ["revisionnum"] = 0,
                ["poid"] = 7000 + i,
                ["totalcost"] = (double)total,
                ["statusdate"] = Ts(changed),
                ["orderdate"] = Ts(ordered),
                ["requireddate"] = Ts(ordered.AddDays(random.Int(7, 30))),
                ["changedate"] = Ts(changed),
                ["poline"] = lines,
            });
        }
    }
}
