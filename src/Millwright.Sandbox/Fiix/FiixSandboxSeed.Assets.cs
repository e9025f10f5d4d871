using System.Globalization;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Fiix;

internal sealed partial class FiixSandboxSeed
{
    // Category ids as seeded in SeedReference (1-based, in order).
    private const long BuildingsCategory = 5;
    private const long AreasCategory = 6;
    private const long StoreroomsCategory = 7;
    private static readonly long[] EquipmentCategories = [8, 9, 10, 11, 12];
    private static readonly long[] PartCategories = [13, 14, 15, 16];

    private void SeedSites()
    {
        (string Name, string City, string Province, string Postal)[] plants =
            [("Springfield Plant", "Springfield", "IL", "62701"), ("Riverside Plant", "Riverside", "CA", "92501"), ("Lakeside Distribution Center", "Madison", "WI", "53703")];
        foreach (var (name, city, province, postal) in plants)
        {
            var site = Add("Asset", new JsonObject
            {
                ["strName"] = name,
                ["strCode"] = name.Split(' ')[0].ToUpperInvariant()[..4],
                ["strDescription"] = $"{name}, {city}",
                ["intCategoryID"] = BuildingsCategory,
                ["intSuperCategorySysCode"] = LocationsCode,
                ["bolIsSite"] = 1,
                ["bolIsRegion"] = 0,
                ["bolIsOnline"] = 1,
                ["bolIsShippingOrReceivingFacility"] = 1,
                ["bolIsBillToFacility"] = 1,
                ["strAddress"] = faker.Address.StreetAddress(),
                ["strCity"] = city,
                ["strProvince"] = province,
                ["strPostalCode"] = postal,
                ["intCountryID"] = 1,
                ["intKind"] = 1,
                ["intUpdated"] = 1,
            });
            names[site] = name;
            sites.Add(site);
            locationsBySite[site] = [];
            equipmentBySite[site] = [];
            var code = name[..2].ToUpperInvariant();
            for (var b = 1; b <= 3; b++)
            {
                var building = Location(site, site, $"{code}-B{b}", $"Building {(char)('A' + b - 1)}", BuildingsCategory);
                for (var a = 1; a <= 2; a++)
                {
                    Location(site, building, $"{code}-B{b}-{a:00}", $"Building {(char)('A' + b - 1)} Line {a}", AreasCategory);
                }
            }

            storeroomBySite[site] = Location(site, site, $"{code}-STORE", $"{name.Split(' ')[0]} Storeroom", StoreroomsCategory);
        }
    }

    private long Location(long site, long parent, string code, string name, long category)
    {
        var id = Add("Asset", new JsonObject
        {
            ["strName"] = name,
            ["strCode"] = code,
            ["intCategoryID"] = category,
            ["intSuperCategorySysCode"] = LocationsCode,
            ["intSiteID"] = site,
            ["intAssetParentID"] = parent,
            ["bolIsSite"] = 0,
            ["bolIsRegion"] = 0,
            ["bolIsOnline"] = 1,
            ["intKind"] = 1,
            ["intUpdated"] = 1,
        });
        names[id] = name;
        locationsBySite[site].Add(id);
        return id;
    }

