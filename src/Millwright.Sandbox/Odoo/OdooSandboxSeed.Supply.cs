namespace Millwright.Sandbox.Odoo;

internal sealed partial class OdooSandboxSeed
{
    private static readonly string[] PartKinds =
    [
        "Deep Groove Ball Bearing", "V-Belt", "Mechanical Seal", "Hydraulic Hose", "Proximity Sensor", "Contactor", "Fuse", "Air Filter",
        "Oil Filter", "Gear Oil", "Grease Cartridge", "Coupling Insert", "Timing Belt", "Solenoid Valve", "Pressure Gauge", "O-Ring Kit",
        "Motor Starter", "Limit Switch", "Conveyor Roller", "Drive Chain",
    ];

    private readonly List<int> storable = [];
    private readonly List<int> parts = [];

    /// <summary>Spare parts and a few services; with Inventory, stock locations and quants (internal ones, and the inventory-adjustment counterpart).</summary>
    private void SeedProducts()
    {
        var start = end.AddDays(-HistoryDays - 20);
        if (settings.StockInstalled)
        {
            Add("stock.location", new() { ["name"] = "Physical Locations", ["usage"] = "view", ["active"] = true }, start, id: 1, uid: 1);
            Add("stock.location", new() { ["name"] = "Partners", ["usage"] = "view", ["active"] = true }, start, id: 2, uid: 1);
            Add("stock.location", new() { ["name"] = "Virtual Locations", ["usage"] = "view", ["active"] = true }, start, id: 3, uid: 1);
            Add("stock.location", new() { ["name"] = "Vendors", ["usage"] = "supplier", ["location_id"] = 2, ["active"] = true }, start, id: 4, uid: 1);
            Add("stock.location", new() { ["name"] = "Customers", ["usage"] = "customer", ["location_id"] = 2, ["active"] = true }, start, id: 5, uid: 1);
            Add("stock.location", new() { ["name"] = "Inventory adjustment", ["usage"] = "inventory", ["location_id"] = 3, ["active"] = true }, start, id: 6, uid: 1);
            Add("stock.location", new() { ["name"] = "WH", ["usage"] = "view", ["location_id"] = 1, ["active"] = true, ["company_id"] = 1 }, start, id: 7, uid: 1);
            Add("stock.location", new() { ["name"] = "Stock", ["usage"] = "internal", ["location_id"] = 7, ["active"] = true, ["company_id"] = 1, ["barcode"] = "WH-STOCK" }, start, id: 8, uid: 1);
            Add("stock.location", new() { ["name"] = "Shelf 1", ["usage"] = "internal", ["location_id"] = 8, ["active"] = true, ["company_id"] = 1 }, start, id: 9);
            Add("stock.location", new() { ["name"] = "Shelf 2", ["usage"] = "internal", ["location_id"] = 8, ["active"] = true, ["company_id"] = 1 }, start, id: 10);
            Add("stock.location", new() { ["name"] = "Spare Parts Cage", ["usage"] = "internal", ["location_id"] = 8, ["active"] = true, ["company_id"] = 1 }, start, id: 11);
            Add("stock.location", new() { ["name"] = "PL2", ["usage"] = "view", ["location_id"] = 1, ["active"] = true, ["company_id"] = 1 }, start, id: 12);
            Add("stock.location", new() { ["name"] = "Stock", ["usage"] = "internal", ["location_id"] = 12, ["active"] = true, ["company_id"] = 1, ["barcode"] = "PL2-STOCK" }, start, id: 13);
            Add("stock.location", new() { ["name"] = "Old Store", ["usage"] = "internal", ["location_id"] = 7, ["active"] = false, ["company_id"] = 1 }, start, id: 14);
        }

        int[] internals = [8, 9, 10, 11, 13];
        for (var i = 0; i < settings.PartCount; i++)
        {
            var created = At(random.Int(30, HistoryDays));
            var service = i % 25 == 24;
            var kind = service ? Pick(["Technician Hour", "Crane Rental Day", "Vibration Analysis Visit"]) : Pick(PartKinds);
            var cost = Math.Round(random.Double(0.5, 900), 2);
            var values = new Dictionary<string, object?>
            {
                ["name"] = service ? kind : $"{kind} {faker.Random.AlphaNumeric(4).ToUpperInvariant()}",
                ["default_code"] = service ? $"SRV-{100 + i}" : random.Double() < 0.95 ? $"SP-{1000 + i}" : null,
                ["barcode"] = service ? null : Maybe(0.4, () => random.Long(4_000_000_000_000, 4_999_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["active"] = i % 33 != 32,
                ["type"] = service ? "service" : "consu",
                ["categ_id"] = service ? 4 : i % 5 == 0 ? 3 : 2,
                ["uom_id"] = service ? 5 : kind is "Gear Oil" ? 3 : kind is "Hydraulic Hose" or "Drive Chain" ? 4 : 1,
                ["standard_price"] = cost,
                ["list_price"] = Math.Round(cost * 1.3, 2),
                ["purchase_ok"] = true,
                ["sale_ok"] = false,
                ["description"] = Maybe(0.2, () => $"<p>{faker.Commerce.ProductDescription()}</p>"),
            };
            values["uom_po_id"] = values["uom_id"];
            if (settings.StockInstalled)
            {
                values["is_storable"] = !service;
            }

            var product = Add("product.product", values, created, Between(created, end));
            parts.Add(product);
            if (service || !settings.StockInstalled)
            {
                continue;
            }

            storable.Add(product);
            var total = 0.0;
            foreach (var location in internals.OrderBy(_ => random.Int()).Take(random.Int(1, 3)))
            {
                var quantity = (double)random.Int(0, 60);
                total += quantity;
                Add("stock.quant", new()
                {
                    ["product_id"] = product,
                    ["location_id"] = location,
                    ["quantity"] = quantity,
                    ["reserved_quantity"] = quantity > 4 && random.Double() < 0.2 ? (double)random.Int(1, 3) : 0.0,
                    ["in_date"] = OdooWire.DatetimeText(Seconds(Between(created, end))),
                    ["company_id"] = 1,
                }, Between(created, end));
            }

            // Inventory adjustments leave the opposite quantity in the virtual location.
            Add("stock.quant", new() { ["product_id"] = product, ["location_id"] = 6, ["quantity"] = -total, ["reserved_quantity"] = 0.0, ["company_id"] = 1 }, created);
        }
    }

    /// <summary>Purchase orders across states, with lines; received quantities follow the state.</summary>
    private void SeedPurchases()
    {
        if (!settings.PurchaseInstalled || parts.Count == 0)
        {
            return;
        }

        var buyers = technicians.Take(4).Prepend(2).ToList();
        var suppliers = vendors.Where(v => db.Table("res.partner")!.Find(v)!.Get("active") is true).ToList();
        for (var i = 0; i < settings.PurchaseOrderCount; i++)
        {
            var ordered = At(random.Double(1, HistoryDays - 1));
            var roll = random.Double();
            var age = (end - ordered).TotalDays;
            var state = age > 60
                ? roll < 0.75 ? "done" : roll < 0.9 ? "purchase" : "cancel"
                : roll < 0.2 ? "draft" : roll < 0.3 ? "sent" : roll < 0.4 ? "to approve" : roll < 0.9 ? "purchase" : "cancel";
            var planned = ordered.AddDays(random.Int(3, 30));
            var written = Between(ordered, age > 60 ? ordered.AddDays(45) : end);
            var order = Add("purchase.order", new()
            {
                ["name"] = $"P{i + 1:00000}",
                ["partner_ref"] = Maybe(0.4, () => $"SO-{random.Int(10000, 99999)}"),
                ["origin"] = Maybe(0.3, () => $"Maintenance restock {Date(ordered)}"),
                ["partner_id"] = Pick(suppliers),
                ["state"] = state,
                ["date_order"] = OdooWire.DatetimeText(Seconds(ordered)),
                ["date_approve"] = state is "purchase" or "done" ? OdooWire.DatetimeText(Seconds(ordered.AddHours(random.Int(1, 48)))) : null,
                ["date_planned"] = OdooWire.DatetimeText(Seconds(planned)),
                ["currency_id"] = 1,
                ["user_id"] = Pick(buyers),
                ["company_id"] = 1,
                ["notes"] = Maybe(0.2, () => "<p>Deliver to the maintenance store, gate 3.</p>"),
            }, ordered, written);
            var lines = random.Int(1, 4);
            for (var l = 0; l < lines; l++)
            {
                var product = db.Table("product.product")!.Find(Pick(parts))!;
                var quantity = (double)random.Int(1, 40);
                var received = state switch
                {
                    "done" => quantity,
                    "purchase" => random.Double() switch { < 0.4 => 0, < 0.7 => Math.Floor(quantity / 2), _ => quantity },
                    _ => 0.0,
                };
                Add("purchase.order.line", new()
                {
                    ["order_id"] = order,
                    ["sequence"] = (long)(10 + l),
                    ["name"] = env.DisplayName(product),
                    ["product_id"] = product.Id,
                    ["product_qty"] = quantity,
                    ["qty_received"] = received,
                    ["product_uom"] = product.Get("uom_po_id"),
                    ["price_unit"] = product.Get("standard_price"),
                    ["date_planned"] = OdooWire.DatetimeText(Seconds(planned)),
                }, ordered, written);
            }
        }
    }
}
