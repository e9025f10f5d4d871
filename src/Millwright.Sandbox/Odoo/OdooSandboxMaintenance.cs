using System.Globalization;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// The computed fields of the emulated models and the side effects the models file lists under
/// <c>behaviour</c> (stage changes, recurrence, team and technician following the equipment).
/// </summary>
internal static class OdooMaintenance
{
    public const string RequestModel = "maintenance.request";
    public const string EquipmentModel = "maintenance.equipment";

    /// <summary>A request is open while its stage is not done and it is not archived.</summary>
    public static bool IsOpen(OdooEnv env, OdooRow request) => !StageDone(env, request.Ref("stage_id")) && request.Get("archive") is not true;

    public static bool StageDone(OdooEnv env, int? stage) => env.Find("maintenance.stage", stage)?.Get("done") is true;

    /// <summary>The first stage by <c>sequence, id</c>: the default of new requests and of recurrence copies.</summary>
    public static int? FirstStage(OdooEnv env) =>
        env.Rows("maintenance.stage").OrderBy(s => s.Get("sequence") as long? ?? 0).ThenBy(s => s.Id).FirstOrDefault()?.Id;

    /// <summary>"first team of the company, else any team" (models file).</summary>
    public static int? DefaultTeam(OdooEnv env) =>
        env.Rows("maintenance.team").Where(t => t.Get("active") is true).OrderBy(t => t.Ref("company_id") == 1 ? 0 : 1).ThenBy(t => t.Id).FirstOrDefault()?.Id;

    /// <summary>The requests of a team still to do: not in a done stage and not archived.</summary>
    public static IEnumerable<OdooRow> Todo(OdooEnv env, int team) => env.Children(RequestModel, "maintenance_team_id", team).Where(r => IsOpen(env, r));

    /// <summary>MTBF, MTTR, latest failure and estimated next failure from the equipment's done corrective requests.</summary>
    public static (long Mtbf, long Mttr, string? LatestFailure, string? NextFailure) Reliability(OdooEnv env, OdooRow equipment)
    {
        var failures = env.Children(RequestModel, "equipment_id", equipment.Id)
            .Where(r => (string?)r.Get("maintenance_type") == "corrective" && StageDone(env, r.Ref("stage_id")))
            .Select(r => (Requested: OdooWire.ParseDate(r.Get("request_date") as string), Closed: OdooWire.ParseDate(r.Get("close_date") as string)))
            .Where(r => r.Requested is not null)
            .OrderBy(r => r.Requested)
            .ToList();
        if (failures.Count == 0)
        {
            return (0, 0, null, null);
        }

        var repairDays = failures.Where(f => f.Closed is not null).Sum(f => f.Closed!.Value.DayNumber - f.Requested!.Value.DayNumber);
        var latest = failures[^1].Requested!.Value;
        var effective = OdooWire.ParseDate(equipment.Get("effective_date") as string) ?? latest;
        var mtbf = (long)((latest.DayNumber - effective.DayNumber) / (double)failures.Count);
        var mttr = (long)(repairDays / (double)failures.Count);
        return (mtbf, mttr, OdooWire.DateText(latest), mtbf != 0 ? OdooWire.DateText(latest.AddDays((int)mtbf)) : null);
    }

    public static string? PartnerName(OdooEnv env, OdooRow partner)
    {
        var name = partner.Get("name") as string;
        return env.Find("res.partner", partner.Ref("parent_id")) is { } parent && parent.Get("name") is string company
            ? name is null ? company : $"{company}, {name}"
            : name;
    }

    /// <summary>A hierarchical name (<c>All / Spare Parts</c>), walking <paramref name="parentField"/> up.</summary>
    public static string? Path(OdooEnv env, string model, string parentField, OdooRow row, string separator)
    {
        var names = new List<string>();
        for (var current = row; current is not null && names.Count < 32; current = env.Find(model, current.Ref(parentField)))
        {
            names.Add(current.Get("name") as string ?? "");
        }

        names.Reverse();
        return string.Join(separator, names);
    }

    /// <summary><c>WH/Stock/Shelf 1</c>: view locations at the top level are left out of children's names, as in Odoo.</summary>
    public static string? LocationName(OdooEnv env, OdooRow location)
    {
        var parent = env.Find("stock.location", location.Ref("location_id"));
        return parent is null || (parent.Get("usage") as string == "view" && parent.Ref("location_id") is null)
            ? location.Get("name") as string
            : $"{LocationName(env, parent)}/{location.Get("name")}";
    }

    /// <summary>On hand: the quants of internal locations.</summary>
    public static double OnHand(OdooEnv env, int product) =>
        env.Children("stock.quant", "product_id", product)
            .Where(q => env.Find("stock.location", q.Ref("location_id"))?.Get("usage") as string == "internal")
            .Sum(q => q.Get("quantity") as double? ?? 0);

    public static double OrderAmount(OdooEnv env, int order) =>
        Math.Round(env.Children("purchase.order.line", "order_id", order).Sum(l => (l.Get("product_qty") as double? ?? 0) * (l.Get("price_unit") as double? ?? 0)), 2);

