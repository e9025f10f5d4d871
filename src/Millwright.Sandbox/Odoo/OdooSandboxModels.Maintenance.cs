using static Millwright.Sandbox.Odoo.OdooFieldKit;

namespace Millwright.Sandbox.Odoo;

/// <summary>
/// The models of Odoo 18.0's <c>maintenance</c> module, field for field as
/// <c>../shared/vendor-specs/odoo/odoo18-maintenance-models.json</c> lists them (names, types, relations,
/// selections, labels, defaults, stored or computed). <c>OdooSandboxModelTests</c> compares them.
/// </summary>
internal static partial class OdooModels
{
    public static readonly (string, string)[] Priorities = [("0", "Very Low"), ("1", "Low"), ("2", "Normal"), ("3", "High")];

    public static readonly (string, string)[] KanbanStates = [("normal", "In Progress"), ("blocked", "Blocked"), ("done", "Ready for next stage")];

    public static readonly (string, string)[] MaintenanceTypes = [("corrective", "Corrective"), ("preventive", "Preventive")];

    public static readonly (string, string)[] RepeatUnits = [("day", "Days"), ("week", "Weeks"), ("month", "Months"), ("year", "Years")];

    private static OdooModel Stage() => new("maintenance.stage", "Maintenance Stage", "maintenance", "sequence, id",
    [
        Char("name") with { Required = true, Translate = true },
        Int("sequence") with { Default = _ => 20L },
        Bool("fold"),
        Bool("done", "Request Done"),
    ]);

    private static OdooModel Category() => new("maintenance.equipment.category", "Maintenance Equipment Category", "maintenance", "id",
    [
        Char("name", "Category Name") with { Required = true, Translate = true },
        M2o("company_id", "res.company") with { Default = _ => 1 },
        M2o("technician_user_id", "res.users", "Responsible") with { Default = env => env.Uid },
        Int("color", "Color Index"),
        Html("note", "Comments") with { Translate = true },
        O2m("equipment_ids", "maintenance.equipment", "category_id"),
        Int("equipment_count", "Equipment Count").Computed((env, row) => (long)env.Inverse("maintenance.equipment", "category_id", row.Id).Length),
        O2m("maintenance_ids", "maintenance.request", "category_id"),
        Int("maintenance_count", "Maintenance Count").Computed((env, row) => (long)env.Inverse("maintenance.request", "category_id", row.Id).Length),
        Int("maintenance_open_count", "Current Maintenance").Computed((env, row) => (long)env.Children("maintenance.request", "category_id", row.Id).Count(r => OdooMaintenance.IsOpen(env, r))),
        M2o("alias_id", "mail.alias", "Alias"),
        Bool("fold", "Folded in Maintenance Pipe").StoredCompute((env, row) => env.Inverse("maintenance.equipment", "category_id", row.Id).Length == 0),
        new("equipment_properties_definition", "properties_definition") { Label = "Equipment Properties" },
    ]);

    private static OdooModel Equipment() => new("maintenance.equipment", "Maintenance Equipment", "maintenance", "id",
    [
        M2o("company_id", "res.company") with { Default = _ => 1 },
        Date("effective_date", "Effective Date") with { Required = true, Default = env => env.Today },
        M2o("maintenance_team_id", "maintenance.team", "Maintenance Team"),
        M2o("technician_user_id", "res.users", "Technician"),
        Int("maintenance_count", "Maintenance Count").StoredCompute((env, row) => (long)env.Inverse("maintenance.request", "equipment_id", row.Id).Length),
        Int("maintenance_open_count", "Current Maintenance").StoredCompute((env, row) => (long)env.Children("maintenance.request", "equipment_id", row.Id).Count(r => OdooMaintenance.IsOpen(env, r))),
        Int("expected_mtbf", "Expected MTBF"),
        Int("mtbf", "MTBF").Computed((env, row) => OdooMaintenance.Reliability(env, row).Mtbf),
        Int("mttr", "MTTR").Computed((env, row) => OdooMaintenance.Reliability(env, row).Mttr),
        Date("estimated_next_failure", "Estimated time before next failure (in days)").Computed((env, row) => OdooMaintenance.Reliability(env, row).NextFailure),
        Date("latest_failure_date", "Latest Failure Date").Computed((env, row) => OdooMaintenance.Reliability(env, row).LatestFailure),
        Char("name", "Equipment Name") with { Required = true, Translate = true },
        Bool("active") with { Default = _ => true },
        M2o("owner_user_id", "res.users", "Owner"),
        M2o("category_id", "maintenance.equipment.category", "Equipment Category"),
        M2o("partner_id", "res.partner", "Vendor"),
        Char("partner_ref", "Vendor Reference"),
        Char("location"),
        Char("model"),
        Char("serial_no", "Serial Number") with { Copy = false },
        Char("barcode") with { Copy = false },
        Date("assign_date", "Assigned Date"),
        Float("cost"),
        Html("note"),
        Date("warranty_date", "Warranty Expiration Date"),
        Int("color", "Color Index"),
        Date("scrap_date", "Scrap Date"),
        O2m("maintenance_ids", "maintenance.request", "equipment_id"),
        new OdooField("equipment_properties", "properties") { Label = "Properties" },
        Bool("match_serial", "Match Serial").Computed((_, _) => false),
    ], displayName: (_, row) => row.Get("serial_no") is string serial ? $"{row.Get("name")}/{serial}" : row.Get("name") as string);

