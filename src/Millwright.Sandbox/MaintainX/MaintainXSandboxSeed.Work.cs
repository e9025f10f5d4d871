namespace Millwright.Sandbox.MaintainX;

internal sealed partial class MaintainXSandboxSeed
{
    private static readonly string[] TaskVerbsForOther = ["Install guard rail", "Relocate workstation", "Paint floor markings", "5S audit"];

    private static readonly string[] RequestOpenings = ["Strange noise from", "Leak at", "Not starting:", "Overheating:", "Please check"];

    private static readonly string[] FacilityRequests = ["Lights out in aisle 4", "Door will not latch", "Water leak near restroom", "Broken chair in break room"];

    private static readonly string[] Observations =
    [
        "Operator reported unusual noise during second shift.", "Vibration above baseline on last route check.", "Visible oil residue under the unit.",
        "Scheduled task from the PM program.", "Alarm cleared after reset but recurred twice.", "Found during weekly safety walk.",
        "Temperature trending high on the HMI.", "Output dropped about 10% since Monday.", "Requested by production supervisor.",
    ];

    private static readonly string[] Actions =
    [
        "Lock out before starting and verify zero energy.", "Check spares in the tool crib before ordering.", "Record readings in the comments.",
        "Coordinate downtime with the line lead.", "Replace worn parts and note part numbers.", "Escalate to the OEM if the fault persists.",
    ];

    private static readonly Dictionary<string, string[]> CategoriesByType = new()
    {
        ["PREVENTIVE"] = ["Preventive", "Inspection", "Standard Operating Procedure"],
        ["REACTIVE"] = ["Damage", "Electrical", "Mechanical", "Refrigeration", "Safety"],
        ["OTHER"] = ["Project", "Safety", "Standard Operating Procedure"],
    };

    private string Narrative() => $"{random.ArrayElement(Observations)} {random.ArrayElement(Actions)}";