    private void SeedEquipment()
    {
        string[] kinds = ["Centrifugal Pump", "Belt Conveyor", "Induction Motor", "Air Compressor", "Rooftop HVAC Unit"];
        string[] makes = ["Grundfos", "Dorner", "WEG", "Atlas Copco", "Trane", "Baldor", "Siemens"];
        for (var i = 0; i < settings.AssetCount; i++)
        {
            var site = sites[i % sites.Count];
            var kind = random.Number(0, kinds.Length - 1);
            var siblings = equipmentBySite[site];
            long? parent = siblings.Count > 5 && random.Bool(0.2f) ? random.ListItem(siblings) : null;
            var location = random.ListItem(locationsBySite[site].Where(l => l != storeroomBySite[site]).ToList());
            var name = $"{kinds[kind]} {i + 1:000}";
            var id = Add("Asset", new JsonObject
            {
                ["strName"] = name,
                ["strCode"] = $"EQ-{10000 + i}",
                ["strDescription"] = $"{kinds[kind]} at {names[location]}",
                ["intCategoryID"] = EquipmentCategories[kind],
                ["intSuperCategorySysCode"] = EquipmentCode,
                ["intSiteID"] = site,
                ["intAssetLocationID"] = location,
                ["intAssetParentID"] = parent,
                ["bolIsSite"] = 0,
                ["bolIsRegion"] = 0,
                ["bolIsOnline"] = random.Bool(0.9f) ? 1 : 0,
                ["strMake"] = random.ArrayElement(makes),
                ["strModel"] = $"{(char)('A' + random.Number(0, 25))}{random.Number(100, 999)}",
                ["strSerialNumber"] = random.Replace("SN-########"),
                ["strBarcode"] = random.Replace("##########"),
                ["intKind"] = 2,
                ["intUpdated"] = random.Number(1, 12),
            });
            names[id] = name;
            siblings.Add(id);
        }
    }

    private void SeedParts()
    {
        string[] kinds = ["Ball Bearing", "Air Filter", "V-Belt", "Grease Cartridge"];
        for (var i = 0; i < 60; i++)
        {
            var kind = i % kinds.Length;
            var name = $"{kinds[kind]} {faker.Random.Replace("??-###").ToUpperInvariant()}";
            var part = Add("Asset", new JsonObject
            {
                ["strName"] = name,
                ["strCode"] = $"PRT-{2000 + i}",
                ["strDescription"] = $"{kinds[kind]}, stocked spare",
                ["intCategoryID"] = PartCategories[kind],
                ["intSuperCategorySysCode"] = PartsCode,
                ["bolIsSite"] = 0,
                ["bolIsOnline"] = 1,
                ["dblLastPrice"] = Math.Round(random.Double(2, 400), 2),
                ["strInventoryCode"] = $"INV{5000 + i}",
                ["strUnspcCode"] = "31171500",
                ["strVendorIds"] = Ids(random.ListItems(vendors, random.Number(1, 2)).Order()),
                ["intKind"] = 3,
                ["intUpdated"] = 1,
            });
            names[part] = name;
            parts.Add(part);
            var total = 0.0;
            var minimum = 0.0;
            foreach (var site in random.ListItems(sites, random.Number(1, 2)).Order())
            {
                var onHand = (double)random.Number(0, 120);
                var min = (double)random.Number(2, 20);
                total += onHand;
                minimum += min;
                Add("Stock", new JsonObject
                {
                    ["intAssetID"] = part,
                    ["intFacilityID"] = storeroomBySite[site],
                    ["qtyOnHand"] = onHand,
                    ["qtyMinQty"] = min,
                    ["strAisle"] = $"A{random.Number(1, 9)}",
                    ["strRow"] = $"R{random.Number(1, 6)}",
                    ["strBin"] = $"B{random.Number(1, 30):00}",
                });
            }

            var row = records["Asset"][^1];
            row["qtyStockCount"] = total;
            row["qtyMinStockCount"] = minimum;
        }
    }

