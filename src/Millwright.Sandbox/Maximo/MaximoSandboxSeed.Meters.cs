using System.Globalization;
using System.Text.Json.Nodes;
using Bogus;

namespace Millwright.Sandbox.Maximo;

/// <summary>
/// Meters on the seeded assets with their reading history, PM records on the assets of the work orders that first named
/// them (PM work on such an asset then names its PM, other PM work none), and the person groups the work orders name (<c>MECH</c>, <c>ELEC</c>, <c>HVAC</c>) with active persons as
/// members. Drawn from a generator of their own, so that adding them left every earlier record as it was.
/// </summary>
internal sealed partial class MaximoSandboxSeed
{
    private static readonly (string Name, string Description, string Type, string Unit, string? Domain)[] MeterKinds =
    [
        ("RUNHOURS", "Run hours", "CONTINUOUS", "HOURS", null),
        ("ODOMETER", "Odometer", "CONTINUOUS", "MILES", null),
        ("CYCLES", "Press cycles", "CONTINUOUS", "EACH", null),
        ("VIBRATION", "Vibration velocity", "GAUGE", "MM/S", null),
        ("PRESSURE", "Discharge pressure", "GAUGE", "PSI", null),
        ("TEMP", "Temperature", "GAUGE", "DEG F", null),
        ("OILCOND", "Oil condition", "CHARACTERISTIC", "", "OILCOND"),
        ("FILTER", "Filter condition", "CHARACTERISTIC", "", "FILTERCOND"),
    ];

    private static readonly Dictionary<string, string[]> MetersByType = new(StringComparer.Ordinal)
    {
        ["PUMP"] = ["RUNHOURS", "VIBRATION"],
        ["COMPRESSOR"] = ["RUNHOURS", "PRESSURE", "OILCOND"],
        ["CONVEYOR"] = ["RUNHOURS"],
        ["BOILER"] = ["TEMP", "PRESSURE"],
        ["HVAC"] = ["RUNHOURS", "FILTER"],
        ["PRESS"] = ["CYCLES", "OILCOND"],
        ["MACHINE"] = ["RUNHOURS", "VIBRATION"],
        ["FLEET"] = ["ODOMETER"],
        ["ELECTRICAL"] = ["TEMP", "OILCOND"],
    };

    private static readonly Dictionary<string, string[]> Observations = new(StringComparer.Ordinal)
    {
        ["OILCOND"] = ["GOOD", "GOOD", "FAIR", "POOR"],
        ["FILTER"] = ["CLEAN", "CLEAN", "DIRTY", "REPLACE"],
    };

    private long nextMeterRow = 3000;
    private long nextReading = 40000;

    private void SeedMeters()
    {
        var draw = new Randomizer(settings.Seed + 7);
        var meterId = 0;
        foreach (var (name, description, type, unit, domain) in MeterKinds)
        {
            Add("mxapimeter", new JsonObject
            {
                ["metername"] = name,
                ["description"] = description,
                ["metertype"] = type,
                ["measureunitid"] = unit.Length == 0 ? null : unit,
                ["domainid"] = domain,
                ["readingtype"] = type == "CONTINUOUS" ? "ACTUAL" : null,
                ["meterid"] = ++meterId,
            });
        }

        foreach (var asset in Table("mxapiasset").Where(a => a["parent"] is null && MxmJson.Text(a["status"]) != "DECOMMISSIONED"))
        {
            var names = MetersByType.GetValueOrDefault(MxmJson.Text(asset["assettype"]) ?? "") ?? [];
            var rows = new JsonArray();
            for (var i = 0; i < names.Length; i++)
            {
                rows.Add(AssetMeter(draw, asset, MeterKinds.Single(k => k.Name == names[i]), i + 1));
            }

            asset["assetmeter"] = rows;
        }
    }

