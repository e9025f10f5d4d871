namespace Millwright.Sandbox.Sap;

internal sealed partial class SapSandboxSeed
{
    private static readonly (string Type, string Name, string[] Makers, string Model)[] EquipmentKinds =
    [
        ("PUMP", "Kreiselpumpe", ["KSB", "Grundfos", "Wilo"], "Etanorm 050-032"),
        ("MOTOR", "Drehstrommotor", ["Siemens", "SEW-Eurodrive", "ABB"], "1LE1003-1DB2"),
        ("CONV", "Gurtförderer", ["Interroll", "Bosch Rexroth"], "BF 1200"),
        ("COMP", "Schraubenkompressor", ["Atlas Copco", "Kaeser"], "GA 37 VSD+"),
        ("ROBOT", "Palettierroboter", ["KUKA", "FANUC"], "KR 180 PA"),
        ("VALVE", "Regelventil", ["Samson", "Festo"], "3241-7"),
    ];

    /// <summary>
    /// Lifecycle statuses as <c>SystemStatusText</c> shows them: the lifecycle status first, then the others.
    /// Weights are percentages; Bogus wants fractions summing to 1, hence the division where they are used.
    /// </summary>
    private static readonly (string Text, string Phase, int Weight)[] OrderStatuses =
    [
        ("CRTD MANC NMAT NTUP", "01", 15), ("REL  MANC NMAT PRC", "04", 25), ("REL  PCNF NMAT PRC SETC", "04", 10),
        ("TECO PCNF NMAT PRC SETC", "05", 30), ("CLSD CNF  NMAT PRC SETC", "06", 20),
    ];

    private static readonly string[] AbcIndicators = ["A", "B", "C"];

    private static readonly string[] OperationTexts = ["Demontage und Befund", "Teile tauschen", "Probelauf und Abnahme"];

    private static readonly string[] Faults =
    [
        "Leckage an Gleitringdichtung", "Lagergeräusche prüfen", "Motor überhitzt", "Keilriemen erneuern", "Sensor defekt",
        "Vibration erhöht", "Not-Aus ausgelöst", "Hydraulikdruck zu niedrig", "Förderband läuft schief", "Ölwechsel fällig",
    ];

    private void SeedEquipment()
    {
        var lines = locations.Where(l => (string?)l["ABCIndicator"] is "C" or "B").ToList();
        for (var i = 0; i < settings.EquipmentCount; i++)
        {
            var kind = random.ArrayElement(EquipmentKinds);
            var location = random.ListItem(lines);
            var created = DaysAgo(HistoryDays + random.Int(30, 1500));
            var parent = kind.Type == "MOTOR" && equipment.Count > 0 && random.Bool(0.4f)
                ? equipment.LastOrDefault(e => (string?)e["TechnicalObjectType"] == "PUMP" && (string?)e["FunctionalLocation"] == (string?)location["FunctionalLocation"])
                : null;
            var number = Number(10000000 + i);
            equipment.Add(data.Add(Equip, "Equipment", new Dictionary<string, object?>
            {
                ["Equipment"] = number,
                ["ValidityEndDate"] = Forever,
                ["ValidityStartDate"] = Day(created),
                ["EquipmentOID"] = $"EQ{number}",
                ["EquipmentName"] = $"{kind.Name} {location["PlantSection"]}-{i % 97 + 1:000}".Trim(),
                ["EquipmentCategory"] = "M",
                ["TechnicalObjectType"] = kind.Type,
                ["AssetManufacturerName"] = random.ArrayElement(kind.Makers),
                ["ManufacturerPartTypeName"] = kind.Model,
                ["ManufacturerSerialNumber"] = faker.Random.Replace("??########").ToUpperInvariant(),
                ["ManufacturerCountry"] = "DE",
                ["ConstructionYear"] = Number(created.Year - random.Int(0, 6)),
                ["ConstructionMonth"] = random.Int(1, 12).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
                ["InventoryNumber"] = $"INV-{100000 + i}",
                ["AcquisitionValue"] = Math.Round(random.Decimal(800, 90000), 2),
                ["Currency"] = "EUR",
                ["AcquisitionDate"] = Day(created),
                ["OperationStartDate"] = Day(created),
                ["MaintenancePlant"] = location["MaintenancePlant"],
                ["MaintenancePlanningPlant"] = location["MaintenancePlanningPlant"],
                ["PlantSection"] = location["PlantSection"],
                ["ABCIndicator"] = random.ArrayElement(AbcIndicators),
                ["MainWorkCenter"] = location["MainWorkCenter"],
                ["MainWorkCenterPlant"] = location["MaintenancePlant"],
                ["WorkCenter"] = location["MainWorkCenter"],
                ["WorkCenterPlant"] = location["MaintenancePlant"],
                ["MaintenancePlannerGroup"] = "100",
                ["CompanyCode"] = "1010",
                ["ControllingArea"] = "A000",
                ["CostCenter"] = location["CostCenter"],
                ["FunctionalLocation"] = location["FunctionalLocation"],
                ["FunctionalLocationLabelName"] = location["FunctionalLocationLabelName"],
                ["FunctionalLocationName"] = location["FunctionalLocationName"],
                ["SuperordinateEquipment"] = parent?["Equipment"] ?? "",
                ["EquipIsAllocToSuperiorEquip"] = parent is not null,
                ["EquipmentIsInstalled"] = true,
                ["EquipmentIsAvailable"] = true,
                ["EquipmentIsInactive"] = random.Bool(0.05f),
                ["EquipmentIsMarkedForDeletion"] = random.Bool(0.03f),
                ["CreationDate"] = Day(created),
                ["CreatedByUser"] = User(),
                ["LastChangedByUser"] = User(),
                ["LastChangeDateTime"] = Between(created, HistoryDays),
            }));
        }
    }