    private void SeedPurchaseOrders()
    {
        for (var i = 0; i < 80; i++)
        {
            var site = sites[i % sites.Count];
            var age = random.Double(1, HistoryDays);
            var status = age < 20 ? random.Number(1, 4) : random.Double() < 0.9 ? 5 : 6;
            var po = Add("PurchaseOrder", new JsonObject { ["intPurchaseOrderStatusID"] = status, ["intSiteID"] = site });
            var supplier = random.ListItem(vendors);
            var created = DaysAgo(age);
            foreach (var part in random.ListItems(parts, random.Number(1, 4)))
            {
                var ordered = (double)random.Number(1, 40);
                var price = Math.Round(random.Double(2, 400), 2);
                Add("PurchaseOrderLineItem", new JsonObject
                {
                    ["intPurchaseOrderID"] = po,
                    ["intSupplierID"] = supplier,
                    ["intAssetID"] = part,
                    ["intSiteID"] = site,
                    ["intShipToLocationID"] = storeroomBySite[site],
                    ["strDescription"] = names[part],
                    ["qtyOnOrder"] = ordered,
                    ["qtyRecieved"] = status == 5 ? ordered : status == 4 ? Math.Floor(ordered / 2) : 0.0,
                    ["dblUnitPrice"] = price,
                    ["dblTotalPrice"] = Math.Round(price * ordered, 2),
                    ["dblTaxRate"] = 0.0,
                    ["dtmDateCreated"] = created,
                    ["dtmRequiredByDate"] = Ms(DateTimeOffset.FromUnixTimeMilliseconds(created).AddDays(random.Number(5, 30))),
                    ["bolAddedDirectlyToPurchaseOrder"] = 1,
                    ["bolSupplierConfirmed"] = status >= 3 && status != 6 ? 1 : 0,
                    ["intRequestedByUserID"] = random.ListItem(people),
                });
            }
        }
    }

    private void SeedMeterReadings()
    {
        var metered = sites.SelectMany(s => equipmentBySite[s]).Where((_, i) => i % 4 == 0).ToList();
        foreach (var asset in metered)
        {
            var unit = (long)random.Number(1, 3);
            var value = random.Double(100, 5000);
            var at = DaysAgo(random.Double(200, 360));
            for (var r = 0; r < 8; r++)
            {
                value += unit == 1 ? random.Double(40, 200) : random.Double(500, 3000);
                at = Ms(DateTimeOffset.FromUnixTimeMilliseconds(at).AddDays(random.Double(10, 40)));
                if (at > Ms(end))
                {
                    break;
                }

                Add("MeterReading", new JsonObject
                {
                    ["intAssetID"] = asset,
                    ["intMeterReadingUnitsID"] = unit,
                    ["dblMeterReading"] = Math.Round(value, 1),
                    ["dtmDateSubmitted"] = at,
                    ["intSubmittedByUserID"] = random.ListItem(people),
                });
            }
        }
    }

    private void SeedScheduledMaintenance()
    {
        string[] tasks = ["Monthly lubrication", "Quarterly inspection", "Annual overhaul", "Weekly safety check", "Filter replacement", "Belt tension check"];
        for (var i = 0; i < 36; i++)
        {
            var site = sites[i % sites.Count];
            var asset = random.ListItem(equipmentBySite[site]);
            var created = DaysAgo(random.Double(60, HistoryDays));
            var task = random.ArrayElement(tasks);
            var pm = Add("ScheduledMaintenance", new JsonObject
            {
                ["strCode"] = $"SM-{300 + i}",
                ["strDescription"] = $"{task}: {names[asset]}",
                ["intSiteID"] = site,
                ["intPriorityID"] = random.Number(2, 4),
                ["intMaintenanceTypeID"] = 2,
                ["intScheduledMaintenanceStatusID"] = i % 9 == 8 ? 2 : 1,
                ["intStartAsWorkOrderStatusID"] = 2,
                ["intRequestorUserID"] = random.ListItem(people),
                ["intSuggestedCompletion"] = random.Number(1, 7),
                ["dblSuggestedTime"] = random.Number(1, 8),
                ["dtmCreateDate"] = created,
                ["dtmUpdatedDate"] = After(created, 120),
            });
            Add("ScheduledMaintenanceAsset", new JsonObject { ["intScheduledMaintenanceID"] = pm, ["intAssetID"] = asset });
            var first = DateTimeOffset.FromUnixTimeMilliseconds(Ms(end)).AddDays(random.Number(1, 30));
            for (var e = 0; e < 3; e++)
            {
                Add("CalendarEvent", new JsonObject { ["intScheduledMaintenanceID"] = pm, ["dtmDate"] = Ms(first.AddDays(30 * e)) });
            }
        }
    }

    private static string Code(long number) => number.ToString(CultureInfo.InvariantCulture);
}
