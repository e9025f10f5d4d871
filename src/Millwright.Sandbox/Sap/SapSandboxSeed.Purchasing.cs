namespace Millwright.Sandbox.Sap;

internal sealed partial class SapSandboxSeed
{
    private static readonly (string Text, string Unit, decimal Price)[] SpareParts =
    [
        ("Gleitringdichtung 45mm", "ST", 184.50m), ("Rillenkugellager 6205-2RS", "ST", 12.90m), ("Keilriemen SPZ 1250", "ST", 23.40m),
        ("Hydrauliköl HLP 46", "L", 4.85m), ("Schütz 3RT2026", "ST", 96.00m), ("Näherungsschalter M18", "ST", 58.70m),
        ("Filterelement Druckluft", "ST", 71.20m), ("Service Kompressor (Pauschale)", "LE", 1450.00m),
    ];

    /// <summary>Notification processing phases (1 outstanding, 2 postponed, 3 in process, 4 completed) and their texts.</summary>
    private static readonly (string Phase, string Text, float Weight)[] NotificationPhases =
        [("1", "Outstanding", 0.3f), ("2", "Postponed", 0.05f), ("3", "In Process", 0.35f), ("4", "Completed", 0.3f)];

    private static readonly string[] PriorityTexts = ["", "Very high", "High", "Medium", "Low"];

