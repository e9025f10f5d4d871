using System.Globalization;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// Order components (<c>MaintOrderOpComponent</c>: the spare parts an order plans and withdraws), drawn last so that every record
/// seeded before stays the same. Each is a seeded material stored at the order's plant (<c>A_ProductStorageLocation</c>), reserved
/// for one operation of the order (the parts-changing one when there is one), with the material's base unit and price; what was
/// withdrawn follows the order's lifecycle: nothing before release, some or all while released, everything once technically completed;
/// a few items are flagged <c>IsDeleted</c> (struck off, never withdrawn).
/// </summary>
internal sealed partial class SapSandboxSeed
{
    /// <summary>Share of orders with components per order type: repairs and overhauls need parts, inspections seldom do.</summary>
    private static readonly Dictionary<string, float> ComponentShare = new(StringComparer.Ordinal) { ["PM01"] = 0.7f, ["PM02"] = 0.2f, ["PM03"] = 0.9f };

    private void SeedComponents()
    {
        var materials = data.Table(Product, "A_Product").Snapshot().ToDictionary(p => (string)p["Product"]!, StringComparer.Ordinal);
        var texts = data.Table(Product, "A_ProductDescription").Snapshot().Where(d => (string?)d["Language"] == "DE")
            .ToDictionary(d => (string)d["Product"]!, d => (string)d["ProductDescription"]!, StringComparer.Ordinal);
        var prices = data.Table(Product, "A_ProductValuation").Snapshot()
            .ToDictionary(v => ((string)v["Product"]!, (string)v["ValuationArea"]!), v => (decimal?)v["StandardPrice"]);
        var stored = data.Table(Product, "A_ProductStorageLocation").Snapshot()
            .GroupBy(s => (string)s["Plant"]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(s => ((string)s["Product"]!, (string)s["StorageLocation"]!)).ToList(), StringComparer.Ordinal);
        var operations = data.Table(Order, "MaintenanceOrderOperation").Snapshot().GroupBy(o => (string)o["MaintenanceOrder"]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var reservation = 100000L;
        foreach (var order in data.Table(Order, "MaintenanceOrder").Snapshot())
        {
            var number = (string)order["MaintenanceOrder"]!;
            var plant = (string)order["MaintenancePlant"]!;
            if (!random.Bool(ComponentShare[(string)order["MaintenanceOrderType"]!]) || !stored.TryGetValue(plant, out var places))
            {
                continue;
            }

            var ops = operations[number];
            var operation = ops.FirstOrDefault(o => (string?)o["OperationDescription"] == "Teile tauschen") ?? ops[^1];
            var lifecycle = ((string)order["SystemStatusText"]!)[..4].Trim();
            var picked = random.Shuffle(places.DistinctBy(p => p.Item1)).Take(random.Int(1, 3)).ToList();
            reservation++;
            for (var item = 1; item <= picked.Count; item++)
            {
                var (material, storage) = picked[item - 1];
                var unit = (string)materials[material]["BaseUnit"]!;
                var required = (decimal)(unit is "L" or "KG" ? random.Int(2, 20) : random.Int(1, 4));
                // Now and then a planned part was struck off again: SAP keeps the item, flagged deleted, never withdrawn.
                var deleted = item > 1 && item == picked.Count && random.Bool(0.1f);
                var withdrawn = lifecycle switch
                {
                    _ when deleted => 0m,
                    "CRTD" => 0m,
                    "REL" => random.WeightedRandom([0m, Math.Max(1, Math.Floor(required / 2)), required], [0.4f, 0.2f, 0.4f]),
                    _ => required,
                };
                var reservationNumber = reservation.ToString("0000000000", CultureInfo.InvariantCulture);
                var reservationItem = item.ToString("0000", CultureInfo.InvariantCulture);
                data.Add(Order, "MaintOrderOpComponent", new Dictionary<string, object?>
                {
                    ["MaintenanceOrder"] = number,
                    ["MaintenanceOrderOperation"] = operation["MaintenanceOrderOperation"],
                    ["MaintenanceOrderSubOperation"] = operation["MaintenanceOrderSubOperation"],
                    ["MaintOrderComponentInternalID"] = reservationNumber + reservationItem,
                    ["MaintenanceOrderComponent"] = (item * 10).ToString("0000", CultureInfo.InvariantCulture),
                    ["Reservation"] = reservationNumber,
                    ["ReservationItem"] = reservationItem,
                    ["MaintOrderRoutingNumber"] = "1000" + number[^6..],
                    ["MaintOrderOperationCounter"] = Number(ops.IndexOf(operation) + 1).PadLeft(8, '0'),
                    ["Product"] = material,
                    ["MaintOrdOperationComponentText"] = Cut(texts.GetValueOrDefault(material) ?? material, 40),
                    ["MaintOrdOpCompRequiredQuantity"] = required,
                    ["BaseUnit"] = unit,
                    ["QuantityInUnitOfEntry"] = required,
                    ["UnitOfEntry"] = unit,
                    ["RequirementDate"] = order["MaintOrdBasicStartDate"],
                    ["RequirementTime"] = order["MaintOrdBasicStartTime"],
                    ["RequirementDateTime"] = order["MaintOrdBasicStartDateTime"],
                    ["Plant"] = plant,
                    ["StorageLocation"] = storage,
                    ["MaintComponentItemCategory"] = "L",
                    ["GoodsMovementType"] = "261",
                    ["ReservationIsFinallyIssued"] = lifecycle is "TECO" or "CLSD",
                    ["MaterialGroup"] = materials[material]["ProductGroup"],
                    ["PurReqnOrResvnGeneration"] = "1",
                    ["GoodsMovementIsAllowed"] = lifecycle != "CRTD",
                    ["MaintOrdOpCompCostingRelevancy"] = "X",
                    ["MaintOrderOpComponentPrice"] = prices.GetValueOrDefault((material, plant)) ?? 0m,
                    ["MaintOrdOpCompPriceUnitQty"] = 1m,
                    ["MaintOrdOpComponentCurrency"] = "EUR",
                    ["MaintOrdOpCompGdsRecipientName"] = Cut((string)order["MaintOrdPersonResponsible"]!, 12),
                    ["IsDeleted"] = deleted,
                    ["QuantityWithdrawnInBaseUnit"] = withdrawn,
                    ["ConfirmedAvailableQuantity"] = required,
                    ["ControllingArea"] = "A000",
                });
            }
        }
    }
}
