using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Maximo;

internal sealed partial class MaximoSandboxSeed
{
    private static readonly Dictionary<string, string[]> Openings = new(StringComparer.Ordinal)
    {
        ["CM"] = ["Repair leak on", "Replace bearing on", "Investigate noise from", "Realign", "Replace worn belt on", "Fix trip fault on"],
        ["PM"] = ["Monthly inspection of", "Lubricate", "Quarterly PM -", "Annual overhaul of", "Check vibration on"],
        ["EM"] = ["Emergency: breakdown of", "Emergency: fire alarm at", "Emergency: electrical fault on"],
        ["CAL"] = ["Calibrate instruments on", "Calibrate sensors of"],
    };

    private static readonly string[] Complaints = ["Strange noise from", "Leak under", "Not starting:", "Overheating:", "Vibration on"];

    private void SeedWork()
    {
        var leads = persons.Take(24).ToList();
        for (var i = 0; i < settings.WorkOrderCount; i++)
        {
            var asset = random.ListItem(assets);
            var type = random.WeightedRandom(["CM", "PM", "EM", "CAL"], [0.45f, 0.42f, 0.06f, 0.07f]);
            var reported = DaysAgo(random.Double(0, HistoryDays));
            var age = (end - reported).TotalDays;
            var status = age switch
            {
                > 45 => random.WeightedRandom(["CLOSE", "COMP", "CAN", "INPRG", "WMATL"], [0.82f, 0.08f, 0.05f, 0.03f, 0.02f]),
                > 7 => random.WeightedRandom(["COMP", "CLOSE", "INPRG", "APPR", "WMATL", "WSCH", "WPCOND", "CAN"], [0.3f, 0.2f, 0.15f, 0.12f, 0.08f, 0.07f, 0.04f, 0.04f]),
                _ => random.WeightedRandom(["WAPPR", "APPR", "WSCH", "INPRG", "COMP"], [0.35f, 0.25f, 0.15f, 0.15f, 0.1f]),
            };
            var started = status is "INPRG" or "COMP" or "CLOSE" or "WMATL" ? After(reported, 5) : (DateTimeOffset?)null;
            var finished = status is "COMP" or "CLOSE" && started is { } s ? After(s, 3) : (DateTimeOffset?)null;
            var changed = finished is { } f ? (status == "CLOSE" ? After(f, 20) : f) : started ?? (status == "WAPPR" ? reported : After(reported, 3));
            var wonum = NextNumber();
            var estimate = Math.Round(random.Int(1, 16) * 0.5, 1);
            var labourRate = 27.75;
            var actualHours = finished is null ? 0.0 : Math.Round(estimate * random.Double(0.6, 1.5), 1);
            string? ticket = null;
            if (type is "CM" or "EM" && random.Bool(0.25f))
            {
                ticket = ServiceRequest(asset, reported.AddHours(-random.Int(1, 30)), wonum, status);
            }

            var target = reported.AddDays(type == "EM" ? 1 : random.Int(3, 30));
            Add("mxapiwodetail", new JsonObject
            {
                ["wonum"] = wonum,
                ["description"] = $"{random.ArrayElement(Openings[type])} {asset.Description}",
                ["status"] = status,
                ["siteid"] = asset.Site,
                ["orgid"] = MaximoSandboxSettings.OrganizationId,
                ["location"] = asset.Location,
                ["assetnum"] = asset.AssetNum,
                ["worktype"] = type,
                ["woclass"] = "WORKORDER",
                ["reportedby"] = random.ListItem(persons),
                ["changeby"] = random.ListItem(leads),
                ["phone"] = $"x{random.Int(1000, 1999)}",
                ["glaccount"] = $"6400-{random.Int(1, 5)}00-???",
                ["failurecode"] = type == "CM" ? random.ArrayElement(["PUMPS", "MOTORS", "CONVEYOR", "HVAC"]) : null,
                ["wogroup"] = wonum,
                ["classstructureid"] = null,
                ["djpapplied"] = "NO",
                ["newchildclass"] = "WORKORDER",
                ["lead"] = random.ListItem(leads),
                ["supervisor"] = leads[i % 4],
                ["persongroup"] = random.ArrayElement(["MECH", "ELEC", "HVAC"]),
                ["pmnum"] = type == "PM" ? $"PM{1000 + random.Int(1, 60)}" : null,
                ["origrecordid"] = ticket,
                ["origrecordclass"] = ticket is null ? null : "SR",
                ["jpnum"] = type == "PM" ? $"JP{random.Int(100, 140)}" : null,
                ["workorderid"] = 10000 + i,
                ["wopriority"] = random.WeightedRandom([1, 2, 3, 4, 5], [0.07f, 0.2f, 0.4f, 0.23f, 0.1f]),
                ["assetlocpriority"] = random.Int(1, 5),
                ["calcpriority"] = random.Int(1, 9),
                ["estdur"] = estimate,
                ["estlabhrs"] = estimate,
                ["estlabcost"] = Math.Round(estimate * labourRate, 2),
                ["estmatcost"] = 0.0,
                ["esttoolcost"] = 0.0,
                ["estservcost"] = 0.0,
                ["actlabhrs"] = actualHours,
                ["actlabcost"] = Math.Round(actualHours * labourRate, 2),
                ["actmatcost"] = finished is null ? 0.0 : Math.Round(random.Double(0, 800), 2),
                ["acttoolcost"] = 0.0,
                ["actservcost"] = 0.0,
                ["actoutlabcost"] = 0.0,
                ["outlabcost"] = 0.0,
                ["outmatcost"] = 0.0,
                ["outtoolcost"] = 0.0,
                ["totalworkunits"] = 1.0,
                ["estintlabhrs"] = estimate,
                ["estintlabcost"] = Math.Round(estimate * labourRate, 2),
                ["estoutlabhrs"] = 0.0,
                ["estoutlabcost"] = 0.0,
                ["actintlabhrs"] = actualHours,
                ["actintlabcost"] = Math.Round(actualHours * labourRate, 2),
                ["actoutlabhrs"] = 0.0,
                ["historyflag"] = status is "CLOSE" or "CAN",
                ["istask"] = false,
                ["downtime"] = type == "EM",
                ["haschildren"] = false,
                ["disabled"] = false,
                ["template"] = false,
                ["interruptible"] = false,
                ["milestone"] = false,
                ["woacceptscharges"] = true,
                ["chargestore"] = false,
                ["parentchgsstatus"] = true,
                ["apptrequired"] = false,
                ["hasfollowupwork"] = false,
                ["flowcontrolled"] = false,
                ["suspendflow"] = false,
                ["ignoresrmavail"] = true,
                ["ignorediavail"] = false,
                ["inctasksinsched"] = true,
                ["reqasstdwntime"] = false,
                ["woisswap"] = false,
                ["statusiface"] = false,
                ["repairlocflag"] = false,
                ["reportdate"] = Ts(reported),
                ["statusdate"] = Ts(changed),
                ["changedate"] = Ts(changed),
                ["targstartdate"] = Ts(MxmJson.Seconds(reported.AddDays(1))),
                ["targcompdate"] = Ts(MxmJson.Seconds(target)),
                ["schedstart"] = status is "WAPPR" ? null : Ts(MxmJson.Seconds(reported.AddDays(1))),
                ["schedfinish"] = status is "WAPPR" ? null : Ts(MxmJson.Seconds(target)),
                ["actstart"] = started is { } a ? Ts(a) : null,
                ["actfinish"] = finished is { } b ? Ts(b) : null,
                ["faildate"] = type is "CM" or "EM" ? Ts(MxmJson.Seconds(reported.AddHours(-random.Int(1, 48)))) : null,
            });
        }
    }

