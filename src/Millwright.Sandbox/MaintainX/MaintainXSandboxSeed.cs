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

    private void SeedUsers()
    {
        var roles = new List<string>();
        for (var i = 0; i < profile.Users; i++)
        {
            roles.Add(i switch
            {
                < 3 => "ADMIN",
                _ when i == profile.Users - 1 => "SERVICE_ACCOUNT",
                _ when i % 6 == 5 => "REQUESTER",
                _ when i % 9 == 4 => "OPERATOR",
                _ => "MEMBER",
            });
        }

        for (var i = 0; i < profile.Users; i++)
        {
            // User 1001 owns the demo key; 1002 owns the multi-organisation key and belongs to both organisations.
            var id = (idBase, i) switch
            {
                (0, < 2) => 1001 + i,
                (_, 0) => 1002,
                _ => idBase + 1001 + i,
            };
            var service = roles[i] == "SERVICE_ACCOUNT";
            var first = service ? "Integration" : faker.Name.FirstName();
            var last = service ? "Bot" : faker.Name.LastName();
            var created = DaysAgo(HistoryDays + random.Int(30, 400));
            users.Add(new MxUser
            {
                Id = id,
                FirstName = first,
                LastName = last,
                Email = $"{first}.{last}".ToLowerInvariant().Replace(' ', '.').Replace("'", "", StringComparison.Ordinal) + "@" + profile.Domain,
                PhoneNumber = service ? null : faker.Phone.PhoneNumber("+1 ###-###-####"),
                Role = roles[i],
                HourlyRate = roles[i] is "MEMBER" or "ADMIN" ? random.Int(28, 62) * 100 : null,
                LastVisitedAt = service ? null : DaysAgo(random.Double(0, 20)),
                CreatedAt = created,
                UpdatedAt = RandomMomentAfter(created, HistoryDays + 400),
            });
        }
    }

    private void SeedLocations()
    {
        var nextId = idBase + 101;
        foreach (var site in profile.Sites)
        {
            var created = DaysAgo(HistoryDays + random.Int(60, 200));
            var siteRow = NewLocation(nextId++, site.Name, null, site.Address, created);
            sites.Add(siteRow);
            locations.Add(siteRow);
            foreach (var area in site.Areas)
            {
                var areaRow = NewLocation(nextId++, area, siteRow.Id, null, created.AddDays(random.Int(0, 10)));
                locations.Add(areaRow);
                if (area.StartsWith("Production Hall", StringComparison.Ordinal))
                {
                    for (var line = 1; line <= 2; line++)
                    {
                        var lineName = $"{area[^1]}-Line {line}";
                        locations.Add(NewLocation(nextId++, lineName, areaRow.Id, null, areaRow.CreatedAt.AddDays(random.Int(0, 5))));
                    }
                }
            }
        }
    }

    private MxLocation NewLocation(long id, string name, long? parentId, string? address, DateTimeOffset created) => new()
    {
        Id = id,
        Name = name,
        ParentId = parentId,
        Address = address,
        Description = parentId is null ? $"{name} site" : null,
        Barcode = $"LOC-{id:D6}",
        CreatedAt = Millis(created),
        UpdatedAt = RandomMomentAfter(created, HistoryDays + 200),
    };

    private void SeedTeams()
    {
        var members = users.Where(u => u.Role is "MEMBER" or "ADMIN").ToList();
        for (var i = 0; i < profile.Teams; i++)
        {
            var chosen = random.Shuffle(members).Take(random.Int(3, Math.Min(8, members.Count))).ToList();
            var created = DaysAgo(HistoryDays + random.Int(10, 100));
            teams.Add(new MxTeam
            {
                Id = idBase + 501 + i,
                Name = TeamNames[i % TeamNames.Length],
                Description = $"{TeamNames[i % TeamNames.Length]} maintenance crew",
                Members = [.. chosen.Select((u, n) => new MxTeamMember(u.Id, n == 0 ? "ADMIN" : "MEMBER"))],
                LocationIds = [random.ListItem(sites).Id],
                CreatedAt = created,
                UpdatedAt = RandomMomentAfter(created, HistoryDays + 100),
            });
        }
    }
}
