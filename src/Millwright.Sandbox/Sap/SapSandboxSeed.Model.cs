using System.Globalization;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// The rest of the plant's master data, drawn after orders and purchase orders so that their records stay the same: work centers
/// (every <c>MainWorkCenter</c> of a plant), suppliers as business partners (the purchase orders' suppliers), spare parts with plant,
/// storage-location, valuation and stock data (the purchase-order items' materials), measuring points on equipment with their
/// measurement documents, and maintenance plans on equipment with items, cycles (time- or counter-based) and their call schedule.
/// </summary>
internal sealed partial class SapSandboxSeed
{
    private const string Product = "API_PRODUCT_SRV";
    private const string Stock = "API_MATERIAL_STOCK_SRV";
    private const string Plan = "API_MAINTENANCEPLAN";
    private const string WorkCenters = "API_WORK_CENTERS";
    private const string Partner = "API_BUSINESS_PARTNER";
    private const string Point = "API_MEASURINGPOINT_0001";
    private const string Document = "API_MEASUREMENTDOCUMENT_0001";

    private static readonly (string Code, string Name, string Responsible)[] WorkCenterKinds =
        [("MECH", "Mechanische Instandhaltung", "Meister Mechanik"), ("ELEC", "Elektrowerkstatt", "Meister Elektrik"), ("INST", "Mess- und Regeltechnik", "Meister MSR")];

    private static readonly (string Text, string Unit, decimal Price)[] MoreSpareParts =
    [
        ("Wellendichtring 40x62x7", "ST", 8.40m), ("Kupplungsstern Rotex 38", "ST", 27.90m), ("Frequenzumrichter 5,5 kW", "ST", 1240.00m),
        ("Druckschalter 0-10 bar", "ST", 142.00m), ("Schmierfett Lithium EP2", "KG", 11.30m), ("Zahnriemen HTD 8M-1200", "ST", 64.50m),
        ("Magnetventil 24V DC", "ST", 118.00m), ("Lichtschranke Reflex M18", "ST", 89.00m),
    ];

    /// <summary>Measuring-point kinds per equipment type: characteristic, text, unit, SI unit, factor to SI, counter, typical value.</summary>
    private static readonly (string Characteristic, string Text, string Unit, string SiUnit, double ToSi, double Offset, bool Counter, double Typical)[] PointKinds =
    [
        ("PM_BSTD", "Betriebsstunden", "H", "S", 3600, 0, true, 0), ("PM_TEMP", "Lagertemperatur", "CEL", "K", 1, 273.15, false, 55),
        ("PM_VIBR", "Schwingstärke", "MMS", "MS", 0.001, 0, false, 2.8),
    ];

    private readonly List<(string Id, string Name, string City, string Phone, string Contact)> suppliers = [];

    private static readonly string[] StorageLocations = ["0001", "0002"];
    private static readonly string[] StockTypes = ["01", "02"];
    private static readonly int[] CounterIntervals = [500, 1000, 2000];

    private void SeedWorkCenters()
    {
        var number = 10000001;
        foreach (var plant in Plants)
        {
            foreach (var kind in WorkCenterKinds)
            {
                var created = DaysAgo(HistoryDays + random.Int(100, 900));
                data.Add(WorkCenters, "A_WorkCenters", new Dictionary<string, object?>
                {
                    ["WorkCenterInternalID"] = Number(number++),
                    ["WorkCenterTypeCode"] = "A",
                    ["WorkCenter"] = kind.Code,
                    ["WorkCenterDesc"] = $"{kind.Name} {plant.City}",
                    ["Plant"] = plant.Code,
                    ["WorkCenterCategoryCode"] = "0005",
                    ["WorkCenterResponsible"] = "001",
                    ["WorkCenterResponsibleName"] = kind.Responsible,
                    ["WorkCenterUsage"] = "009",
                    ["WorkCenterIsToBeDeleted"] = false,
                    ["ValidityStartDate"] = Day(created),
                    ["ValidityEndDate"] = Forever,
                    ["WorkCenterLocation"] = plant.Short,
                    ["WorkCenterLastChangeDateTime"] = Between(created, HistoryDays),
                });
            }
        }
    }