    /// <summary>A service request that led to work order <paramref name="wonum"/>; its status follows the work.</summary>
    private string ServiceRequest((string Site, string AssetNum, string Location, string Description) asset, DateTimeOffset reported, string wonum, string woStatus)
    {
        var ticket = NextNumber();
        var status = woStatus switch
        {
            "CLOSE" => "CLOSED",
            "COMP" => "RESOLVED",
            "CAN" => "CANCELLED",
            "WAPPR" => random.WeightedRandom(["NEW", "QUEUED"], [0.6f, 0.4f]),
            _ => "INPROG",
        };
        var changed = status is "NEW" ? reported : After(reported, 10);
        var requester = random.ListItem(persons);
        Add("mxapisr", new JsonObject
        {
            ["ticketid"] = ticket,
            ["class"] = "SR",
            ["description"] = $"{random.ArrayElement(Complaints)} {asset.Description}",
            ["status"] = status,
            ["reportedby"] = requester,
            ["affectedperson"] = requester,
            ["siteid"] = asset.Site,
            ["orgid"] = MaximoSandboxSettings.OrganizationId,
            ["location"] = asset.Location,
            ["assetnum"] = asset.AssetNum,
            ["changeby"] = requester,
            ["ticketuid"] = 20000 + Table("mxapisr").Count,
            ["reportedpriority"] = random.Int(1, 4),
            ["reportdate"] = Ts(MxmJson.Seconds(reported)),
            ["statusdate"] = Ts(changed),
            ["changedate"] = Ts(changed),
            ["relatedrecord"] = status is "NEW" or "QUEUED" ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["relatedrecclass"] = "WORKORDER",
                ["relatedreckey"] = wonum,
                ["relatedrecsiteid"] = asset.Site,
                ["relatetype"] = "FOLLOWUP",
            }),
        });
        return ticket;
    }
}
