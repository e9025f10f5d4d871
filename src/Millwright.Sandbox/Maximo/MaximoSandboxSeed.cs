using System.Text.Json.Nodes;
using Bogus;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// Builds the tenant deterministically (Bogus with a fixed seed, every timestamp an offset from a fixed end
/// of history) in Maximo's style: one organisation, three sites, location hierarchies with site-scoped
/// codes, numeric <c>assetnum</c>s, a shared <c>wonum</c>/<c>ticketid</c>/<c>ponum</c> autokey sequence,
/// upper-case person ids and company codes.
/// </summary>
internal sealed partial class MaximoSandboxSeed
{
    private const int HistoryDays = 548;

    /// <summary>The sites of organisation <see cref="MaximoSandboxSettings.OrganizationId"/>, with the prefix of their location codes.</summary>
    public static readonly IReadOnlyList<SiteSeed> Sites =
    [
        new("SPRFLD", "Springfield Plant", "SP"),
        new("RVRSIDE", "Riverside Plant", "RV"),
        new("LAKESIDE", "Lakeside Distribution Center", "LK"),
    ];

    private readonly MaximoSandboxSettings settings;
    private readonly Faker faker;
    private readonly Randomizer random;
    private readonly DateTimeOffset end;
    private readonly Dictionary<string, List<JsonObject>> records = new(StringComparer.Ordinal);
    private readonly List<string> persons = [];
    private readonly List<string> vendors = [];
    private long rowstamp = 700_000;
    private long number = 1000;

    private MaximoSandboxSeed(MaximoSandboxSettings settings, DateTimeOffset now)
    {
        this.settings = settings;
        random = new Randomizer(settings.Seed);
        faker = new Faker("en") { Random = random };
        var latest = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);
        end = settings.SeedEpoch < latest ? settings.SeedEpoch : latest;
    }

    public static MaximoSandboxData Build(MaximoSandboxSettings settings, DateTimeOffset now)
    {
        var seed = new MaximoSandboxSeed(settings, now);
        seed.SeedOrganization();
        seed.SeedPersons();
        seed.SeedVendors();
        seed.SeedLocations();
        seed.SeedAssets();
        seed.SeedItems();
        seed.SeedPurchaseOrders();
        seed.SeedWork();
        seed.SeedMeters();
        seed.SeedPreventiveMaintenance();
        seed.SeedPersonGroups();
        return new MaximoSandboxData(seed.records, seed.rowstamp, seed.number);
    }

    private List<JsonObject> Table(string os) => records.TryGetValue(os, out var list) ? list : records[os] = [];

    private void Add(string os, JsonObject record)
    {
        record["_rowstamp"] = (++rowstamp).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Table(os).Add(record);
    }

    private string NextNumber() => (++number).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private DateTimeOffset DaysAgo(double days) => MxmJson.Seconds(end.AddDays(-days));

    private DateTimeOffset After(DateTimeOffset start, double maxDays) =>
        MxmJson.Seconds(start.AddDays(random.Double(0, Math.Max(0, Math.Min(maxDays, (end - start).TotalDays)))));

    private static string Ts(DateTimeOffset value) => MxmJson.Ts(value);

    private void SeedOrganization()
    {
        var sites = new JsonArray();
        for (var i = 0; i < Sites.Count; i++)
        {
            sites.Add(new JsonObject
            {
                ["siteid"] = Sites[i].Id,
                ["description"] = Sites[i].Description,
                ["orgid"] = MaximoSandboxSettings.OrganizationId,
                ["siteuid"] = 11 + i,
                ["active"] = true,
            });
        }

        Add("mxapiorganization", new JsonObject
        {
            ["orgid"] = MaximoSandboxSettings.OrganizationId,
            ["description"] = "Northwind North America",
            ["basecurrency1"] = "USD",
            ["itemsetid"] = MaximoSandboxSettings.ItemSetId,
            ["companysetid"] = "NWCOMP",
            ["organizationid"] = 1,
            ["active"] = true,
            ["site"] = sites,
        });
    }
}

/// <summary>A seeded site: <c>siteid</c>, description, and the prefix of its location codes.</summary>
internal sealed record SiteSeed(string Id, string Description, string Prefix);
