using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Maximo;

internal sealed partial class MaximoSandboxSeed
{
    private void SeedPersons()
    {
        var titles = new[] { "Maintenance Technician", "Electrician", "Millwright", "Planner", "Supervisor", "Storekeeper", "Reliability Engineer", "Operator" };
        for (var i = 0; i < 40; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var id = (last.Length > 6 ? last[..6] : last).ToUpperInvariant() + first[0];
            while (persons.Contains(id))
            {
                id += random.Int(1, 9);
            }

            persons.Add(id);
            var site = random.ListItem(Sites.ToList());
            Add("mxapiperson", new JsonObject
            {
                ["personid"] = id,
                ["displayname"] = $"{first} {last}",
                ["firstname"] = first,
                ["lastname"] = last,
                ["title"] = titles[i % titles.Length],
                ["department"] = i % 8 == 5 ? "STORES" : "MAINT",
                ["status"] = random.Bool(0.93f) ? "ACTIVE" : "INACTIVE",
                ["primaryemail"] = $"{first}.{last}@northwind.example".ToLowerInvariant(),
                ["primaryphone"] = $"(555) {random.Int(200, 999)}-{random.Int(1000, 9999)}",
                ["locationsite"] = site.Id,
                ["locationorg"] = MaximoSandboxSettings.OrganizationId,
                ["personuid"] = 500 + i,
                ["statusdate"] = Ts(DaysAgo(random.Double(200, HistoryDays))),
            });
        }
    }

    private void SeedVendors()
    {
        for (var i = 0; i < 25; i++)
        {
            var name = faker.Company.CompanyName();
            var code = new string([.. name.ToUpperInvariant().Where(char.IsAsciiLetter).Take(8)]);
            while (vendors.Contains(code))
            {
                code = code[..Math.Min(code.Length, 6)] + random.Int(10, 99);
            }

            vendors.Add(code);
            Add("mxapivendor", new JsonObject
            {
                ["company"] = code,
                ["name"] = name,
                ["orgid"] = MaximoSandboxSettings.OrganizationId,
                ["type"] = i % 5 == 4 ? "M" : "V",
                ["address1"] = faker.Address.StreetAddress(),
                ["city"] = faker.Address.City(),
                ["stateprovince"] = faker.Address.StateAbbr(),
                ["zip"] = faker.Address.ZipCode("#####"),
                ["country"] = "US",
                ["phone"] = $"(555) {random.Int(200, 999)}-{random.Int(1000, 9999)}",
                ["homepage"] = $"https://www.{code.ToLowerInvariant()}.example",
                ["currencycode"] = "USD",
                ["disabled"] = false,
                ["companiesid"] = 300 + i,
                ["changeby"] = "MAXADMIN",
                ["changedate"] = Ts(DaysAgo(random.Double(1, HistoryDays))),
                ["companycontact"] = new JsonArray(new JsonObject
                {
                    ["contact"] = faker.Name.FullName(),
                    ["position"] = "Account Manager",
                    ["email"] = $"orders@{code.ToLowerInvariant()}.example",
                    ["phone"] = $"(555) {random.Int(200, 999)}-{random.Int(1000, 9999)}",
                }),
            });
        }
    }
}
