using Bogus;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// Builds the database deterministically (Bogus with a fixed seed, every timestamp an offset from a fixed
/// end of history) in the shape of a fresh Odoo 18.0 database with the maintenance module's data file
/// loaded (stages 1–4, team "Internal Maintenance"), then a plant's worth of records on top.
/// </summary>
internal sealed partial class OdooSandboxSeed
{
    private const int HistoryDays = 548;

    private readonly OdooSandboxSettings settings;
    private readonly Faker faker;
    private readonly Randomizer random;
    private readonly DateTimeOffset end;
    private readonly OdooDatabase db;
    private readonly OdooEnv env;
    private readonly List<int> technicians = [];
    private readonly List<int> vendors = [];

    private OdooSandboxSeed(OdooSandboxSettings settings, DateTimeOffset now)
    {
        this.settings = settings;
        random = new Randomizer(settings.Seed);
        faker = new Faker("en") { Random = random };
        var latest = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-1);
        end = settings.SeedEpoch < latest ? settings.SeedEpoch : latest;
        db = new OdooDatabase(OdooSandboxSettings.DemoDatabase, OdooModels.For(settings));
        env = new OdooEnv(db, 2, [], end);
    }

    public static OdooDatabase Build(OdooSandboxSettings settings, DateTimeOffset now)
    {
        var seed = new OdooSandboxSeed(settings, now);
        seed.SeedBase();
        seed.SeedPeople();
        seed.SeedVendors();
        seed.SeedProducts();
        seed.SeedPurchases();
        seed.SeedMaintenance();
        return seed.db;
    }

    /// <summary>A moment in the seeded history, <paramref name="daysAgo"/> before its end plus a random time of day.</summary>
    private DateTimeOffset At(double daysAgo) => end.AddDays(-daysAgo).AddSeconds(-random.Int(0, 86_399));

    private DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? from : from.AddSeconds(random.Long(0, (long)(to - from).TotalSeconds));

    /// <summary>Inserts a record with its magic fields; stored fields not given get their default (or empty).</summary>
    private int Add(string model, Dictionary<string, object?> values, DateTimeOffset created, DateTimeOffset? written = null, int? id = null, int uid = 2)
    {
        var definition = db.Model(model)!;
        foreach (var field in definition.Fields.Values.Where(f => f.Stored && f.Compute is null && f.Name != "id" && !values.ContainsKey(f.Name)))
        {
            values[field.Name] = field.Default?.Invoke(env) ?? (field.Type == "boolean" ? false : null);
        }

        values["create_uid"] = uid;
        values["write_uid"] = uid;
        values["create_date"] = OdooWire.DatetimeText(Seconds(created));
        values["write_date"] = OdooWire.DatetimeText(Seconds(written is { } w && w > created ? w : created));
        return db.Insert(model, id, values).Id;
    }

    private static DateTimeOffset Seconds(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static string Date(DateTimeOffset value) => OdooWire.DateText(DateOnly.FromDateTime(value.UtcDateTime));

    private string? Maybe(double chance, Func<string> value) => random.Double() < chance ? value() : null;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Int(0, items.Count - 1)];

    private void SeedBase()
    {
        var start = end.AddDays(-HistoryDays - 30);
        Add("res.currency", new() { ["name"] = "USD", ["symbol"] = "$", ["active"] = true }, start, id: 1);
        Add("res.currency", new() { ["name"] = "EUR", ["symbol"] = "€", ["active"] = true }, start, id: 2);
        foreach (var (code, name) in new[] { ("US", "United States"), ("DE", "Germany"), ("FR", "France"), ("GB", "United Kingdom"), ("CA", "Canada") })
        {
            Add("res.country", new() { ["name"] = name, ["code"] = code }, start);
        }

        Add("res.partner", new()
        {
            ["name"] = "Millwright Demo Plant",
            ["is_company"] = true,
            ["email"] = "info@demo-plant.example",
            ["phone"] = "+1 555-0100",
            ["street"] = "1 Foundry Road",
            ["city"] = "Springfield",
            ["zip"] = "62701",
            ["country_id"] = 1,
            ["active"] = true
        }, start, id: 1, uid: 1);
        Add("res.company", new() { ["name"] = "Millwright Demo Plant", ["currency_id"] = 1, ["partner_id"] = 1, ["sequence"] = 0L, ["active"] = true }, start, id: 1, uid: 1);
        Add("uom.uom", new() { ["name"] = "Units", ["factor"] = 1.0, ["active"] = true }, start, id: 1, uid: 1);
        Add("uom.uom", new() { ["name"] = "kg", ["factor"] = 1.0, ["active"] = true }, start, id: 2, uid: 1);
        Add("uom.uom", new() { ["name"] = "L", ["factor"] = 1.0, ["active"] = true }, start, id: 3, uid: 1);
        Add("uom.uom", new() { ["name"] = "m", ["factor"] = 1.0, ["active"] = true }, start, id: 4, uid: 1);
        Add("uom.uom", new() { ["name"] = "Hours", ["factor"] = 8.0, ["active"] = true }, start, id: 5, uid: 1);
        Add("product.category", new() { ["name"] = "All" }, start, id: 1, uid: 1);
        Add("product.category", new() { ["name"] = "Spare Parts", ["parent_id"] = 1 }, start, id: 2);
        Add("product.category", new() { ["name"] = "Consumables", ["parent_id"] = 1 }, start, id: 3);
        Add("product.category", new() { ["name"] = "Services", ["parent_id"] = 1 }, start, id: 4);
    }
}
