using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Fiix;

internal sealed partial class FiixSandboxSeed
{
    private static readonly string[] Problems =
    [
        "Leaking seal", "Unusual vibration", "Overheating", "Belt slipping", "Noisy bearing", "Low pressure",
        "Tripped breaker", "Filter clogged", "Guard damaged", "Sensor fault", "Oil change due", "Calibration due",
    ];

    private void SeedWorkOrders()
    {
        for (var i = 0; i < settings.WorkOrderCount; i++)
        {
            var site = sites[i % sites.Count];
            var age = random.Double(0, HistoryDays);
            var created = DaysAgo(age);
            var status = StatusFor(age);
            var control = WorkOrderStatuses.First(s => s.Id == status).Control;
            var type = random.WeightedRandom([1L, 2L, 3L, 4L, 5L, 6L], [0.45f, 0.3f, 0.05f, 0.08f, 0.04f, 0.08f]);
            var onLocation = random.Bool(0.1f);
            var asset = onLocation ? random.ListItem(locationsBySite[site]) : random.ListItem(equipmentBySite[site]);
            var assets = new List<long> { asset };
            if (!onLocation && random.Bool(0.15f))
            {
                assets.Add(random.ListItem(equipmentBySite[site].Where(a => a != asset).ToList()));
            }

            var assignees = control == RequestedControl ? [] : random.ListItems(people, random.Number(0, 2)).Order().ToList();
            var modified = After(created, 30);
            long? completed = control == ClosedControl ? After(created, 20) : null;
            if (completed is { } done && done > modified)
            {
                modified = done;
            }

            var problem = random.ArrayElement(Problems);
            var workOrder = Add("WorkOrder", new JsonObject
            {
                ["strCode"] = Code(10000 + i),
                ["strDescription"] = $"{problem}: {names[asset]}",
                ["intWorkOrderStatusID"] = status,
                ["intPriorityID"] = random.WeightedRandom([1L, 2L, 3L, 4L, 5L], [0.05f, 0.2f, 0.45f, 0.2f, 0.1f]),
                ["intMaintenanceTypeID"] = type,
                ["intSiteID"] = site,
                ["intRequestedByUserID"] = random.ListItem(people),
                ["intCompletedByUserID"] = completed is null ? null : assignees.Count > 0 ? assignees[0] : random.ListItem(people),
                ["dtmDateCreated"] = created,
                ["dtmDateLastModified"] = modified,
                ["dtmSuggestedCompletionDate"] = Ms(DateTimeOffset.FromUnixTimeMilliseconds(created).AddDays(random.Number(1, 21))),
                ["dtmDateCompleted"] = completed,
                ["strCompletionNotes"] = completed is null ? null : random.ArrayElement(["Replaced worn part.", "Adjusted and tested.", "No fault found.", "Cleaned and lubricated."]),
                ["strAssetIds"] = Ids(assets),
                ["strAssets"] = string.Join(", ", assets.Select(a => names[a])),
                ["strAssignedUserIds"] = Ids(assignees),
                ["strAssignedUsers"] = string.Join(", ", assignees.Select(a => names[a])),
                ["intUpdated"] = random.Number(1, 9),
            });
            if (control == RequestedControl && random.Bool(0.4f))
            {
                var guest = records["WorkOrder"][^1];
                guest["strNameUserGuest"] = faker.Name.FullName();
                guest["strEmailUserGuest"] = faker.Internet.Email();
            }

            foreach (var linked in assets)
            {
                Add("WorkOrderAsset", new JsonObject { ["intWorkOrderID"] = workOrder, ["intAssetID"] = linked, ["intUpdated"] = 1 });
            }

            foreach (var user in assignees)
            {
                Add("WorkOrderUser", new JsonObject
                {
                    ["intWorkOrderID"] = workOrder,
                    ["intUserID"] = user,
                    ["bolNotifyOnAssignment"] = 1,
                    ["bolNotifyOnCompletion"] = 0,
                    ["bolNotifyOnOnlineOffline"] = 0,
                    ["bolNotifyOnStatusChange"] = 1,
                    ["bolNotifyOnTaskCompleted"] = 0,
                });
            }

            if (control == ClosedControl && random.Bool(0.3f))
            {
                var part = random.ListItem(parts);
                var quantity = (double)random.Number(1, 4);
                Add("WorkOrderPart", new JsonObject
                {
                    ["intWorkOrderID"] = workOrder,
                    ["intPartID"] = part,
                    ["intAssetID"] = asset,
                    ["qtySuggestedQuantity"] = quantity,
                    ["qtyActualQuantityUsed"] = quantity,
                    ["intUpdated"] = 1,
                });
            }
        }
    }

    /// <summary>Old work is mostly closed; recent work spreads over every status, requests included.</summary>
    private long StatusFor(double age) => age switch
    {
        > 60 => random.Double() < 0.92 ? 5 : 6,
        > 14 => random.WeightedRandom([2L, 3L, 4L, 5L, 7L, 8L], [0.2f, 0.1f, 0.1f, 0.45f, 0.1f, 0.05f]),
        _ => random.WeightedRandom([1L, 2L, 3L, 4L, 7L, 8L, 5L], [0.25f, 0.2f, 0.2f, 0.05f, 0.15f, 0.05f, 0.1f]),
    };
}
