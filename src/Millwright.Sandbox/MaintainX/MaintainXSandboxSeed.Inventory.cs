namespace Millwright.Sandbox.MaintainX;

internal sealed partial class MaintainXSandboxSeed
{
    private static readonly string[] KnownVendors =
        ["Grainger", "McMaster-Carr", "Motion Industries", "Fastenal", "Applied Industrial Technologies", "Kaman Distribution", "MSC Industrial Supply"];

    private static readonly string[] ContractorTrades = ["Mechanical", "Electric", "HVAC Services", "Industrial Repair"];

    private static readonly string[] PartTypes = ["Bearings", "Belts", "Electrical", "Filters", "Fluids", "Seals", "Sensors", "Hardware"];

    private void SeedVendors()
    {
        for (var i = 0; i < profile.Vendors; i++)
        {
            var name = i < KnownVendors.Length ? KnownVendors[i] : $"{faker.Company.CompanyName()} {random.ArrayElement(ContractorTrades)}";
            var slug = new string([.. name.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
            var created = DaysAgo(HistoryDays + random.Int(0, 300));
            vendors.Add(new MxVendor
            {
                Id = idBase + 901 + i,
                Name = name,
                Description = i < KnownVendors.Length ? "MRO supplier" : "Service contractor",
                Emails = [$"orders@{slug}.example"],
                PhoneNumbers = [faker.Phone.PhoneNumber("+1 ###-###-####")],
                ExtraFields = new Dictionary<string, string> { ["Account Number"] = random.Replace("AC-#####") },
                CreatedAt = created,
                UpdatedAt = RandomMomentAfter(created, HistoryDays + 300),
            });
        }
    }

    private void SeedParts()
    {
        var stores = locations.Where(l => l.Name is "Warehouse" or "Maintenance Shop" or "Workshop").ToList();
        if (stores.Count == 0)
        {
            stores = sites;
        }

        var names = PartBases.SelectMany(b => PartVariants.Select(v => (Name: b.Name + v, b.Unit))).ToList();
        for (var i = 0; i < profile.Parts && i < names.Count; i++)
        {
            var (name, unit) = names[(i * 7) % names.Count];
            var stock = random.Shuffle(stores).Take(random.Int(1, Math.Min(3, stores.Count)))
                .Select(s => new MxPartStock(s.Id, random.Int(0, 60), random.Int(2, 10), random.Bool(0.5f) ? random.Int(60, 120) : null,
                    random.Bool(0.6f) ? $"Bin {random.Replace("?-##")}" : null, random.Int(0, 3)))
                .ToList();
            var vendor = random.ListItem(vendors);
            var created = DaysAgo(HistoryDays + random.Int(0, 200));
            parts.Add(new MxPart
            {
                Id = idBase + 40001 + i,
                Name = name,
                Description = $"{name}, sold per {unit}",
                Barcode = random.Replace("0#########"),
                Area = stock[0].Area,
                UnitCost = random.Int(150, 85000),
                Stock = stock,
                PartTypes = [random.ArrayElement(PartTypes)],
                Vendors = [new MxPartVendor(vendor.Id, random.Replace("??-#####").ToUpperInvariant())],
                AssetIds = random.Bool(0.4f) ? [random.ListItem(assets).Id] : [],
                OrderedQuantity = random.Bool(0.2f) ? random.Int(1, 20) : 0,
                CreatedAt = created,
                UpdatedAt = RandomMomentAfter(created, HistoryDays + 200),
            });
        }
    }

    private List<MxPurchaseOrder> SeedPurchaseOrders()
    {
        var orders = new List<MxPurchaseOrder>();
        var admins = users.Where(u => u.Role == "ADMIN").ToList();
        var itemId = idBase + 500001;
        var site = sites[0];
        var shipTo = ParseAddress(profile.Sites[0].Address, site.Name);
        var starts = Enumerable.Range(0, profile.PurchaseOrders).Select(_ => random.Double(0, HistoryDays)).OrderDescending().ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var created = DaysAgo(starts[i]);
            var age = (end - created).TotalDays;
            var status = age < 14
                ? random.WeightedRandom(["REQUESTED", "PENDING", "APPROVED", "DECLINED"], [0.2f, 0.4f, 0.35f, 0.05f])
                : random.WeightedRandom(["COMPLETED", "PARTIALLY_FULFILLED", "APPROVED", "CANCELED", "DECLINED"], [0.72f, 0.06f, 0.1f, 0.06f, 0.06f]);
            var vendor = random.ListItem(vendors);
            var items = new List<MxPurchaseOrderItem>();
            foreach (var part in random.Shuffle(parts).Take(random.Int(1, 5)))
            {
                var ordered = random.Int(1, 24);
                var received = status switch { "COMPLETED" => ordered, "PARTIALLY_FULFILLED" => random.Int(0, ordered - 1), _ => 0 };
                items.Add(new MxPurchaseOrderItem(itemId++, part.Id, part.Name, part.Vendors[0].PartNumber, ordered, received, part.UnitCost ?? 0));
            }

            var approved = status is "APPROVED" or "COMPLETED" or "PARTIALLY_FULFILLED" or "DECLINED";
            var approval = approved ? RandomMomentAfter(created, 3) : (DateTimeOffset?)null;
            orders.Add(new MxPurchaseOrder
            {
                Id = idBase + 70001 + i,
                Title = $"{vendor.Name} order",
                Note = random.Bool(0.3f) ? "Deliver to receiving dock" : null,
                Status = status,
                VendorId = vendor.Id,
                CreatorId = random.ListItem(admins).Id,
                ApproverId = approved ? admins[0].Id : null,
                ApprovalDate = approval,
                DueDate = Millis(created.AddDays(random.Int(7, 30))),
                AutoGeneratedNumber = i + 1,
                OverrideNumber = random.Bool(0.1f) ? $"PO-{created.Year}-{i + 1:D4}" : null,
                Items = items,
                Costs = random.Bool(0.5f)
                    ? [new MxPurchaseOrderCost(idBase + 600001 + (i * 2), "Shipping", "AMOUNT_NON_TAXABLE", random.Int(10, 90) * 100),
                        new MxPurchaseOrderCost(idBase + 600002 + (i * 2), "Sales Tax", "PERCENT_TAXABLE", 725)]
                    : [],
                ShippingAddress = shipTo,
                BillingAddress = shipTo with { Label = "Accounts Payable" },
                CreatedAt = created,
                UpdatedAt = status is "COMPLETED" or "PARTIALLY_FULFILLED" ? RandomMomentAfter(created, 30) : approval ?? created,
            });
        }

        return orders;
    }

    private static MxAddress ParseAddress(string address, string label)
    {
        // "street, city, ST zip, country"
        var parts = address.Split(", ");
        var stateZip = parts[2].Split(' ');
        return new MxAddress(parts[0], parts[1], stateZip[0], stateZip[1], parts[3], label);
    }
}