    private List<IReadOnlyDictionary<string, object?>> SeedOrders()
    {
        var orders = new List<IReadOnlyDictionary<string, object?>>();
        var statusWeights = OrderStatuses.Select(s => s.Weight / 100f).ToArray();
        for (var i = 0; i < settings.MaintenanceOrderCount; i++)
        {
            var onEquipment = random.Bool(0.85f);
            var equip = random.ListItem(equipment);
            var location = onEquipment ? locations.First(l => (string?)l["FunctionalLocation"] == (string?)equip["FunctionalLocation"]) : random.ListItem(locations);
            var type = random.WeightedRandom(["PM01", "PM02", "PM03"], [0.6f, 0.3f, 0.1f]);
            var status = random.WeightedRandom(OrderStatuses, statusWeights);
            var created = DaysAgo(random.Double(0, HistoryDays));
            var start = created.AddDays(random.Int(0, 10));
            var finish = start.AddDays(random.Int(1, 14));
            var completed = status.Phase is "05" or "06" ? Between(start, 20) : (DateTimeOffset?)null;
            var changed = completed is { } c ? Between(c, 10) : Between(created, 30);
            var number = Number(4000000 + i);
            var description = type switch
            {
                "PM02" => $"Inspektion {equip["EquipmentName"]}",
                "PM03" => $"Überholung {equip["EquipmentName"]}",
                _ => random.ArrayElement(Faults),
            };
            var userStatus = status.Text.StartsWith("REL", StringComparison.Ordinal) && random.Bool(0.2f) ? "WMAT" : "";
            var order = data.Add(Order, "MaintenanceOrder", new Dictionary<string, object?>
            {
                ["MaintenanceOrder"] = number,
                ["MaintenanceOrderType"] = type,
                ["MaintenanceOrderDesc"] = description.Length > 40 ? description[..40] : description,
                ["MaintPriority"] = type == "PM02" ? "3" : random.WeightedRandom(["1", "2", "3", "4"], [0.1f, 0.3f, 0.4f, 0.2f]),
                ["MaintPriorityType"] = "PM",
                ["MaintenanceActivityType"] = type switch { "PM01" => "002", "PM02" => "001", _ => "003" },
                ["Equipment"] = onEquipment ? equip["Equipment"] : "",
                ["EquipmentName"] = onEquipment ? equip["EquipmentName"] : "",
                ["FunctionalLocation"] = location["FunctionalLocation"],
                ["TechnicalObject"] = onEquipment ? equip["Equipment"] : location["FunctionalLocation"],
                ["TechnicalObjectLabel"] = onEquipment ? equip["Equipment"] : location["FunctionalLocationLabelName"],
                ["TechObjIsEquipOrFuncnlLoc"] = onEquipment ? "EAMS_EQUI" : "EAMS_FL",
                ["MaintenancePlanningPlant"] = location["MaintenancePlanningPlant"],
                ["MaintenancePlant"] = location["MaintenancePlant"],
                ["PlantSection"] = location["PlantSection"],
                ["MainWorkCenter"] = location["MainWorkCenter"],
                ["MainWorkCenterPlant"] = location["MaintenancePlant"],
                ["MaintenancePlannerGroup"] = "100",
                ["BusinessArea"] = "1000",
                ["CompanyCode"] = "1010",
                ["ControllingArea"] = "A000",
                ["CostCenter"] = location["CostCenter"],
                ["Currency"] = "EUR",
                ["MaintOrdProcessPhaseCode"] = status.Phase,
                ["SystemStatusText"] = status.Text,
                ["UserStatusText"] = userStatus,
                ["MaintOrdBasicStartDateTime"] = start,
                ["MaintOrdBasicStartDate"] = Day(start),
                ["MaintOrdBasicStartTime"] = start.TimeOfDay,
                ["MaintOrdBasicEndDateTime"] = finish,
                ["MaintOrdBasicEndDate"] = Day(finish),
                ["MaintOrdBasicEndTime"] = finish.TimeOfDay,
                ["MainWorkCompletedDateTime"] = completed,
                ["MaintOrderReferenceDateTime"] = completed,
                ["MaintOrdPersonResponsible"] = User(),
                ["CreatedByUser"] = User(),
                ["MaintOrderCreationDateTime"] = created,
                ["LastChangeByUser"] = User(),
                ["LastChangeDateTime"] = changed,
            });
            orders.Add(order);
            SeedOperations(order, random.Int(1, 3));
        }

        return orders;
    }

    private void SeedOperations(IReadOnlyDictionary<string, object?> order, int count)
    {
        for (var op = 1; op <= count; op++)
        {
            data.Add(Order, "MaintenanceOrderOperation", new Dictionary<string, object?>
            {
                ["MaintenanceOrder"] = order["MaintenanceOrder"],
                ["MaintenanceOrderOperation"] = (op * 10).ToString("0000", System.Globalization.CultureInfo.InvariantCulture),
                ["MaintenanceOrderSubOperation"] = "",
                ["OperationControlKey"] = "PM01",
                ["WorkCenter"] = order["MainWorkCenter"],
                ["Plant"] = order["MaintenancePlant"],
                ["OperationDescription"] = op == 1 ? "Arbeitsplatz absichern" : random.ArrayElement(OperationTexts),
                ["MaintOrderOperationDuration"] = (decimal)random.Int(1, 16) / 2,
                ["MaintOrdOperationDurationUnit"] = "H",
                ["NumberOfCapacities"] = 1,
                ["Equipment"] = order["Equipment"],
                ["FunctionalLocation"] = order["FunctionalLocation"],
                ["SystemStatusText"] = ((string)order["SystemStatusText"]!)[..4].Trim(),
            });
        }
    }
}