    private JsonObject AssetMeter(Randomizer draw, JsonObject asset, (string Name, string Description, string Type, string Unit, string? Domain) kind, int sequence)
    {
        var readings = new JsonArray();
        var measurements = new JsonArray();
        var date = DaysAgo(draw.Double(HistoryDays - 60, HistoryDays));
        var count = draw.Int(4, 10);
        var value = kind.Type == "CONTINUOUS" ? Math.Round((decimal)draw.Double(100, 20000), 1) : 0m;
        var perDay = kind.Name switch { "ODOMETER" => 45.0, "CYCLES" => 600.0, _ => 14.0 };
        var life = 0m;
        string? last = null, previous = null;
        DateTimeOffset? lastDate = null, previousDate = null;
        string? inspector = null;
        for (var i = 0; i < count && date < end; i++)
        {
            inspector = draw.ListItem(persons);
            string text;
            if (kind.Type == "CONTINUOUS")
            {
                var delta = i == 0 ? 0m : Math.Round((decimal)(perDay * draw.Double(0.6, 1.4) * (date - lastDate!.Value).TotalDays), 1);
                value += delta;
                life += delta;
                text = value.ToString("0.0", CultureInfo.InvariantCulture);
                readings.Add(new JsonObject
                {
                    ["meterreadingid"] = ++nextReading,
                    ["reading"] = value,
                    ["readingdate"] = Ts(date),
                    ["delta"] = delta,
                    ["didrollover"] = false,
                    ["dorollover"] = false,
                    ["enterby"] = inspector,
                    ["enterdate"] = Ts(MxmJson.Seconds(date.AddMinutes(draw.Int(1, 600)))),
                    ["inspector"] = inspector,
                    ["readingsource"] = "MANUAL",
                    ["readingtype"] = "ACTUAL",
                    ["modified"] = false,
                    ["measureunitid"] = kind.Unit,
                    ["assetid"] = asset["assetid"]?.DeepClone(),
                    ["orgid"] = MaximoSandboxSettings.OrganizationId,
                });
            }
            else
            {
                decimal? measured = kind.Type == "GAUGE"
                    ? Math.Round((decimal)(kind.Name switch { "VIBRATION" => draw.Double(1.5, 7.5), "PRESSURE" => draw.Double(80, 120), _ => draw.Double(150, 220) }), 1)
                    : null;
                var observation = kind.Type == "CHARACTERISTIC" ? draw.ArrayElement(Observations[kind.Name]) : null;
                text = observation ?? measured!.Value.ToString("0.0", CultureInfo.InvariantCulture);
                measurements.Add(new JsonObject
                {
                    ["measurementid"] = ++nextReading,
                    ["measurementvalue"] = measured,
                    ["observation"] = observation,
                    ["measuredate"] = Ts(date),
                    ["pointnum"] = null,
                    ["inspector"] = inspector,
                    ["evaluatedforwogen"] = false,
                    ["assetid"] = asset["assetid"]?.DeepClone(),
                    ["location"] = asset["location"]?.DeepClone(),
                    ["orgid"] = MaximoSandboxSettings.OrganizationId,
                });
            }

            (previous, previousDate, last, lastDate) = (last, lastDate, text, date);
            date = MxmJson.Seconds(date.AddDays(draw.Double(20, 75)).AddMinutes(draw.Int(0, 600)));
        }

        return new JsonObject
        {
            ["assetmeterid"] = ++nextMeterRow,
            ["metername"] = kind.Name,
            ["linearassetmeterid"] = 0,
            ["orgid"] = MaximoSandboxSettings.OrganizationId,
            ["active"] = true,
            ["measureunitid"] = kind.Unit.Length == 0 ? null : kind.Unit,
            ["readingtype"] = kind.Type == "CONTINUOUS" ? "ACTUAL" : null,
            ["domainid"] = kind.Domain,
            ["pointnum"] = null,
            ["sequence"] = sequence,
            ["remarks"] = null,
            ["lastreading"] = last,
            ["lastreadingdate"] = lastDate is { } l ? Ts(l) : null,
            ["lastreadinginspctr"] = inspector,
            ["previousreading"] = previous,
            ["previousreadingdate"] = previousDate is { } p ? Ts(p) : null,
            ["isdelta"] = false,
            ["dorollover"] = false,
            ["rollover"] = kind.Type == "CONTINUOUS" ? 999999m : null,
            ["average"] = kind.Type == "CONTINUOUS" ? Math.Round((decimal)perDay, 2) : null,
            ["avgcalcmethod"] = kind.Type == "CONTINUOUS" ? "ALL" : null,
            ["slidingwindowsize"] = null,
            ["sinceinstall"] = life,
            ["sincelastrepair"] = life,
            ["sincelastoverhaul"] = life,
            ["sincelastinspect"] = life,
            ["lifetodate"] = life,
            ["changeby"] = inspector ?? "MAXADMIN",
            ["changedate"] = Ts(lastDate ?? DaysAgo(HistoryDays)),
            ["meterreading"] = readings,
            ["measurement"] = measurements,
        };
    }