    private void SeedWorkOrders()
    {
        var technicians = users.Where(u => u.Role is "MEMBER" or "ADMIN").ToList();
        var requesters = users.Where(u => u.Role is "REQUESTER" or "OPERATOR").ToList();
        var admins = users.Where(u => u.Role == "ADMIN").ToList();
        var topAssets = assets.Where(a => a.ParentId is null).ToList();
        var starts = Enumerable.Range(0, workOrderCount).Select(_ => random.Double(0, HistoryDays)).OrderDescending().ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var created = DaysAgo(starts[i]);
            var type = random.WeightedRandom(["PREVENTIVE", "REACTIVE", "OTHER"], [0.45f, 0.4f, 0.15f]);
            var asset = random.Bool(0.85f) ? random.ListItem(random.Bool(0.8f) ? topAssets : assets) : null;
            var kind = asset is null ? null : kindOfAsset[asset.Id];
            var title = kind is null ? random.ArrayElement(TaskVerbsForOther) : random.ArrayElement(kind.Tasks);
            var status = PickStatus((end - created).TotalDays, type);
            var due = random.Bool(0.8f) ? created.AddDays(random.Int(1, 14)) : (DateTimeOffset?)null;
            var completed = status == "DONE" ? RandomMomentAfter(created.AddHours(2), 10) : (DateTimeOffset?)null;
            var touched = completed ?? (status == "OPEN" ? RandomMomentAfter(created, 0.5) : RandomMomentAfter(created, 12));
            var assignees = new List<MxAssignee>();
            foreach (var tech in random.Shuffle(technicians).Take(random.WeightedRandom([0, 1, 2], [0.1f, 0.65f, 0.25f])))
            {
                assignees.Add(new MxAssignee("USER", tech.Id));
            }

            if (teams.Count > 0 && random.Bool(0.2f))
            {
                assignees.Add(new MxAssignee("TEAM", random.ListItem(teams).Id));
            }

            workOrders.Add(new MxWorkOrder
            {
                Id = idBase + 100001 + i,
                SequentialId = i + 1,
                Title = asset is null ? title : $"{title} - {asset.Name}",
                Description = random.Bool(0.7f) ? Narrative() : null,
                Status = status,
                Priority = type == "PREVENTIVE"
                    ? random.WeightedRandom(["NONE", "LOW", "MEDIUM"], [0.3f, 0.45f, 0.25f])
                    : random.WeightedRandom(["NONE", "LOW", "MEDIUM", "HIGH"], [0.1f, 0.2f, 0.4f, 0.3f]),
                Type = type,
                AssetId = asset?.Id,
                LocationId = asset?.LocationId ?? random.ListItem(locations).Id,
                Assignees = assignees,
                Categories = [.. random.Shuffle(CategoriesByType[type]).Take(random.WeightedRandom([0, 1, 2], [0.25f, 0.55f, 0.2f]))],
                DueDate = due is null ? null : Millis(due.Value),
                StartDate = type == "PREVENTIVE" && due is not null ? Millis(due.Value.AddDays(-2)) : null,
                CompletedAt = completed,
                CompleterId = completed is null || assignees.Count == 0 ? null : assignees[0].Type == "USER" ? assignees[0].Id : admins[0].Id,
                CreatorId = random.ListItem(admins).Id,
                RequesterId = type == "REACTIVE" && requesters.Count > 0 && random.Bool(0.3f) ? random.ListItem(requesters).Id : null,
                EstimatedTime = random.Bool(0.5f) ? random.Int(1, 16) * 1800 : null,
                VendorIds = vendors.Count > 0 && random.Bool(0.08f) ? [random.ListItem(vendors).Id] : [],
                Parts = parts.Count > 0 && random.Bool(0.15f) ? [new MxPartUse(random.ListItem(parts).Id, random.Int(1, 4), null)] : [],
                ExtraFields = random.Bool(0.3f) ? new Dictionary<string, string> { ["Cost Center"] = $"CC-{random.Int(11, 19)}00" } : new Dictionary<string, string>(),
                CreatedAt = created,
                UpdatedAt = touched,
                DeletedAt = random.Bool(0.005f) ? touched : null,
            });
        }
    }

    private string PickStatus(double ageDays, string type)
    {
        var skippable = type == "PREVENTIVE";
        return ageDays switch
        {
            > 30 => random.WeightedRandom(["DONE", "CANCELED", skippable ? "SKIPPED" : "DONE", "OPEN", "ON_HOLD", "IN_PROGRESS"], [0.86f, 0.05f, 0.03f, 0.03f, 0.02f, 0.01f]),
            > 7 => random.WeightedRandom(["DONE", "OPEN", "IN_PROGRESS", "ON_HOLD", "CANCELED", skippable ? "SKIPPED" : "OPEN"], [0.6f, 0.15f, 0.1f, 0.08f, 0.05f, 0.02f]),
            _ => random.WeightedRandom(["OPEN", "IN_PROGRESS", "DONE", "ON_HOLD"], [0.5f, 0.25f, 0.2f, 0.05f]),
        };
    }

    private List<MxWorkRequest> SeedWorkRequests()
    {
        var requests = new List<MxWorkRequest>();
        var reactive = workOrders.Where(w => w.Type == "REACTIVE").ToList();
        var requesters = users.Where(u => u.Role is "REQUESTER" or "OPERATOR").ToList();
        for (var i = 0; i < profile.WorkRequests; i++)
        {
            var created = DaysAgo(random.Double(0, HistoryDays));
            var age = (end - created).TotalDays;
            var status = age < 5
                ? random.WeightedRandom(["PENDING", "APPROVED"], [0.8f, 0.2f])
                : random.WeightedRandom(["APPROVED", "DONE", "REJECTED", "PENDING"], [0.35f, 0.45f, 0.15f, 0.05f]);
            var linked = status is "APPROVED" or "DONE" && reactive.Count > 0 ? random.ListItem(reactive) : null;
            var asset = linked?.AssetId is { } assetId ? assets.First(a => a.Id == assetId) : random.Bool(0.6f) ? random.ListItem(assets) : null;
            var requester = requesters.Count > 0 ? random.ListItem(requesters) : null;
            requests.Add(new MxWorkRequest
            {
                Id = idBase + 60001 + i,
                Title = asset is null ? random.ArrayElement(FacilityRequests)
                    : $"{random.ArrayElement(RequestOpenings)} {asset.Name}",
                Description = random.ArrayElement(Observations),
                Priority = random.WeightedRandom(["NONE", "LOW", "MEDIUM", "HIGH"], [0.3f, 0.3f, 0.3f, 0.1f]),
                RequestStatus = status,
                AssetId = asset?.Id,
                LocationId = asset?.LocationId ?? random.ListItem(locations).Id,
                WorkOrderId = linked?.Id,
                ApproverTeamId = teams.Count > 0 ? teams[0].Id : null,
                ContactEmail = requester?.Email,
                CreatedAt = created,
                UpdatedAt = status == "PENDING" ? created : RandomMomentAfter(created, 3),
            });
        }

        return requests;
    }
}
