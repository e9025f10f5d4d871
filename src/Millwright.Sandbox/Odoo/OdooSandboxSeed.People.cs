namespace Millwright.Sandbox.Odoo;

internal sealed partial class OdooSandboxSeed
{
    private const int TechnicianCount = 24;

    private static readonly int[] MainCompany = [1];

    /// <summary>
    /// Users as on a fresh database (1 = OdooBot, archived; 2 = the administrator), the restricted demo
    /// technician, a portal user (<c>share</c>), and the plant's technicians and planners; each user has
    /// its own partner, as <c>res.users</c> inherits <c>res.partner</c>.
    /// </summary>
    private void SeedPeople()
    {
        var start = end.AddDays(-HistoryDays - 20);
        User(1, "OdooBot", "__system__", "odoobot@example.com", start, active: false);
        User(2, "Mitchell Admin", OdooSandboxSettings.DemoLogin, "admin@demo-plant.example", start);
        db.Credentials[2] = settings.Secret is { Length: > 0 } secret
            ? new OdooCredentials(secret, [secret], new HashSet<string> { "*" })
            : new OdooCredentials(OdooSandboxSettings.DemoPassword, [OdooSandboxSettings.DemoApiKey], new HashSet<string> { "*" });
        var restricted = User(null, "Marc Demo", OdooSandboxSettings.RestrictedLogin, "mark.brown23@demo-plant.example", start.AddDays(3));
        if (settings.Secret is null)
        {
            db.Credentials[restricted] = new OdooCredentials("sandbox-odoo-demo-1", [OdooSandboxSettings.RestrictedApiKey], new HashSet<string> { "base", "product", "maintenance" });
        }

        technicians.Add(restricted);
        User(null, "Joel Willis (portal)", "portal@supplier.example", "portal@supplier.example", start.AddDays(4), share: true);
        for (var i = 0; i < TechnicianCount; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var login = $"{first}.{last}".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal) + "@demo-plant.example";
            var created = At(random.Int(HistoryDays - 60, HistoryDays + 10));
            var active = i % 11 != 10;
            var uid = User(null, $"{first} {last}", login, login, created, active);
            if (active)
            {
                technicians.Add(uid);
            }
        }
    }

    private int User(int? id, string name, string login, string email, DateTimeOffset created, bool active = true, bool share = false)
    {
        var partner = Add("res.partner", new()
        {
            ["name"] = name,
            ["email"] = email,
            ["phone"] = share ? null : faker.Phone.PhoneNumber("+1 555-01##"),
            ["active"] = active,
            ["company_id"] = 1,
            ["country_id"] = 1,
        }, created, uid: 1);
        return Add("res.users", new()
        {
            ["partner_id"] = partner,
            ["login"] = login,
            ["active"] = active,
            ["share"] = share,
            ["company_id"] = 1,
            ["company_ids"] = MainCompany,
            ["tz"] = "Europe/Brussels",
            ["lang"] = "en_US",
            ["login_date"] = active ? OdooWire.DatetimeText(Seconds(Between(created, end))) : null,
        }, created, Between(created, end), id: id, uid: 1);
    }

    /// <summary>Vendor companies (<c>supplier_rank</c> &gt; 0 when Purchase is installed), some with contacts, a few archived; and some customers.</summary>
    private void SeedVendors()
    {
        var countries = new[] { 1, 1, 1, 2, 3, 4, 5 };
        for (var i = 0; i < 30; i++)
        {
            var created = At(random.Int(200, HistoryDays));
            var name = faker.Company.CompanyName();
            var domain = new string([.. name.ToLowerInvariant().Where(char.IsLetter).Take(14)]) + ".example";
            var vendor = Add("res.partner", new()
            {
                ["name"] = name,
                ["is_company"] = true,
                ["email"] = random.Double() < 0.85 ? $"sales@{domain}" : null,
                ["phone"] = Maybe(0.8, () => faker.Phone.PhoneNumber("+1 555-02##")),
                ["website"] = Maybe(0.7, () => $"https://www.{domain}"),
                ["street"] = faker.Address.StreetAddress(),
                ["city"] = faker.Address.City(),
                ["zip"] = faker.Address.ZipCode("#####"),
                ["country_id"] = Pick(countries),
                ["ref"] = Maybe(0.5, () => $"V{1000 + i}"),
                ["vat"] = Maybe(0.4, () => $"US{random.Long(100000000, 999999999)}"),
                ["active"] = i % 15 != 14,
                ["supplier_rank"] = settings.PurchaseInstalled ? (long)random.Int(1, 12) : 0L,
            }, created, Between(created, end));
            vendors.Add(vendor);
            if (i % 3 == 0)
            {
                var first = faker.Name.FirstName();
                Add("res.partner", new()
                {
                    ["name"] = $"{first} {faker.Name.LastName()}",
                    ["parent_id"] = vendor,
                    ["email"] = $"{first.ToLowerInvariant()}@{domain}",
                    ["phone"] = Maybe(0.5, () => faker.Phone.PhoneNumber("+1 555-03##")),
                    ["active"] = true,
                }, created.AddDays(1));
            }
        }

        for (var i = 0; i < 8; i++)
        {
            var created = At(random.Int(100, HistoryDays));
            Add("res.partner", new() { ["name"] = faker.Company.CompanyName(), ["is_company"] = true, ["customer_rank"] = (long)random.Int(1, 5), ["active"] = true, ["city"] = faker.Address.City() },
                created);
        }
    }
}