    private void SeedPreventiveMaintenance()
    {
        var draw = new Randomizer(settings.Seed + 11);
        var assetsByKey = Table("mxapiasset").ToDictionary(a => $"{MxmJson.Text(a["siteid"])}/{MxmJson.Text(a["assetnum"])}", StringComparer.Ordinal);
        var first = Table("mxapiwodetail").Where(w => MxmJson.Text(w["pmnum"]) is not null)
            .GroupBy(w => MxmJson.Text(w["pmnum"])!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var top = Table("mxapiasset").Where(a => a["parent"] is null).ToList();
        var intervals = new (int Frequency, string Unit)[] { (7, "DAYS"), (14, "DAYS"), (2, "WEEKS"), (1, "MONTHS"), (3, "MONTHS"), (6, "MONTHS"), (1, "YEARS") };
        for (var n = 1; n <= 60; n++)
        {
            var pmnum = $"PM{1000 + n}";
            var asset = first.TryGetValue(pmnum, out var order) && assetsByKey.TryGetValue($"{MxmJson.Text(order["siteid"])}/{MxmJson.Text(order["assetnum"])}", out var a)
                ? a
                : draw.ListItem(top);
            var onLocation = n % 9 == 0;
            var continuous = (asset["assetmeter"] as JsonArray)?.OfType<JsonObject>()
                .FirstOrDefault(m => MeterKinds.Any(k => k.Name == MxmJson.Text(m["metername"]) && k.Type == "CONTINUOUS"));
            var meterBased = !onLocation && continuous is not null && n % 4 == 0;
            var (frequency, unit) = draw.ArrayElement(intervals);
            var lastStart = DaysAgo(draw.Double(1, 120));
            var changed = DaysAgo(draw.Double(0, HistoryDays));
            var status = draw.WeightedRandom(["ACTIVE", "INACTIVE", "DRAFT"], [0.85f, 0.1f, 0.05f]);
            var meterRows = new JsonArray();
            if (meterBased)
            {
                var name = MxmJson.Text(continuous!["metername"])!;
                var every = name switch { "ODOMETER" => 5000m, "CYCLES" => 100000m, _ => 500m };
                var lastRead = decimal.TryParse(MxmJson.Text(continuous["lastreading"]), NumberStyles.Float, CultureInfo.InvariantCulture, out var read) ? read : 0m;
                meterRows.Add(new JsonObject
                {
                    ["pmmeterid"] = 7000 + n,
                    ["metername"] = name,
                    ["frequency"] = every,
                    ["lastpmwogenread"] = Math.Max(0m, lastRead - Math.Round(every * (decimal)draw.Double(0.1, 0.9), 1)),
                    ["lastpmwogenreaddt"] = Ts(lastStart),
                });
            }

            Add("mxapipm", new JsonObject
            {
                ["pmnum"] = pmnum,
                ["description"] = $"{(meterBased ? "Service" : draw.ArrayElement(Openings["PM"]))} {MxmJson.Text(asset["description"])}",
                ["siteid"] = asset["siteid"]?.DeepClone(),
                ["orgid"] = MaximoSandboxSettings.OrganizationId,
                ["status"] = status,
                ["assetnum"] = onLocation ? null : asset["assetnum"]?.DeepClone(),
                ["location"] = asset["location"]?.DeepClone(),
                ["jpnum"] = $"JP{draw.Int(100, 140)}",
                ["persongroup"] = draw.ArrayElement(["MECH", "ELEC", "HVAC"]),
                ["worktype"] = "PM",
                ["wostatus"] = "APPR",
                ["frequency"] = meterBased ? null : frequency,
                ["frequnit"] = meterBased ? null : unit,
                ["changeby"] = draw.ListItem(persons),
                ["pmuid"] = 600 + n,
                ["leadtime"] = draw.Int(0, 7),
                ["usefrequency"] = !meterBased,
                ["usetargetdate"] = draw.Bool(0.3f),
                ["laststartdate"] = Ts(lastStart),
                ["lastcompdate"] = Ts(MxmJson.Seconds(lastStart.AddDays(draw.Double(0.1, 3)))),
                ["nextdate"] = meterBased || status != "ACTIVE" ? null : Ts(Next(lastStart, frequency, unit)),
                ["statusdate"] = Ts(changed),
                ["changedate"] = Ts(changed),
                ["pmmeter"] = meterRows,
            });
        }

        // A PM generates its work orders on its own asset: PM work on an asset with a PM record names it, other PM work none.
        var byAsset = Table("mxapipm").Where(pm => pm["assetnum"] is not null)
            .GroupBy(pm => $"{MxmJson.Text(pm["siteid"])}/{MxmJson.Text(pm["assetnum"])}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => MxmJson.Text(g.First()["pmnum"]), StringComparer.Ordinal);
        foreach (var order in Table("mxapiwodetail").Where(w => w["pmnum"] is not null))
        {
            order["pmnum"] = byAsset.GetValueOrDefault($"{MxmJson.Text(order["siteid"])}/{MxmJson.Text(order["assetnum"])}");
        }
    }

    private static DateTimeOffset Next(DateTimeOffset from, int frequency, string unit) => unit switch
    {
        "DAYS" => from.AddDays(frequency),
        "WEEKS" => from.AddDays(7 * frequency),
        "MONTHS" => from.AddMonths(frequency),
        _ => from.AddYears(frequency),
    };

    private void SeedPersonGroups()
    {
        var groups = new (string Code, string Description, string[] Titles)[]
        {
            ("MECH", "Mechanical crew", ["Maintenance Technician", "Millwright", "Reliability Engineer"]),
            ("ELEC", "Electrical crew", ["Electrician", "Supervisor"]),
            ("HVAC", "HVAC and utilities crew", ["Operator", "Planner"]),
            ("STORES", "Storeroom team", ["Storekeeper"]),
        };
        var active = Table("mxapiperson").Where(p => MxmJson.Text(p["status"]) == "ACTIVE").ToList();
        var row = 800;
        for (var g = 0; g < groups.Length; g++)
        {
            var members = new JsonArray();
            var sequence = 0;
            foreach (var person in active.Where(p => groups[g].Titles.Contains(MxmJson.Text(p["title"]))))
            {
                members.Add(new JsonObject
                {
                    ["persongroupteamid"] = ++row,
                    ["respparty"] = person["personid"]?.DeepClone(),
                    ["resppartygroup"] = groups[g].Code,
                    ["resppartyseq"] = ++sequence,
                    ["groupdefault"] = sequence == 1,
                    ["orgdefault"] = false,
                    ["sitedefault"] = false,
                    ["usefororg"] = null,
                    ["useforsite"] = null,
                });
            }

            Add("mxapipersongroup", new JsonObject
            {
                ["persongroup"] = groups[g].Code,
                ["description"] = groups[g].Description,
                ["persongroupid"] = 1 + g,
                ["persongroupteam"] = members,
            });
        }
    }
}