    private static OdooModel Request() => new("maintenance.request", "Maintenance Request", "maintenance", "id desc",
    [
        Char("name", "Subjects") with { Required = true },
        M2o("company_id", "res.company") with { Required = true, Default = _ => 1 },
        Html("description"),
        Date("request_date", "Request Date") with { Default = env => env.Today },
        M2o("owner_user_id", "res.users", "Created by User") with { Default = env => env.Uid },
        M2o("category_id", "maintenance.equipment.category", "Category") with { Readonly = true },
        M2o("equipment_id", "maintenance.equipment", "Equipment"),
        M2o("user_id", "res.users", "Technician"),
        M2o("stage_id", "maintenance.stage", "Stage") with { Copy = false, Default = env => OdooMaintenance.FirstStage(env) },
        Select("priority", Priorities) with { Label = "Priority" },
        Int("color", "Color Index"),
        Date("close_date", "Close Date"),
        Select("kanban_state", KanbanStates) with { Label = "Kanban State", Required = true, Default = _ => "normal" },
        Bool("archive") with { Default = _ => false },
        Select("maintenance_type", MaintenanceTypes) with { Label = "Maintenance Type", Default = _ => "corrective" },
        Datetime("schedule_date", "Scheduled Date"),
        M2o("maintenance_team_id", "maintenance.team", "Team") with { Required = true, Default = env => OdooMaintenance.DefaultTeam(env) },
        Float("duration"),
        new OdooField("done", "boolean") { Related = true }.Computed((env, row) => env.Find("maintenance.stage", row.Ref("stage_id"))?.Get("done") is true) with { Related = true },
        Select("instruction_type", ("pdf", "PDF"), ("google_slide", "Google Slide"), ("text", "Text")) with { Label = "Instruction", Default = _ => "text" },
        new OdooField("instruction_pdf", "binary") { Label = "PDF" },
        Char("instruction_google_slide", "Google Slide"),
        Html("instruction_text", "Text"),
        Bool("recurring_maintenance", "Recurrent"),
        Int("repeat_interval", "Repeat Every") with { Default = _ => 1L },
        Select("repeat_unit", RepeatUnits) with { Label = "Repeat Unit", Default = _ => "week" },
        Select("repeat_type", ("forever", "Forever"), ("until", "Until")) with { Label = "Repeat Type", Default = _ => "forever" },
        Date("repeat_until", "End Date"),
    ]);

    private static OdooModel Team() => new("maintenance.team", "Maintenance Teams", "maintenance", "id",
    [
        Char("name", "Team Name") with { Required = true, Translate = true },
        Bool("active") with { Default = _ => true },
        M2o("company_id", "res.company") with { Default = _ => 1 },
        M2m("member_ids", "res.users") with { Label = "Team Members" },
        Int("color", "Color Index") with { Default = _ => 0L },
        O2m("request_ids", "maintenance.request", "maintenance_team_id"),
        O2m("equipment_ids", "maintenance.equipment", "maintenance_team_id"),
        new OdooField("todo_request_ids", "one2many") { Relation = "maintenance.request", Label = "Todo Request" }
            .Computed((env, row) => OdooMaintenance.Todo(env, row.Id).Select(r => r.Id).ToArray()),
        Int("todo_request_count", "Number of Requests").Computed((env, row) => (long)OdooMaintenance.Todo(env, row.Id).Count()),
        Int("todo_request_count_date", "Number of Requests Scheduled").Computed((env, row) => (long)OdooMaintenance.Todo(env, row.Id).Count(r => r.Get("schedule_date") is not null)),
        Int("todo_request_count_high_priority", "Number of Requests in High Priority").Computed((env, row) => (long)OdooMaintenance.Todo(env, row.Id).Count(r => (string?)r.Get("priority") == "3")),
        Int("todo_request_count_block", "Number of Requests Blocked").Computed((env, row) => (long)OdooMaintenance.Todo(env, row.Id).Count(r => (string?)r.Get("kanban_state") == "blocked")),
        Int("todo_request_count_unscheduled", "Number of Requests Unscheduled").Computed((env, row) => (long)OdooMaintenance.Todo(env, row.Id).Count(r => r.Get("schedule_date") is null)),
    ]);
}