    public static string? ReceiptStatus(OdooEnv env, OdooRow order)
    {
        if (order.Get("state") as string is not ("purchase" or "done"))
        {
            return null;
        }

        var lines = env.Children("purchase.order.line", "order_id", order.Id).ToList();
        var ordered = lines.Sum(l => l.Get("product_qty") as double? ?? 0);
        var received = lines.Sum(l => l.Get("qty_received") as double? ?? 0);
        return received <= 0 ? "pending" : received >= ordered ? "full" : "partial";
    }

    /// <summary>
    /// What <c>create()</c> of a request adds (models file, behaviour): team and technician from the
    /// equipment, the category related to the equipment, <c>recurring_maintenance</c> only on preventive
    /// requests, and <c>close_date</c> today in a done stage, cleared in any other.
    /// </summary>
    public static void OnCreateRequest(OdooEnv env, OdooRow request, IReadOnlySet<string> given)
    {
        FollowEquipment(env, request, given);
        request.Values["category_id"] = env.Find(EquipmentModel, request.Ref("equipment_id"))?.Ref("category_id");
        if ((string?)request.Get("maintenance_type") != "preventive")
        {
            request.Values["recurring_maintenance"] = false;
        }

        request.Values["close_date"] = StageDone(env, request.Ref("stage_id")) ? env.Today : null;
    }

    /// <summary>
    /// What <c>write()</c> of a request adds: a stage change without <c>kanban_state</c> resets it to
    /// normal; after a stage change <c>close_date</c> is today in a done stage and cleared in others; a
    /// recurring preventive request reaching a done stage is copied to the first stage, scheduled one
    /// interval later (unless past <c>repeat_until</c>). Returns the copies to create.
    /// </summary>
    public static List<Dictionary<string, object?>> OnWriteRequest(OdooEnv env, OdooRow request, IReadOnlySet<string> given, int? oldStage, string? oldSchedule)
    {
        var copies = new List<Dictionary<string, object?>>();
        if (given.Contains("equipment_id"))
        {
            FollowEquipment(env, request, given);
            request.Values["category_id"] = env.Find(EquipmentModel, request.Ref("equipment_id"))?.Ref("category_id");
        }

        if (given.Contains("maintenance_type") && (string?)request.Get("maintenance_type") != "preventive")
        {
            request.Values["recurring_maintenance"] = false;
        }

        if (!given.Contains("stage_id") || request.Ref("stage_id") == oldStage)
        {
            return copies;
        }

        if (!given.Contains("kanban_state"))
        {
            request.Values["kanban_state"] = "normal";
        }

        var done = StageDone(env, request.Ref("stage_id"));
        request.Values["close_date"] = done ? env.Today : null;
        if (done && !StageDone(env, oldStage) && (string?)request.Get("maintenance_type") == "preventive" && request.Get("recurring_maintenance") is true)
        {
            var from = OdooWire.ParseDatetime(oldSchedule) ?? env.Now.UtcDateTime;
            var interval = (int)Math.Max(1, request.Get("repeat_interval") as long? ?? 1);
            var next = (string?)request.Get("repeat_unit") switch
            {
                "day" => from.AddDays(interval),
                "month" => from.AddMonths(interval),
                "year" => from.AddYears(interval),
                _ => from.AddDays(7 * interval),
            };
            var until = OdooWire.ParseDate(request.Get("repeat_until") as string);
            if (!((string?)request.Get("repeat_type") == "until" && until is { } end && DateOnly.FromDateTime(next) > end))
            {
                var model = env.Db.Model(RequestModel)!;
                var copy = model.Fields.Values.Where(f => f.Copy && f.Stored && f.Compute is null && f.Name != "id")
                    .ToDictionary(f => f.Name, f => request.Get(f.Name), StringComparer.Ordinal);
                copy["stage_id"] = FirstStage(env);
                copy["kanban_state"] = "normal";
                copy["schedule_date"] = next.ToString(OdooWire.DatetimeFormat, CultureInfo.InvariantCulture);
                copies.Add(copy);
            }
        }

        return copies;
    }

    /// <summary>A category technician change does not touch requests; an equipment category change updates the stored related <c>category_id</c>.</summary>
    public static void OnWriteEquipment(OdooEnv env, OdooRow equipment, IReadOnlySet<string> given)
    {
        if (!given.Contains("category_id"))
        {
            return;
        }

        foreach (var request in env.Children(RequestModel, "equipment_id", equipment.Id))
        {
            request.Values["category_id"] = equipment.Ref("category_id");
        }
    }

    private static void FollowEquipment(OdooEnv env, OdooRow request, IReadOnlySet<string> given)
    {
        if (env.Find(EquipmentModel, request.Ref("equipment_id")) is not { } equipment)
        {
            return;
        }

        if (!given.Contains("maintenance_team_id") && equipment.Ref("maintenance_team_id") is { } team)
        {
            request.Values["maintenance_team_id"] = team;
        }

        if (!given.Contains("user_id"))
        {
            request.Values["user_id"] = equipment.Ref("technician_user_id")
                ?? env.Find("maintenance.equipment.category", equipment.Ref("category_id"))?.Ref("technician_user_id");
        }
    }
}
