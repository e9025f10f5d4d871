namespace Millwright.Sandbox.Odoo;

internal sealed partial class OdooSandboxSeed
{
    private static readonly (string Category, string[] Kinds, string Prefix, string[] Makers)[] Fleet =
    [
        ("Pumps", ["Centrifugal Pump", "Dosing Pump", "Vacuum Pump"], "P", ["Grundfos CR 32", "KSB Etanorm 65", "Xylem e-SV 10"]),
        ("Compressors", ["Screw Compressor", "Piston Compressor"], "C", ["Atlas Copco GA 37", "Kaeser SM 15", "Ingersoll Rand R55"]),
        ("Conveyors", ["Belt Conveyor", "Roller Conveyor", "Bucket Elevator"], "CV", ["Interroll RM 8800", "Dorner 3200", "Hytrol E24"]),
        ("CNC Machines", ["CNC Lathe", "Machining Center", "Surface Grinder"], "M", ["Haas ST-20", "DMG Mori CMX 600V", "Okamoto ACC-52"]),
        ("HVAC", ["Air Handling Unit", "Chiller", "Cooling Tower"], "H", ["Carrier 39HQ", "Trane RTAC 200", "BAC Series 3000"]),
        ("Forklifts", ["Electric Forklift", "Reach Truck"], "F", ["Toyota 8FBE20", "Linde R16", "Jungheinrich ETV 216"]),
        ("Electrical Panels", ["Main Switchboard", "Motor Control Center", "UPS"], "E", ["Schneider Prisma G", "ABB MNS", "Eaton 93PM"]),
        ("Boilers", ["Steam Boiler", "Hot Water Boiler"], "B", ["Viessmann Vitomax 200", "Bosch UT-L 22"]),
    ];

    private static readonly string[] Corrective =
    [
        "Leak on {0}", "Abnormal noise on {0}", "{0} overheating", "{0} does not start", "Vibration alarm on {0}", "Broken guard on {0}",
        "Pressure drop on {0}", "{0} tripped the breaker", "Oil on the floor under {0}", "Sensor fault on {0}",
    ];

    private static readonly string[] Preventive =
    [
        "Monthly inspection of {0}", "Lubrication of {0}", "Filter replacement on {0}", "Calibration of {0}", "Belt tension check on {0}",
        "Annual safety test of {0}", "Thermographic survey of {0}",
    ];

    private static readonly string[] Buildings = ["Building A", "Building B", "Building C", "Utilities", "Warehouse"];

