using System.Globalization;
using Bogus;

namespace Millwright.Sandbox.Sap;

/// <summary>
/// Builds the plant data deterministically (Bogus with a fixed seed; every time an offset from a fixed
/// end of history), in SAP's style: planning plants 1010 and 1020, functional locations coded
/// <c>1010-HH-PRD-L01</c>, equipment numbers from 10000000, orders of types PM01/PM02/PM03 numbered from
/// 4000000 with system statuses such as <c>REL  MANC NMAT PRC</c>, notifications from 10000000, and
/// purchase orders from 4500000000 with their items.
/// </summary>
internal sealed partial class SapSandboxSeed
{
    private const int HistoryDays = 548;
    private const string Order = "API_MAINTENANCEORDER";
    private const string Equip = "API_EQUIPMENT";
    private const string FuncLoc = "API_FUNCTIONALLOCATION";
    private const string Notif = "API_MAINTNOTIFICATION";
    private const string Purchasing = "API_PURCHASEORDER_PROCESS_SRV";

    private static readonly DateTime Forever = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    private static readonly (string Code, string Short, string Name, string City, string Street, string Postal)[] Plants =
    [
        ("1010", "HH", "Werk Hamburg", "Hamburg", "Hafenstrasse", "20457"),
        ("1020", "B", "Werk Berlin", "Berlin", "Industriestrasse", "12099"),
    ];

    private static readonly (string Code, string Name, string WorkCenter)[] Areas =
    [
        ("PRD", "Production", "MECH"), ("PKG", "Packaging", "MECH"), ("UTL", "Utilities", "ELEC"), ("WHS", "Warehouse", "INST"),
    ];

    private readonly SapSandboxData data = new();
    private readonly SapSandboxSettings settings;
    private readonly Faker faker;
    private readonly Randomizer random;
    private readonly DateTimeOffset end;
    private readonly List<IReadOnlyDictionary<string, object?>> locations = [];
    private readonly List<IReadOnlyDictionary<string, object?>> equipment = [];
    private readonly List<string> users = [];

    private SapSandboxSeed(SapSandboxSettings settings, DateTimeOffset now)
    {
        this.settings = settings;
        random = new Randomizer(settings.Seed);
        faker = new Faker("de") { Random = random };
        var latest = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);
        end = settings.SeedEpoch < latest ? settings.SeedEpoch : latest;
    }

    public static SapSandboxData Build(SapSandboxSettings settings, DateTimeOffset now)
    {
        var seed = new SapSandboxSeed(settings, now);
        seed.SeedUsers();
        seed.SeedFunctionalLocations();
        seed.SeedEquipment();
        var orders = seed.SeedOrders();
        seed.SeedNotifications(orders);
        seed.SeedPurchaseOrders();
        seed.SeedWorkCenters();
        seed.SeedSuppliers();
        seed.SeedMaterials();
        seed.SeedMeasuringPoints();
        seed.SeedMaintenancePlans();
        seed.SeedComponents();
        return seed.data;
    }

    private void SeedUsers()
    {
        for (var i = 0; i < 12; i++)
        {
            var name = faker.Name.LastName().ToUpperInvariant();
            users.Add(name[..Math.Min(8, name.Length)] + faker.Random.Int(1, 9).ToString(CultureInfo.InvariantCulture));
        }
    }

    private string User() => random.ListItem(users);

    /// <summary>A moment <paramref name="daysAgo"/> days before the end of history, to the second as SAP stores it.</summary>
    private DateTimeOffset DaysAgo(double daysAgo)
    {
        var t = end.AddDays(-daysAgo);
        return new DateTimeOffset(t.UtcTicks - (t.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    private DateTimeOffset Between(DateTimeOffset start, double maxDays) =>
        DaysAgo(Math.Max(0, (end - start).TotalDays - random.Double(0, Math.Max(0, Math.Min(maxDays, (end - start).TotalDays)))));

    private static DateTime Day(DateTimeOffset t) => DateTime.SpecifyKind(t.UtcDateTime.Date, DateTimeKind.Utc);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private void SeedFunctionalLocations()
    {
        foreach (var plant in Plants)
        {
            var created = DaysAgo(HistoryDays + random.Int(200, 900));
            var root = AddLocation($"{plant.Code}-{plant.Short}", $"{plant.Name}", "", plant, "A", "MECH", created);
            foreach (var area in Areas)
            {
                var areaCode = $"{root["FunctionalLocation"]}-{area.Code}";
                AddLocation(areaCode, $"{area.Name} {plant.City}", (string)root["FunctionalLocation"]!, plant, "B", area.WorkCenter, created);
                var lines = area.Code is "PRD" or "PKG" ? random.Int(2, 4) : 1;
                for (var line = 1; line <= lines; line++)
                {
                    var name = area.Code switch
                    {
                        "PRD" => $"Fertigungslinie {line:00}",
                        "PKG" => $"Verpackungslinie {line:00}",
                        "UTL" => "Druckluft und Kälte",
                        _ => "Hochregallager",
                    };
                    AddLocation($"{areaCode}-L{line:00}", name, areaCode, plant, "C", area.WorkCenter, Between(created, 400));
                }
            }
        }
    }

    private IReadOnlyDictionary<string, object?> AddLocation(string code, string name, string parent,
        (string Code, string Short, string Name, string City, string Street, string Postal) plant, string abc, string workCenter, DateTimeOffset created)
    {
        var changed = Between(created, HistoryDays);
        var row = data.Add(FuncLoc, "FunctionalLocation", new Dictionary<string, object?>
        {
            ["FunctionalLocation"] = code,
            ["FunctionalLocationOID"] = $"FL{code}",
            ["FunctionalLocationLabelName"] = code,
            ["FunctionalLocationName"] = name,
            ["FuncLocationStructure"] = "YPM1",
            ["FunctionalLocationCategory"] = "M",
            ["SuperiorFunctionalLocation"] = parent,
            ["SuperiorFuncnlLocLabelName"] = parent,
            ["TechnicalObjectType"] = parent.Length == 0 ? "PLANT" : "AREA",
            ["MaintenancePlant"] = plant.Code,
            ["MaintenancePlanningPlant"] = plant.Code,
            ["PlantSection"] = abc == "C" ? "L" + code[^2..] : "",
            ["ABCIndicator"] = abc,
            ["MainWorkCenter"] = workCenter,
            ["MainWorkCenterPlant"] = plant.Code,
            ["MaintenancePlannerGroup"] = "100",
            ["CompanyCode"] = "1010",
            ["ControllingArea"] = "A000",
            ["CostCenter"] = $"10101{random.Int(100, 399)}",
            ["CityName"] = plant.City,
            ["StreetName"] = plant.Street,
            ["HouseNumber"] = Number(random.Int(1, 120)),
            ["PostalCode"] = plant.Postal,
            ["Country"] = "DE",
            ["FunctionalLocationHasEquipment"] = abc == "C" ? "X" : "",
            ["FuncnlLocHasSubOrdinateFuncLoc"] = abc == "C" ? "" : "X",
            ["FunctionalLocationIsActive"] = true,
            ["OperationStartDate"] = Day(created),
            ["CreationDate"] = Day(created),
            ["CreatedByUser"] = User(),
            ["LastChangedByUser"] = User(),
            ["LastChangeDateTime"] = changed,
        });
        locations.Add(row);
        return row;
    }
}
