using System.Globalization;
using System.Text.Json.Nodes;
using Bogus;

namespace Millwright.Sandbox.Fiix;

/// <summary>
/// Builds the tenant deterministically (Bogus with a fixed seed, every date an offset from a fixed end of
/// history) in Fiix's shape: sites, locations, equipment and parts are all <c>Asset</c> rows told apart by
/// their category's system code (<c>intSuperCategorySysCode</c>); statuses, priorities and maintenance
/// types are tenant objects referenced by id. The reference tables are fixed (README, "Seeded tenant").
/// </summary>
internal sealed partial class FiixSandboxSeed
{
    private const int HistoryDays = 548;

    /// <summary>System codes of the four top categories (assumed; README): what kind of thing an asset row is.</summary>
    public const long LocationsCode = 1;
    public const long EquipmentCode = 2;
    public const long ToolsCode = 3;
    public const long PartsCode = 4;

    /// <summary>Control ids of work-order statuses (assumed; README): the fixed behaviour a tenant's status has.</summary>
    public const long RequestedControl = 1;
    public const long OpenControl = 2;
    public const long InProgressControl = 3;
    public const long OnHoldControl = 4;
    public const long ClosedControl = 5;
    public const long CancelledControl = 6;

    /// <summary>The tenant's work-order statuses: id, name, control id, system code (0 = added by the tenant).</summary>
    public static readonly IReadOnlyList<(long Id, string Name, long Control, long SysCode)> WorkOrderStatuses =
    [
        (1, "Requested", RequestedControl, 1),
        (2, "Open", OpenControl, 2),
        (3, "In Service", InProgressControl, 3),
        (4, "On Hold", OnHoldControl, 4),
        (5, "Closed", ClosedControl, 5),
        (6, "Cancelled", CancelledControl, 6),
        (7, "Assigned", OpenControl, 0),
        (8, "Waiting for Parts", OnHoldControl, 0),
    ];

    /// <summary>Purchase-order statuses (assumed control ids: 1 draft, 2 awaiting approval, 3 issued, 4 partly received, 5 received, 6 cancelled).</summary>
    public static readonly IReadOnlyList<(long Id, string Name, long Control)> PurchaseOrderStatuses =
    [
        (1, "Draft", 1), (2, "Requested", 2), (3, "Issued", 3), (4, "Partially Received", 4), (5, "Received", 5), (6, "Cancelled", 6),
    ];

    private readonly FiixSandboxSettings settings;
    private readonly Faker faker;
    private readonly Randomizer random;
    private readonly DateTimeOffset end;
    private readonly Dictionary<string, List<JsonObject>> records = new(StringComparer.Ordinal);
    private readonly List<long> sites = [];
    private readonly Dictionary<long, List<long>> locationsBySite = [];
    private readonly Dictionary<long, long> storeroomBySite = [];
    private readonly Dictionary<long, List<long>> equipmentBySite = [];
    private readonly List<long> parts = [];
    private readonly List<long> people = [];
    private readonly List<long> vendors = [];
    private readonly Dictionary<long, string> names = [];