    /// <summary>
    /// The data file's four stages and default team, more teams (one archived), categories, equipment
    /// (a few scrapped and archived) and requests across the stages by age, with the side effects of the
    /// module applied: team and technician from the equipment, close dates on done stages.
    /// </summary>
    private void SeedMaintenance()
    {
        var start = end.AddDays(-HistoryDays - 15);
        Add("maintenance.stage", new() { ["name"] = "New Request", ["sequence"] = 1L, ["fold"] = false, ["done"] = false }, start, id: 1, uid: 1);
        Add("maintenance.stage", new() { ["name"] = "In Progress", ["sequence"] = 2L, ["fold"] = false, ["done"] = false }, start, id: 2, uid: 1);
        Add("maintenance.stage", new() { ["name"] = "Repaired", ["sequence"] = 3L, ["fold"] = true, ["done"] = true }, start, id: 3, uid: 1);
        Add("maintenance.stage", new() { ["name"] = "Scrap", ["sequence"] = 4L, ["fold"] = true, ["done"] = true }, start, id: 4, uid: 1);

        string[] teamNames = ["Internal Maintenance", "Metrology", "Subcontractor", "Electrical", "Night Shift"];
        var teams = new List<int>();
        for (var t = 0; t < teamNames.Length; t++)
        {
            var members = technicians.OrderBy(_ => random.Int()).Take(t == 0 ? 8 : random.Int(2, 5)).Order().ToArray();
            var created = t == 0 ? start : At(random.Int(300, HistoryDays));
            teams.Add(Add("maintenance.team", new() { ["name"] = teamNames[t], ["active"] = t != 4, ["member_ids"] = members, ["color"] = (long)t, ["company_id"] = 1 },
                created, Between(created, end), id: t + 1, uid: t == 0 ? 1 : 2));
        }

        var categories = new List<int>();
        foreach (var (category, _, _, _) in Fleet)
        {
            var created = At(random.Int(HistoryDays - 10, HistoryDays));
            categories.Add(Add("maintenance.equipment.category", new()
            {
                ["name"] = category,
                ["technician_user_id"] = Pick(technicians),
                ["color"] = (long)random.Int(0, 11),
                ["note"] = Maybe(0.3, () => $"<p>Spare parts for {category.ToLowerInvariant()} are kept in the spare parts cage.</p>"),
                ["company_id"] = 1,
            }, created));
        }

        Add("maintenance.equipment.category", new() { ["name"] = "Lab Instruments", ["technician_user_id"] = 2, ["color"] = 3L, ["company_id"] = 1 }, At(HistoryDays - 5));

        var activeTeams = teams.Take(4).ToList();
        var equipment = new List<(int Id, DateTimeOffset Created, bool Active)>();
        var serial = 0;
        for (var i = 0; i < settings.EquipmentCount; i++)
        {
            var kind = random.Int(0, Fleet.Length - 1);
            var (_, kinds, prefix, makers) = Fleet[kind];
            var created = At(random.Double(60, HistoryDays));
            var scrapped = i % 25 == 24;
            var effective = created.AddDays(-random.Int(0, 900));
            var values = new Dictionary<string, object?>
            {
                ["name"] = $"{Pick(kinds)} {prefix}-{100 + i}",
                ["category_id"] = categories[kind],
                ["model"] = Pick(makers),
                ["serial_no"] = random.Double() < 0.9 ? $"{prefix}{effective.Year}-{++serial:000000}" : null,
                ["partner_id"] = random.Double() < 0.85 ? Pick(vendors) : null,
                ["partner_ref"] = Maybe(0.3, () => $"REF-{random.Int(1000, 9999)}"),
                ["location"] = $"{Pick(Buildings)} / Line {random.Int(1, 6)}" + (random.Double() < 0.5 ? $" / Bay {random.Int(1, 12)}" : ""),
                ["maintenance_team_id"] = random.Double() < 0.9 ? Pick(activeTeams) : null,
                ["technician_user_id"] = random.Double() < 0.8 ? Pick(technicians) : null,
                ["owner_user_id"] = random.Double() < 0.3 ? Pick(technicians) : null,
                ["assign_date"] = Maybe(0.6, () => Date(created)),
                ["effective_date"] = Date(effective),
                ["cost"] = Math.Round(random.Double(800, 250_000), 2),
                ["warranty_date"] = Maybe(0.6, () => Date(effective.AddYears(random.Int(1, 5)))),
                ["barcode"] = Maybe(0.4, () => $"EQ{100000 + i}"),
                ["note"] = Maybe(0.2, () => $"<p>{faker.Lorem.Sentence()}</p>"),
                ["color"] = (long)random.Int(0, 11),
                ["expected_mtbf"] = random.Double() < 0.3 ? (long)random.Int(30, 365) : 0L,
                ["active"] = !scrapped,
                ["scrap_date"] = scrapped ? Date(Between(created, end)) : null,
                ["company_id"] = 1,
            };
            var id = Add("maintenance.equipment", values, created, Between(created, end));
            equipment.Add((id, created, !scrapped));
        }

        SeedRequests(equipment, activeTeams);
    }