    private void SeedNotifications(List<IReadOnlyDictionary<string, object?>> orders)
    {
        var corrective = orders.Where(o => (string?)o["MaintenanceOrderType"] == "PM01").ToList();
        for (var i = 0; i < settings.NotificationCount; i++)
        {
            var order = i < corrective.Count && random.Bool(0.6f) ? corrective[i] : null;
            var equip = order is not null && ((string)order["Equipment"]!).Length > 0
                ? equipment.First(e => (string?)e["Equipment"] == (string?)order["Equipment"])
                : random.ListItem(equipment);
            var phase = order is null ? random.WeightedRandom(NotificationPhases, [.. NotificationPhases.Select(p => p.Weight)]) : NotificationPhases[2];
            var created = order?["MaintOrderCreationDateTime"] is DateTimeOffset o ? o.AddHours(-random.Int(1, 48)) : DaysAgo(random.Double(0, HistoryDays));
            var changed = Between(created, 30);
            var priority = random.Int(1, 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var reporter = faker.Name.FullName();
            var number = Number(10000000 + i);
            data.Add(Notif, "MaintenanceNotification", new Dictionary<string, object?>
            {
                ["MaintenanceNotification"] = number,
                ["MaintNotifInternalID"] = $"QM{number}",
                ["NotificationText"] = order?["MaintenanceOrderDesc"] ?? random.ArrayElement(Faults),
                ["NotificationType"] = random.Bool(0.7f) ? "M2" : "M1",
                ["MaintPriority"] = priority,
                ["MaintPriorityDesc"] = PriorityTexts[int.Parse(priority, System.Globalization.CultureInfo.InvariantCulture)],
                ["NotifProcessingPhase"] = phase.Phase,
                ["NotifProcessingPhaseDesc"] = phase.Text,
                ["CreationDate"] = Day(created),
                ["CreationTime"] = created.TimeOfDay,
                ["CreationDateTime"] = created,
                ["NotificationCreationDateTime"] = created,
                ["LastChangeDate"] = Day(changed),
                ["LastChangeTime"] = changed.TimeOfDay,
                ["LastChangeDateTime"] = changed,
                ["ReportedByUser"] = User(),
                ["ReporterFullName"] = reporter,
                ["CreatedByUser"] = User(),
                ["MaintenanceObjectIsDown"] = random.Bool(0.25f),
                ["TechnicalObject"] = equip["Equipment"],
                ["TechObjIsEquipOrFuncnlLoc"] = "EAMS_EQUI",
                ["TechnicalObjectLabel"] = equip["Equipment"],
                ["TechnicalObjectDescription"] = equip["EquipmentName"],
                ["TechnicalObjectType"] = equip["TechnicalObjectType"],
                ["FunctionalLocation"] = equip["FunctionalLocation"],
                ["FunctionalLocationLabelName"] = equip["FunctionalLocationLabelName"],
                ["MaintenancePlanningPlant"] = equip["MaintenancePlanningPlant"],
                ["MaintenancePlant"] = equip["MaintenancePlant"],
                ["MainWorkCenter"] = equip["MainWorkCenter"],
                ["MainWorkCenterPlant"] = equip["MaintenancePlant"],
                ["MaintenanceOrder"] = order?["MaintenanceOrder"] ?? "",
                ["MaintenanceOrderType"] = order?["MaintenanceOrderType"] ?? "",
                ["ConcatenatedActiveSystStsName"] = phase.Phase switch { "4" => "NOCO", "3" => "NOPR ORAS", _ => "OSNO" },
                ["RequiredStartDate"] = Day(created),
                ["RequiredEndDate"] = Day(created.AddDays(random.Int(1, 21))),
            });
            if (order is not null)
            {
                data.Table(Order, "MaintenanceOrder").Update(SapTable.KeyOf(data.Table(Order, "MaintenanceOrder").Set.Type, order),
                    row => new Dictionary<string, object?>(row) { ["MaintenanceNotification"] = number });
            }
        }
    }

    private void SeedPurchaseOrders()
    {
        suppliers.AddRange(Enumerable.Range(0, 12).Select(i => (
            Id: Number(17300001 + i),
            Name: Cut(faker.Company.CompanyName(), 40),
            City: faker.Address.City(),
            Phone: faker.Phone.PhoneNumber("+49 ### #######"),
            Contact: faker.Name.FullName())));
        var statuses = new[] { ("05", 0.6f), ("02", 0.15f), ("01", 0.1f), ("03", 0.1f), ("08", 0.05f) };
        for (var i = 0; i < settings.PurchaseOrderCount; i++)
        {
            var supplier = random.ListItem(suppliers);
            var created = DaysAgo(random.Double(0, HistoryDays));
            var status = random.WeightedRandom([.. statuses.Select(s => s.Item1)], [.. statuses.Select(s => s.Item2)]);
            var number = Number(4500000000L + i);
            var plant = random.ArrayElement(Plants);
            data.Add(Purchasing, "A_PurchaseOrder", new Dictionary<string, object?>
            {
                ["PurchaseOrder"] = number,
                ["CompanyCode"] = "1010",
                ["PurchaseOrderType"] = "NB",
                ["PurchasingProcessingStatus"] = status,
                ["CreatedByUser"] = User(),
                ["CreationDate"] = Day(created),
                ["PurchaseOrderDate"] = Day(created),
                ["LastChangeDateTime"] = Between(created, 60),
                ["Supplier"] = supplier.Id,
                ["Language"] = "DE",
                ["PaymentTerms"] = "0001",
                ["PurchasingOrganization"] = "1010",
                ["PurchasingGroup"] = "001",
                ["DocumentCurrency"] = "EUR",
                ["ExchangeRate"] = "1.00000",
                ["SupplierRespSalesPersonName"] = Cut(supplier.Contact, 30),
                ["SupplierPhoneNumber"] = Cut(supplier.Phone, 16),
                ["InvoicingParty"] = supplier.Id,
                ["AddressName"] = supplier.Name,
                ["AddressCityName"] = Cut(supplier.City, 40),
                ["AddressCountry"] = "DE",
                ["ReleaseIsNotCompleted"] = status is "01" or "03",
            });
            var items = random.Int(1, 4);
            for (var item = 1; item <= items; item++)
            {
                var part = random.ArrayElement(SpareParts);
                data.Add(Purchasing, "A_PurchaseOrderItem", new Dictionary<string, object?>
                {
                    ["PurchaseOrder"] = number,
                    ["PurchaseOrderItem"] = (item * 10).ToString("00000", System.Globalization.CultureInfo.InvariantCulture),
                    ["PurchaseOrderItemText"] = part.Text,
                    ["Plant"] = plant.Code,
                    ["StorageLocation"] = "0001",
                    ["MaterialGroup"] = "L002",
                    ["Material"] = $"PM-{Array.IndexOf(SpareParts, part) + 10010}",
                    ["OrderQuantity"] = (decimal)random.Int(1, 20),
                    ["PurchaseOrderQuantityUnit"] = part.Unit,
                    ["OrderPriceUnit"] = part.Unit,
                    ["DocumentCurrency"] = "EUR",
                    ["NetPriceAmount"] = part.Price,
                    ["NetPriceQuantity"] = 1m,
                    ["TaxCode"] = "V1",
                    ["PurchaseOrderItemCategory"] = "0",
                    ["AccountAssignmentCategory"] = "F",
                    ["GoodsReceiptIsExpected"] = true,
                    ["InvoiceIsExpected"] = true,
                    ["IsCompletelyDelivered"] = status == "05" && random.Bool(0.5f),
                    ["RequisitionerName"] = User(),
                });
            }
        }
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}