    private FiixSandboxSeed(FiixSandboxSettings settings, DateTimeOffset now)
    {
        this.settings = settings;
        random = new Randomizer(settings.Seed);
        faker = new Faker("en") { Random = random };
        var latest = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);
        end = settings.SeedEpoch < latest ? settings.SeedEpoch : latest;
    }

    public static FiixSandboxData Build(FiixSandboxSettings settings, DateTimeOffset now)
    {
        var seed = new FiixSandboxSeed(settings, now);
        seed.SeedReference();
        seed.SeedPeople();
        seed.SeedVendors();
        seed.SeedSites();
        seed.SeedEquipment();
        seed.SeedParts();
        seed.SeedPurchaseOrders();
        seed.SeedMeterReadings();
        seed.SeedScheduledMaintenance();
        seed.SeedWorkOrders();
        return new FiixSandboxData(seed.records);
    }

    private long Add(string className, JsonObject values)
    {
        var table = records.TryGetValue(className, out var list) ? list : records[className] = [];
        var id = values["id"] is { } given ? long.Parse(given.ToJsonString(), CultureInfo.InvariantCulture) : table.Count + 1;
        values["id"] = id;
        table.Add(values);
        return id;
    }

    private long DaysAgo(double days) => Ms(end.AddDays(-days));

    private long After(long start, double maxDays)
    {
        var from = DateTimeOffset.FromUnixTimeMilliseconds(start);
        return Ms(from.AddDays(random.Double(0, Math.Max(0, Math.Min(maxDays, (end - from).TotalDays)))));
    }

    /// <summary>Fiix stores times to the second; the wire carries epoch milliseconds.</summary>
    internal static long Ms(DateTimeOffset value) => value.ToUnixTimeSeconds() * 1000;

    private static string Ids(IEnumerable<long> ids) => string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    private void SeedReference()
    {
        foreach (var (id, name, control, sysCode) in WorkOrderStatuses)
        {
            Add("WorkOrderStatus", new JsonObject { ["id"] = id, ["strName"] = name, ["intControlID"] = control, ["intSysCode"] = sysCode });
        }

        foreach (var (id, name, control) in PurchaseOrderStatuses)
        {
            Add("PurchaseOrderStatus", new JsonObject
            {
                ["id"] = id,
                ["strName"] = name,
                ["strDefaultLabel"] = name,
                ["intControlID"] = control,
                ["intSysCode"] = control,
            });
        }

        string[] priorities = ["Highest", "High", "Medium", "Low", "Lowest"];
        for (var i = 0; i < priorities.Length; i++)
        {
            Add("Priority", new JsonObject { ["id"] = i + 1, ["strName"] = $"{i + 1} - {priorities[i]}", ["intOrder"] = i + 1, ["intSysCode"] = i + 1 });
        }

        (string Name, string Color, long SysCode)[] types =
            [("Corrective", "#d9534f", 1), ("Preventive", "#5cb85c", 2), ("Damage", "#f0ad4e", 3), ("Emergency", "#c9302c", 4), ("Safety", "#5bc0de", 5), ("Inspection", "#337ab7", 6)];
        foreach (var (name, color, sysCode) in types)
        {
            Add("MaintenanceType", new JsonObject { ["strName"] = name, ["strColor"] = color, ["intSysCode"] = sysCode });
        }

        (string Name, long SysCode, long? Parent)[] categories =
        [
            ("Locations And Facilities", LocationsCode, null), ("Equipment", EquipmentCode, null), ("Tools", ToolsCode, null), ("Parts And Supplies", PartsCode, null),
            ("Buildings", 0, 1), ("Production Areas", 0, 1), ("Storerooms", 0, 1),
            ("Pumps", 0, 2), ("Conveyors", 0, 2), ("Motors", 0, 2), ("Compressors", 0, 2), ("HVAC", 0, 2),
            ("Bearings", 0, 4), ("Filters", 0, 4), ("Belts", 0, 4), ("Lubricants", 0, 4),
        ];
        foreach (var (name, sysCode, parent) in categories)
        {
            Add("AssetCategory", new JsonObject { ["strName"] = name, ["intSysCode"] = sysCode, ["intParentID"] = parent, ["bolOverrideRules"] = 0 });
        }

        (string Name, string Symbol, long Precision)[] units = [("Hours", "h", 1), ("Kilometers", "km", 0), ("Cycles", "cyc", 0), ("Degrees Celsius", "°C", 1)];
        foreach (var (name, symbol, precision) in units)
        {
            Add("MeterReadingUnit", new JsonObject { ["strName"] = name, ["strSymbol"] = symbol, ["intPrecision"] = precision });
        }
    }

    private void SeedPeople()
    {
        string[] titles = ["Maintenance Technician", "Maintenance Technician", "Electrician", "Millwright", "Planner", "Maintenance Manager", "Operator"];
        for (var i = 0; i < 40; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var id = Add("User", new JsonObject
            {
                ["strFullName"] = $"{first} {last}",
                ["strUserName"] = $"{first[0]}{last}".ToLowerInvariant(),
                ["strEmailAddress"] = $"{first}.{last}@northwind-mfg.example".ToLowerInvariant(),
                ["strTelephone"] = faker.Phone.PhoneNumber("(###) ###-####"),
                ["strUserTitle"] = random.ArrayElement(titles),
                ["strPersonnelCode"] = $"E{1000 + i}",
                ["intUserStatusID"] = i % 13 == 12 ? 2 : 1,
                ["bolGroup"] = 0,
                ["bolApiApplicationUser"] = 0,
                ["bolApiManaged"] = 0,
            });
            names[id] = $"{first} {last}";
            people.Add(id);
        }

        foreach (var group in new[] { "Mechanical Crew", "Electrical Crew", "Contractors" })
        {
            Add("User", new JsonObject { ["strFullName"] = group, ["strUserName"] = group.ToLowerInvariant().Replace(' ', '.'), ["intUserStatusID"] = 1, ["bolGroup"] = 1 });
        }

        Add("User", new JsonObject
        {
            ["strFullName"] = "Millwright Integration",
            ["strUserName"] = "api.millwright",
            ["intUserStatusID"] = 1,
            ["bolGroup"] = 0,
            ["bolApiApplicationUser"] = 1,
            ["bolApiManaged"] = 1,
        });
    }

    private void SeedVendors()
    {
        for (var i = 0; i < 25; i++)
        {
            var name = faker.Company.CompanyName();
            vendors.Add(Add("Business", new JsonObject
            {
                ["strName"] = name,
                ["strCode"] = $"V{100 + i}",
                ["strPrimaryEmail"] = $"orders@{new string(name.ToLowerInvariant().Where(char.IsAsciiLetter).Take(16).ToArray())}.example",
                ["strPrimaryContact"] = faker.Name.FullName(),
                ["strPhone"] = faker.Phone.PhoneNumber("(###) ###-####"),
                ["strAddress"] = faker.Address.StreetAddress(),
                ["strCity"] = faker.Address.City(),
                ["strProvince"] = faker.Address.StateAbbr(),
                ["strPostalCode"] = faker.Address.ZipCode("#####"),
                ["intCountryID"] = 1,
                ["strTimezone"] = "America/Chicago",
            }));
        }
    }
}