    private void SeedRequests(List<(int Id, DateTimeOffset Created, bool Active)> equipment, List<int> teams)
    {
        var table = db.Table("maintenance.equipment")!;
        for (var i = 0; i < settings.RequestCount; i++)
        {
            var created = At(random.Double(0.2, HistoryDays - 1));
            var candidates = equipment.Where(e => e.Created <= created).ToList();
            var machine = candidates.Count > 0 && random.Double() < 0.93 ? table.Find(Pick(candidates).Id) : null;
            var preventive = random.Double() < 0.3;
            var age = (end - created).TotalDays;
            var roll = random.Double();
            var stage = age > 45 ? (roll < 0.9 ? 3 : roll < 0.93 && !preventive ? 4 : roll < 0.97 ? 2 : 1)
                : age > 10 ? (roll < 0.55 ? 3 : roll < 0.8 ? 2 : 1)
                : (roll < 0.2 ? 3 : roll < 0.5 ? 2 : 1);
            var done = stage is 3 or 4;
            var subject = machine?.Get("name") as string ?? Pick(["the roof drain", "the loading dock door", "the canteen extractor", "the fire pump"]);
            var templates = preventive ? Preventive : Corrective;
            var closed = done ? Between(created.AddHours(2), created.AddDays(random.Int(1, 20)) > end ? end : created.AddDays(random.Int(1, 20))) : (DateTimeOffset?)null;
            var written = closed ?? Between(created, end);
            var recurring = preventive && random.Double() < 0.5;
            var until = recurring && random.Double() < 0.2;
            var priority = random.Double() switch { < 0.05 => null, < 0.2 => "0", < 0.55 => "1", < 0.85 => "2", _ => "3" };
            var values = new Dictionary<string, object?>
            {
                ["name"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(templates), subject),
                ["company_id"] = 1,
                ["description"] = Maybe(0.6, () => $"<p>{faker.Lorem.Sentence(random.Int(6, 16))}</p>"),
                ["request_date"] = Date(created),
                ["owner_user_id"] = random.Double() < 0.7 ? Pick(technicians) : 2,
                ["equipment_id"] = machine?.Id,
                ["category_id"] = machine?.Ref("category_id"),
                ["user_id"] = machine is not null && random.Double() < 0.85
                    ? machine.Ref("technician_user_id") ?? env.Find("maintenance.equipment.category", machine.Ref("category_id"))?.Ref("technician_user_id")
                    : random.Double() < 0.7 ? Pick(technicians) : null,
                ["stage_id"] = stage,
                ["priority"] = priority,
                ["color"] = 0L,
                ["close_date"] = closed is { } c ? Date(c) : null,
                ["kanban_state"] = done ? "normal" : random.Double() switch { < 0.12 => "blocked", < 0.2 => "done", _ => "normal" },
                ["archive"] = random.Double() < stage switch { 1 => 0.25, 2 => 0.05, _ => 0.01 },
                ["maintenance_type"] = preventive ? "preventive" : "corrective",
                ["schedule_date"] = preventive || random.Double() < 0.4 ? OdooWire.DatetimeText(Seconds(created.AddDays(random.Int(0, 14)).AddHours(random.Int(6, 16)))) : null,
                ["maintenance_team_id"] = machine?.Ref("maintenance_team_id") ?? Pick(teams),
                ["duration"] = Math.Round(random.Double(0.5, 8) * 2) / 2,
                ["instruction_type"] = "text",
                ["instruction_text"] = preventive ? Maybe(0.5, () => "<ol><li>Lock out and tag out.</li><li>Inspect, clean, lubricate.</li><li>Record readings.</li></ol>") : null,
                ["recurring_maintenance"] = recurring,
                ["repeat_interval"] = recurring ? (long)random.Int(1, 3) : 1L,
                ["repeat_unit"] = recurring ? Pick(["week", "month", "month", "year"]) : "week",
                ["repeat_type"] = until ? "until" : "forever",
                ["repeat_until"] = until ? Date(created.AddMonths(random.Int(3, 18))) : null,
            };
            Add("maintenance.request", values, created, written, uid: values["owner_user_id"] as int? ?? 2);
        }
    }
}
