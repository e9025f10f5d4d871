namespace Millwright.Sandbox.MaintainX;

internal sealed partial class MaintainXSandboxSeed
{
    private static readonly string[] Weekdays = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"];

    private void SeedAssets(IReadOnlyList<MxCriticality> criticalities)
    {
        var areas = locations.Where(l => l.ParentId is not null && !locations.Any(c => c.ParentId == l.Id)).ToList();
        var nextId = idBase + 20001;
        var tagCounters = new Dictionary<string, int>();
        while (assets.Count < assetCount)
        {
            var kind = random.ArrayElement(Kinds);
            var (manufacturer, model) = random.ArrayElement(kind.Models);
            var area = random.ListItem(areas);
            tagCounters[kind.Tag] = tagCounters.GetValueOrDefault(kind.Tag, 100) + 1;
            var tag = $"{kind.Tag}-{tagCounters[kind.Tag]}";
            var parent = NewAsset(nextId++, $"{kind.Name} {tag}", kind, manufacturer, model, area.Id, null, criticalities);
            assets.Add(parent);
            foreach (var component in kind.Components)
            {
                if (assets.Count >= assetCount || random.Bool(0.35f))
                {
                    continue;
                }

                assets.Add(NewAsset(nextId++, $"{tag} {component}", kind, manufacturer, $"{model} {component}", area.Id, parent.Id, criticalities));
            }
        }
    }

    private MxAsset NewAsset(long id, string name, AssetKind kind, string manufacturer, string model, long locationId, long? parentId,
        IReadOnlyList<MxCriticality> criticalities)
    {
        var created = DaysAgo(random.Double(HistoryDays - 30, HistoryDays + 700));
        var roll = random.Double();
        var status = roll switch
        {
            < 0.88 => ("ONLINE", (string?)null, (string?)null),
            < 0.94 => ("OFFLINE", "UNPLANNED", "Breakdown - waiting on parts"),
            < 0.98 => ("OFFLINE", "PLANNED", "Planned shutdown for maintenance"),
            _ => ("IGNORE", null, "Decommissioned, awaiting removal"),
        };
        var statusStart = RandomMomentAfter(end.AddDays(-120), 120);
        kindOfAsset[id] = kind;
        return new MxAsset
        {
            Id = id,
            Name = name,
            Description = parentId is null ? $"{manufacturer} {model} {kind.Name.ToLowerInvariant()}" : null,
            ParentId = parentId,
            LocationId = locationId,
            CriticalityId = random.ListItem(criticalities.ToList()).Id,
            SerialNumber = $"{manufacturer[..2].ToUpperInvariant()}{random.Replace("##-######")}",
            Barcode = $"AST-{id}",
            Manufacturer = manufacturer,
            Model = model,
            CreatorId = random.ListItem(users.Where(u => u.Role == "ADMIN").ToList()).Id,
            GlobalUuid = random.Uuid().ToString(),
            TeamIds = teams.Count > 0 && random.Bool(0.6f) ? [random.ListItem(teams).Id] : [],
            AssetTypes = [kind.Name],
            ExtraFields = new Dictionary<string, string>
            {
                ["Install Year"] = created.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            Status = new MxAssetStatus(id * 10 + 1, status.Item1, status.Item2, statusStart, status.Item3),
            CreatedAt = created,
            UpdatedAt = Max(RandomMomentAfter(created, HistoryDays + 700), statusStart),
        };
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private List<MxMeter> SeedMeters()
    {
        var meters = new List<MxMeter>();
        var nextId = idBase + 3001;
        foreach (var asset in assets.Where(a => a.ParentId is null))
        {
            if (kindOfAsset[asset.Id].Meter is not { } meter || random.Bool(0.3f))
            {
                continue;
            }

            var created = Max(asset.CreatedAt, DaysAgo(HistoryDays));
            var type = random.WeightedRandom(["MANUAL", "AUTOMATED_SENSOR", "IOT_DEVICE"], [0.5f, 0.3f, 0.2f]);
            var readings = new List<MxMeterReading>();
            var counter = meter.Unit is "hours" or "cycles" or "shots";
            var value = counter ? random.Int(500, 20000) : random.Double(2, 80);
            for (var when = created.AddDays(random.Int(1, 7)); when < end; when = when.AddDays(random.Int(5, 14)))
            {
                value = counter ? value + random.Int(40, 160) : Math.Round(value * random.Double(0.9, 1.1), 2);
                var at = Millis(when);
                readings.Add(new MxMeterReading(random.Uuid().ToString(), value, at, at.AddMinutes(random.Int(0, 30))));
            }

            var id = nextId++;
            meters.Add(new MxMeter
            {
                Id = id,
                Name = $"{asset.Name} {meter.Name}",
                Unit = meter.Unit,
                MeasurementType = type,
                Description = $"{meter.Name} of {asset.Name}",
                AssetId = asset.Id,
                LocationId = asset.LocationId,
                CreatorId = asset.CreatorId ?? users[0].Id,
                Uuid = random.Uuid().ToString(),
                ReadingIntervalDays = type == "MANUAL" ? 7 : null,
                Readings = readings,
                CreatedAt = created,
                UpdatedAt = readings.Count > 0 ? readings[^1].CreatedAt : created,
            });
        }

        return meters;
    }

    private List<MxMaintenancePlan> SeedPlans()
    {
        var plans = new List<MxMaintenancePlan>();
        var candidates = random.Shuffle(assets.Where(a => a.ParentId is null)).Take(profile.Plans).ToList();
        for (var i = 0; i < candidates.Count; i++)
        {
            var asset = candidates[i];
            var recurrence = (i % 4) switch
            {
                0 => new MxRecurrence("WEEKLY", 1, [random.ArrayElement(Weekdays)], null),
                1 => new MxRecurrence("MONTHLY", 1, [], random.Int(1, 28)),
                2 => new MxRecurrence("MONTHLY", 3, [], random.Int(1, 28)),
                _ => new MxRecurrence("YEARLY", 1, [], null),
            };
            var label = recurrence switch
            {
                { Type: "WEEKLY" } => "Weekly",
                { Type: "MONTHLY", Interval: 1 } => "Monthly",
                { Type: "MONTHLY" } => "Quarterly",
                _ => "Annual",
            };
            var created = DaysAgo(random.Double(HistoryDays - 10, HistoryDays));
            var lastGenerated = DaysAgo(random.Double(1, 25));
            plans.Add(new MxMaintenancePlan
            {
                Id = idBase + 7001 + i,
                Name = $"{label} PM - {asset.Name}",
                StartDate = created.AddDays(1),
                TriggerType = "CALENDAR",
                IntervalStrategy = random.Bool(0.8f) ? "FIXED" : "FLOATING",
                Recurrence = recurrence,
                WorkOrderBlueprintId = idBase + 8001 + i,
                AssetIds = [asset.Id],
                CreatorId = users[0].Id,
                EstimatedTimeSeconds = random.Int(2, 16) * 1800,
                LastWorkOrderGeneratedAt = lastGenerated,
                NextScheduledWorkOrderDueDate = Millis(end.AddDays(random.Int(1, 30))),
                CreatedAt = created,
                UpdatedAt = lastGenerated,
            });
        }

        return plans;
    }
}
