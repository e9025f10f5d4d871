namespace Millwright.Sandbox.MaintainX;

// Users with roles, the site/area/line location tree, and teams.
internal sealed partial class MaintainXSandboxSeed
{
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
