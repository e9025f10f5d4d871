using Bogus;

namespace Millwright.Sandbox.MaintainX;

/// <summary>
/// Builds one organisation's data deterministically: Bogus with a fixed seed, and every timestamp an
/// offset from a fixed end of history, so the same settings always yield byte-identical records.
/// Sites are top-level locations (MaintainX has no site object); areas and lines are their children.
/// </summary>
internal sealed partial class MaintainXSandboxSeed
{
    /// <summary>Length of the seeded history (about 18 months).</summary>
    private const int HistoryDays = 548;

    private readonly Faker faker;
    private readonly Randomizer random;
    private readonly DateTimeOffset end;
    private readonly long idBase;
    private readonly OrgProfile profile;
    private readonly int workOrderCount;
    private readonly int assetCount;
    private readonly List<MxLocation> locations = [];
    private readonly List<MxLocation> sites = [];
    private readonly List<MxUser> users = [];
    private readonly List<MxTeam> teams = [];
    private readonly List<MxVendor> vendors = [];
    private readonly List<MxAsset> assets = [];
    private readonly List<MxPart> parts = [];
    private readonly List<MxWorkOrder> workOrders = [];
    private readonly Dictionary<long, AssetKind> kindOfAsset = [];

    private MaintainXSandboxSeed(MaintainXSandboxSettings settings, long organizationId, DateTimeOffset now)
    {
        var primary = organizationId == MaintainXSandboxSettings.DemoOrganizationId;
        profile = primary ? PlantProfile : DepotProfile;
        idBase = primary ? 0 : 9_000_000;
        workOrderCount = primary ? settings.WorkOrderCount : Math.Min(150, settings.WorkOrderCount);
        assetCount = primary ? settings.AssetCount : 30;
        random = new Randomizer(settings.Seed + (primary ? 0 : 7919));
        faker = new Faker("en") { Random = random };
        var latest = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);
        end = settings.SeedEpoch < latest ? settings.SeedEpoch : latest;
    }

    public static MaintainXSandboxData Build(MaintainXSandboxSettings settings, long organizationId, DateTimeOffset now)
    {
        var seed = new MaintainXSandboxSeed(settings, organizationId, now);
        return seed.Build(organizationId);
    }

    private MaintainXSandboxData Build(long organizationId)
    {
        var criticalities = new List<MxCriticality>
        {
            new(idBase + 11, "Low", 1), new(idBase + 12, "Medium", 2), new(idBase + 13, "High", 3), new(idBase + 14, "Critical", 4),
        };
        var categories = CategoryLabels.Select((label, i) => new MxCategory(idBase + 201 + i, label, $"{label} work")).ToList();
        SeedUsers();
        SeedLocations();
        SeedTeams();
        SeedVendors();
        SeedAssets(criticalities);
        SeedParts();
        var meters = SeedMeters();
        var plans = SeedPlans();
        SeedWorkOrders();
        var requests = SeedWorkRequests();
        var orders = SeedPurchaseOrders();
        return new MaintainXSandboxData
        {
            Organization = new MxOrganization(organizationId, profile.Name, profile.TimeZone, "USD"),
            Locations = new(locations),
            Assets = new(assets),
            Criticalities = criticalities,
            Categories = categories,
            Users = new(users),
            Teams = new(teams),
            Vendors = new(vendors),
            Parts = new(parts),
            PurchaseOrders = new(orders),
            WorkOrders = new(workOrders),
            WorkRequests = new(requests),
            Meters = new(meters),
            MaintenancePlans = new(plans),
            NextSequentialId = workOrders.Count + 1,
        };
    }

    /// <summary>A moment <paramref name="daysAgo"/> days before the end of history, to the millisecond as the API shows it.</summary>
    private DateTimeOffset DaysAgo(double daysAgo) => Millis(end.AddDays(-daysAgo));

    private DateTimeOffset RandomMomentAfter(DateTimeOffset start, double maxDays)
    {
        var latest = Math.Min(maxDays, (end - start).TotalDays);
        return Millis(start.AddDays(random.Double(0, Math.Max(latest, 0))));
    }

    internal static DateTimeOffset Millis(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