    private void SeedSuppliers()
    {
        foreach (var supplier in suppliers)
        {
            var created = DaysAgo(HistoryDays + random.Int(30, 700));
            var changed = Between(created, HistoryDays);
            data.Add(Partner, "A_BusinessPartner", new Dictionary<string, object?>
            {
                ["BusinessPartner"] = supplier.Id,
                ["Supplier"] = supplier.Id,
                ["BusinessPartnerCategory"] = "2",
                ["BusinessPartnerGrouping"] = "BPEX",
                ["BusinessPartnerFullName"] = supplier.Name,
                ["BusinessPartnerName"] = supplier.Name,
                ["OrganizationBPName1"] = supplier.Name,
                ["SearchTerm1"] = Cut(supplier.Name.ToUpperInvariant(), 20),
                ["CorrespondenceLanguage"] = "DE",
                ["Language"] = "DE",
                ["CreatedByUser"] = User(),
                ["CreationDate"] = Day(created),
                ["CreationTime"] = created.TimeOfDay,
                ["LastChangeDate"] = Day(changed),
                ["LastChangeTime"] = changed.TimeOfDay,
                ["LastChangedByUser"] = User(),
                ["BusinessPartnerUUID"] = new Guid(random.Bytes(16)),
            });
            data.Add(Partner, "A_BusinessPartnerAddress", new Dictionary<string, object?>
            {
                ["BusinessPartner"] = supplier.Id,
                ["AddressID"] = Number(24000 + suppliers.IndexOf(supplier)),
                ["ValidityStartDate"] = created,
                ["ValidityEndDate"] = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero),
                ["FullName"] = supplier.Name,
                ["CityName"] = Cut(supplier.City, 40),
                ["StreetName"] = Cut(faker.Address.StreetName(), 60),
                ["HouseNumber"] = Number(random.Int(1, 200)),
                ["PostalCode"] = faker.Address.ZipCode("#####"),
                ["Country"] = "DE",
                ["Language"] = "DE",
            });
            data.Add(Partner, "A_Supplier", new Dictionary<string, object?>
            {
                ["Supplier"] = supplier.Id,
                ["SupplierName"] = supplier.Name,
                ["SupplierFullName"] = supplier.Name,
                ["SupplierAccountGroup"] = "0001",
                ["CreatedByUser"] = User(),
                ["CreationDate"] = Day(created),
                ["PurchasingIsBlocked"] = random.Bool(0.08f),
                ["PostingIsBlocked"] = false,
                ["DeletionIndicator"] = false,
            });
        }
    }

    private void SeedMaterials()
    {
        var parts = SpareParts.Concat(MoreSpareParts).ToList();
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var material = $"PM-{10010 + i}";
            var created = DaysAgo(HistoryDays + random.Int(60, 1200));
            var changed = Between(created, HistoryDays);
            data.Add(Product, "A_Product", new Dictionary<string, object?>
            {
                ["Product"] = material,
                ["ProductType"] = "ERSA",
                ["CrossPlantStatus"] = "",
                ["CreationDate"] = Day(created),
                ["CreatedByUser"] = User(),
                ["LastChangeDate"] = Day(changed),
                ["LastChangedByUser"] = User(),
                ["LastChangeDateTime"] = changed,
                ["IsMarkedForDeletion"] = false,
                ["ProductGroup"] = "L002",
                ["BaseUnit"] = part.Unit,
                ["ItemCategoryGroup"] = "NORM",
                ["Division"] = "00",
                ["IndustrySector"] = "M",
                ["ProductManufacturerNumber"] = faker.Random.Replace("??-#####").ToUpperInvariant(),
                ["ManufacturerNumber"] = random.ListItem(suppliers).Id,
                ["GrossWeight"] = Math.Round(random.Decimal(0.05m, 25m), 3),
                ["NetWeight"] = Math.Round(random.Decimal(0.05m, 20m), 3),
                ["WeightUnit"] = "KG",
            });
            data.Add(Product, "A_ProductDescription", new Dictionary<string, object?> { ["Product"] = material, ["Language"] = "DE", ["ProductDescription"] = part.Text });
            data.Add(Product, "A_ProductDescription", new Dictionary<string, object?> { ["Product"] = material, ["Language"] = "EN", ["ProductDescription"] = $"{part.Text} (EN)"[..Math.Min(40, part.Text.Length + 5)] });
            data.Add(Stock, "A_MaterialStock", new Dictionary<string, object?> { ["Material"] = material, ["MaterialBaseUnit"] = part.Unit });
            foreach (var plant in Plants.Where((_, p) => p == 0 || random.Bool(0.7f)))
            {
                data.Add(Product, "A_ProductPlant", new Dictionary<string, object?>
                {
                    ["Product"] = material,
                    ["Plant"] = plant.Code,
                    ["PurchasingGroup"] = "001",
                    ["MRPType"] = random.Bool(0.6f) ? "VB" : "ND",
                    ["MRPResponsible"] = "001",
                    ["ProfitCenter"] = "YB102",
                    ["AvailabilityCheckType"] = "02",
                    ["ProcurementType"] = "F",
                    ["BaseUnit"] = part.Unit,
                    ["ProductIsCriticalPrt"] = part.Price > 500,
                });
                data.Add(Product, "A_ProductValuation", new Dictionary<string, object?>
                {
                    ["Product"] = material,
                    ["ValuationArea"] = plant.Code,
                    ["ValuationType"] = "",
                    ["ValuationClass"] = "3040",
                    ["PriceDeterminationControl"] = "2",
                    ["StandardPrice"] = part.Price,
                    ["PriceUnitQty"] = 1m,
                    ["MovingAveragePrice"] = Math.Round(part.Price * random.Decimal(0.9m, 1.1m), 2),
                    ["InventoryValuationProcedure"] = "S",
                    ["Currency"] = "EUR",
                    ["BaseUnit"] = part.Unit,
                });
                foreach (var storage in StorageLocations.Where((_, s) => s == 0 || random.Bool(0.4f)))
                {
                    data.Add(Product, "A_ProductStorageLocation", new Dictionary<string, object?>
                    {
                        ["Product"] = material,
                        ["Plant"] = plant.Code,
                        ["StorageLocation"] = storage,
                        ["WarehouseStorageBin"] = $"R{random.Int(1, 12):00}-{random.Int(1, 8):00}-{random.Int(1, 5)}",
                        ["CreationDate"] = Day(created),
                        ["FiscalYearCurrentPeriod"] = Number(end.Year),
                        ["FiscalMonthCurrentPeriod"] = end.Month.ToString("00", CultureInfo.InvariantCulture),
                    });
                    // Unrestricted-use stock ("01") everywhere, quality-inspection stock ("02") now and then; special stocks not seeded.
                    foreach (var stockType in StockTypes.Where((_, s) => s == 0 || random.Bool(0.2f)))
                    {
                        data.Add(Stock, "A_MatlStkInAcctMod", new Dictionary<string, object?>
                        {
                            ["Material"] = material,
                            ["Plant"] = plant.Code,
                            ["StorageLocation"] = storage,
                            ["InventoryStockType"] = stockType,
                            ["MaterialBaseUnit"] = part.Unit,
                            ["MatlWrhsStkQtyInMatlBaseUnit"] = (decimal)(stockType == "01" ? random.Int(0, part.Unit == "L" ? 400 : 60) : random.Int(1, 5)),
                        });
                    }
                }
            }
        }
    }

    private void SeedMeasuringPoints()
    {
        var measured = equipment.Where(e => (string?)e["TechnicalObjectType"] is "PUMP" or "MOTOR" or "COMP").ToList();
        var number = 1;
        var documentNumber = 1L;
        foreach (var equip in measured)
        {
            foreach (var kind in PointKinds.Where((_, k) => k == 0 || random.Bool(0.35f)))
            {
                var created = DaysAgo(HistoryDays - random.Int(0, 30));
                var point = Number(number++);
                data.Add(Point, "MeasuringPoint", new Dictionary<string, object?>
                {
                    ["MeasuringPoint"] = point,
                    ["MeasuringPointDescription"] = $"{kind.Text} {equip["Equipment"]}",
                    ["MeasuringPointObjectIdentifier"] = $"IE{((string)equip["Equipment"]!).PadLeft(18, '0')}",
                    ["TechnicalObjectType"] = "EAMS_EQUI",
                    ["MeasuringPointPositionNumber"] = kind.Characteristic[3..],
                    ["MeasuringPointCategory"] = "M",
                    ["CreationDate"] = Day(created),
                    ["LastChangeDate"] = Day(Between(created, HistoryDays)),
                    ["MeasuringPointIsCounter"] = kind.Counter,
                    ["MsrgPtInternalCharacteristic"] = kind.Characteristic,
                    ["CharcValueUnit"] = kind.Unit,
                    ["MeasuringPointDecimalPlaces"] = kind.Counter ? 0 : 1,
                    ["MeasuringPointShortText"] = kind.Text,
                    ["MeasuringPointSIUnitOfMeasure"] = kind.SiUnit,
                    ["MeasuringPointTargetValue"] = kind.Typical,
                    ["MeasuringPointMaximumThreshold"] = kind.Counter ? 0d : Math.Round(kind.Typical * 1.5, 1),
                    ["MeasuringPointMinimumThreshold"] = 0d,
                    ["MeasuringPointAnnualEstimate"] = kind.Counter ? 6000d : 0d,
                    ["CounterOverflowRdngThreshold"] = kind.Counter ? 999999d : 0d,
                    ["FunctionalLocation"] = equip["FunctionalLocation"],
                    ["FunctionalLocationLabelName"] = equip["FunctionalLocationLabelName"],
                    ["Equipment"] = equip["Equipment"],
                });
                var total = kind.Counter ? (double)random.Int(1000, 30000) : 0;
                var readings = random.Int(4, 10);
                for (var r = readings; r >= 1; r--)
                {
                    var at = DaysAgo(r * (HistoryDays / (double)(readings + 1)) - random.Double(0, 10));
                    var difference = kind.Counter ? random.Int(200, 900) : 0;
                    total += difference;
                    var value = kind.Counter ? total : Math.Round(kind.Typical * random.Double(0.8, 1.25), 1);
                    data.Add(Document, "MeasurementDocument", new Dictionary<string, object?>
                    {
                        ["MeasurementDocument"] = documentNumber++.ToString(CultureInfo.InvariantCulture),
                        ["MeasuringPoint"] = point,
                        ["MeasuringPointPositionNumber"] = kind.Characteristic[3..],
                        ["MsmtRdngDate"] = Day(at),
                        ["MsmtRdngTime"] = at.TimeOfDay,
                        ["MeasurementReadingDateTime"] = at,
                        ["MsmtDocumentCreationDateTime"] = at.AddMinutes(random.Int(1, 90)),
                        ["Characteristic"] = kind.Characteristic,
                        ["CharcValueUnit"] = kind.Unit,
                        ["MsmtDocumentSIUnitOfMeasure"] = kind.SiUnit,
                        ["MeasurementReading"] = value * kind.ToSi + kind.Offset,
                        ["MeasurementReadingInEntryUoM"] = value,
                        ["MeasurementReadingEntryUoM"] = kind.Unit,
                        ["MeasurementCounterReading"] = kind.Counter ? total : 0d,
                        ["MsmtCounterReadingDifference"] = (double)difference,
                        ["MsmtCntrReadingDiffIsEntered"] = false,
                        ["MeasuringPointTargetValue"] = kind.Typical,
                        ["MeasurementDocumentText"] = kind.Counter ? "Zählerstand abgelesen" : "Rundgang",
                        ["MsmtRdngByUser"] = User(),
                        ["MsmtRdngIsReversed"] = false,
                    });
                }
            }
        }
    }

    private void SeedMaintenancePlans()
    {
        var counters = data.Table(Point, "MeasuringPoint").Snapshot().Where(p => p["MeasuringPointIsCounter"] is true).ToList();
        var candidates = equipment.Where(e => e["EquipmentIsInactive"] is false && e["EquipmentIsMarkedForDeletion"] is false).ToList();
        var units = new[] { ("MON", 1, 6), ("WK", 2, 8), ("YR", 1, 2), ("DAY", 30, 90) };
        for (var i = 0; i < settings.MaintenancePlanCount; i++)
        {
            var counter = i % 4 == 3 && counters.Count > 0 ? random.ListItem(counters) : null;
            var equip = counter is null ? random.ListItem(candidates) : equipment.First(e => (string?)e["Equipment"] == (string?)counter["Equipment"]);
            var created = DaysAgo(HistoryDays - random.Int(0, 60));
            var changed = Between(created, HistoryDays);
            var plan = Number(1000 + i);
            var status = random.WeightedRandom(["", "INAC", "DLFL"], [0.85f, 0.1f, 0.05f]);
            var (unit, min, max) = random.ArrayElement(units);
            var interval = counter is null ? random.Int(min, max) : random.ArrayElement(CounterIntervals);
            var description = counter is null ? $"Inspektion {equip["EquipmentName"]}" : $"Wartung nach {interval} Bh {equip["EquipmentName"]}";
            data.Add(Plan, "MaintenancePlan", new Dictionary<string, object?>
            {
                ["MaintenancePlan"] = plan,
                ["MaintenancePlanDesc"] = Cut(description, 40),
                ["CreationDate"] = Day(created),
                ["CreatedByUser"] = User(),
                ["LastChangeDate"] = Day(changed),
                ["LastChangedByUser"] = User(),
                ["LastChangeDateTime"] = changed,
                ["NumberOfMaintenanceItems"] = "1",
                ["CycleModificationRatio"] = 1m,
                ["CallHorizonPercent"] = "100",
                ["MaintenancePlanInternalID"] = $"WP{plan.PadLeft(12, '0')}",
                ["MaintenanceCall"] = 0,
                ["MaintenancePlanCategory"] = "PM",
                ["SchedulingStartDate"] = Day(created),
                ["SchedulingStartTime"] = TimeSpan.Zero,
                ["BasicStartDate"] = Day(created),
                ["MaintPlanStartCntrReadingValue"] = counter is null ? "" : "0",
                ["FactoryCalendar"] = "DE",
                ["MaintenancePlanCallObject"] = "1",
                ["MaintenancePlanSystemStatus"] = status,
            });
            data.Add(Plan, "MaintenanceItem", new Dictionary<string, object?>
            {
                ["MaintenanceItem"] = Number(5000 + i),
                ["MaintenanceItemDescription"] = Cut(description, 40),
                ["MaintenancePlanCategory"] = "PM",
                ["MaintenancePlanCallObject"] = "1",
                ["MaintenancePlan"] = plan,
                ["MaintenancePlanItemPosition"] = "1",
                ["FunctionalLocationLabelName"] = equip["FunctionalLocationLabelName"],
                ["Equipment"] = equip["Equipment"],
                ["TaskListType"] = "A",
                ["TaskListGroup"] = Number(20000 + i % 12),
                ["TaskListGroupCounter"] = "1",
                ["MaintenancePlanningPlant"] = equip["MaintenancePlanningPlant"],
                ["MaintenancePlannerGroup"] = "100",
                ["MaintenanceOrderType"] = "PM02",
                ["MaintenanceActivityType"] = "001",
                ["MainWorkCenter"] = equip["MainWorkCenter"],
                ["MainWorkCenterPlant"] = equip["MainWorkCenterPlant"],
                ["MaintPriority"] = "3",
                ["MaintPriorityType"] = "PM",
                ["MaintenancePlant"] = equip["MaintenancePlant"],
                ["PlantSection"] = equip["PlantSection"],
                ["CompanyCode"] = "1010",
                ["ControllingArea"] = "A000",
                ["CostCenter"] = equip["CostCenter"],
                ["CreatedByUser"] = User(),
                ["CreationDate"] = Day(created),
                ["LastChangeDate"] = Day(changed),
                ["LastChangedByUser"] = User(),
                ["LastChangeDateTime"] = changed,
            });
            data.Add(Plan, "MaintenancePlanCycle", new Dictionary<string, object?>
            {
                ["MaintenancePlan"] = plan,
                ["MaintenancePlanCycle"] = "1",
                ["MaintPlanCycRcrrcIntervalQty"] = (double)interval,
                ["MaintPlanCycRcrrcIntervalUnit"] = counter is null ? unit : "H",
                ["MaintPlanCycleDesc"] = counter is null ? Cut($"alle {interval} {unit}", 30) : $"alle {interval} Bh",
                ["MeasuringPoint"] = counter?["MeasuringPoint"] ?? "",
                ["MaintCycleNextPlndCntrRdng"] = counter is null ? 0d : interval * Math.Ceiling(LastCounter(counter) / interval + 0.01),
                ["MaintenancePlanCycleIsInactive"] = false,
            });
            SeedSchedule(plan, counter, interval, unit, created, status);
        }
    }

    private double LastCounter(IReadOnlyDictionary<string, object?> point) =>
        data.Table(Document, "MeasurementDocument").Snapshot().Where(d => (string?)d["MeasuringPoint"] == (string?)point["MeasuringPoint"])
            .Select(d => (double)d["MeasurementCounterReading"]!).DefaultIfEmpty(0).Max();

    /// <summary>The call list: completed calls up to the end of history, then the next planned one, outstanding (not for a deleted plan).</summary>
    private void SeedSchedule(string plan, IReadOnlyDictionary<string, object?>? counter, int interval, string unit, DateTimeOffset start, string status)
    {
        var days = counter is not null ? 60 : unit switch { "MON" => 30.4 * interval, "WK" => 7 * interval, "YR" => 365 * interval, _ => interval };
        var call = 1;
        for (var due = start.AddDays(days); ; due = due.AddDays(days), call++)
        {
            var done = due < end;
            if (!done && status == "DLFL")
            {
                break;
            }

            data.Add(Plan, "MaintenancePlanSchedule", new Dictionary<string, object?>
            {
                ["MaintenancePlan"] = plan,
                ["MaintenancePlanCallNumber"] = call,
                ["MaintenancePackage"] = "1",
                ["SchedulingType"] = done ? "1" : "",
                ["SchedulingStatus"] = done ? "C" : "W",
                ["MeasuringPoint"] = counter?["MeasuringPoint"] ?? "",
                ["MaintenanceTaskPerformanceUnit"] = counter is null ? unit : "H",
                ["MaintenanceCallNextPlannedDate"] = Day(due),
                ["MaintenanceCallDate"] = done ? Day(due.AddDays(-3)) : null,
                ["CompletionDate"] = done ? Day(due.AddDays(random.Int(0, 5))) : null,
                ["MaintenanceCallIsOutstanding"] = !done,
                ["MaintCallIsInvokedOnPlndDate"] = done,
                ["MaintPlanLastScheduledDate"] = Day(due),
            });
            if (!done)
            {
                break;
            }
        }
    }
}
