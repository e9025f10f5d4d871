using Millwright.Client.Models;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Vendors.Odoo;

/// <summary>
/// The default Odoo → unified mappings, in the mapping language (Mapping/README.md) so a connection can
/// override any line. Field names are Odoo's; a many2one reads as <c>[id, "name"]</c>, so <c>x_id[0]</c> is
/// the referenced id and <c>x_id[1]</c> its name. Empty values arrive as null (the connector turns Odoo's
/// <c>false</c> into null for fields that are not booleans); <c>_millwright.*</c> are the values the
/// connector adds (README.md, "Documents").
/// </summary>
internal static class OdooMapping
{
    /// <summary>Unified status of a request seen as work: done stage, archived, blocked, first stage, else in progress.</summary>
    private const string WorkStatus =
        "coalesce(done | map(true: completed), archive | map(true: cancelled), kanban_state | map(blocked: on_hold), _millwright.first_stage | map(true: open)) | default(in_progress)";

    /// <summary>The same request seen as a request for work: new in the first stage, approved once work moved it on.</summary>
    private const string RequestStatus =
        "coalesce(done | map(true: completed), archive | map(true: declined), _millwright.first_stage | map(true: pending)) | default(approved)";

    /// <summary>'0' Very Low and '1' Low → low, '2' Normal → medium, '3' High → high; no priority → none.</summary>
    private const string Priority = "priority | map(0: low, 1: low, 2: medium, 3: high) | default(none)";

    public static IReadOnlyDictionary<Entity, EntityMapping> Defaults { get; } = new Dictionary<Entity, EntityMapping>
    {
        [Entity.Locations] = Map(Entity.Locations,
            ("name", "coalesce(complete_name, name)"),
            ("code", "barcode"),
            ("parent_id", "location_id[0] | ref(locations)"),
            ("custom_fields.usage", "usage"),
            ("custom_fields.active", "active")),
        [Entity.Users] = Map(Entity.Users,
            ("name", "name"),
            ("email", "coalesce(email, login)"),
            ("phone", "phone"),
            ("is_active", "active"),
            ("custom_fields.login", "login")),
        [Entity.Teams] = Map(Entity.Teams,
            ("name", "name"),
            ("member_ids", "member_ids | ref(users)"),
            ("custom_fields.active", "active")),
        [Entity.Vendors] = Map(Entity.Vendors,
            ("name", "name"),
            ("email", "email"),
            ("phone", "coalesce(phone, mobile)"),
            ("website", "website"),
            ("address", "concat(street, ', ', zip, ' ', city, ', ', country_id[1]) | trim"),
            ("custom_fields.reference", "ref"),
            ("custom_fields.vat", "vat"),
            ("custom_fields.active", "active")),
        [Entity.Assets] = Map(Entity.Assets,
            ("name", "name"),
            ("code", "barcode"),
            ("description", "note"),
            ("status", "coalesce(active | not | map(true: retired), scrap_date | exists | map(true: retired)) | default(operational)"),
            ("remote_status", "coalesce(active | not | map(true: archived), scrap_date | exists | map(true: scrapped)) | default(active)"),
            ("serial_number", "serial_no"),
            ("model", "model"),
            ("category", "category_id[1]"),
            ("custom_fields.location", "location"),
            ("custom_fields.team_id", "maintenance_team_id[0] | ref(teams)"),
            ("custom_fields.technician_id", "technician_user_id[0] | ref(users)"),
            ("custom_fields.vendor_id", "partner_id[0] | ref(vendors)"),
            ("custom_fields.vendor_reference", "partner_ref"),
            ("custom_fields.warranty_date", "warranty_date"),
            ("custom_fields.cost", "cost")),
        [Entity.WorkOrders] = Map(Entity.WorkOrders,
            ("number", "id | string"),
            ("title", "name"),
            ("description", "description"),
            ("status", WorkStatus),
            ("remote_status", "stage_id[1]"),
            ("priority", Priority),
            ("remote_priority", "priority"),
            ("type", "maintenance_type"),
            ("asset_id", "equipment_id[0] | ref(assets)"),
            ("assignee_ids", "coalesce(user_id[0], technician_user_id[0]) | ref(users)"),
            ("team_ids", "maintenance_team_id[0] | ref(teams)"),
            ("requested_by_id", "owner_user_id[0] | ref(users)"),
            ("pm_schedule_id", "_millwright.pm_schedule | ref(pm_schedules)"),
            ("due_at", "schedule_date | date"),
            ("completed_at", "close_date | date"),
            ("custom_fields.kanban_state", "kanban_state"),
            ("custom_fields.category", "category_id[1]"),
            ("custom_fields.duration_hours", "duration"),
            ("custom_fields.request_date", "request_date"),
            ("custom_fields.archived", "archive")),
        [Entity.MaintenanceRequests] = Map(Entity.MaintenanceRequests,
            ("title", "name"),
            ("description", "description"),
            ("status", RequestStatus),
            ("remote_status", "stage_id[1]"),
            ("priority", Priority),
            ("remote_priority", "priority"),
            ("asset_id", "equipment_id[0] | ref(assets)"),
            ("requested_by_id", "owner_user_id[0] | ref(users)"),
            ("work_order_id", "id | ref(work_orders)"),
            ("custom_fields.request_date", "request_date"),
            ("custom_fields.maintenance_type", "maintenance_type")),
        [Entity.PmSchedules] = Map(Entity.PmSchedules,
            ("name", "name"),
            ("description", "description"),
            ("asset_id", "equipment_id[0] | ref(assets)"),
            ("interval_value", "repeat_interval"),
            ("interval_unit", "repeat_unit"),
            ("next_due_at", "schedule_date | date"),
            ("is_active", "archive | not"),
            ("custom_fields.repeat_until", "repeat_until"),
            ("custom_fields.team_id", "maintenance_team_id[0] | ref(teams)")),
        [Entity.Parts] = Map(Entity.Parts,
            ("name", "name"),
            ("number", "default_code"),
            ("description", "description"),
            ("unit_cost", "standard_price"),
            ("unit", "uom_id[1]"),
            ("barcode", "barcode"),
            ("stock", "each(_millwright.stock) { location_id: location | ref(locations), quantity: quantity }"),
            ("total_quantity", "coalesce(qty_available, _millwright.stock[].quantity | sum)"),
            ("custom_fields.category", "categ_id[1]"),
            ("custom_fields.active", "active")),
        [Entity.PurchaseOrders] = Map(Entity.PurchaseOrders,
            ("number", "name"),
            ("title", "coalesce(origin, partner_ref)"),
            ("status", "coalesce(state | map(cancel: cancelled, draft: draft, sent: pending_approval, 'to approve': pending_approval), receipt_status | map(partial: partially_received, full: received), state | map(purchase: approved, done: received, *: other))"),
            ("remote_status", "state"),
            ("vendor_id", "partner_id[0] | ref(vendors)"),
            ("total_amount", "amount_total"),
            ("currency", "currency_id[1]"),
            ("expected_at", "date_planned | date"),
            ("line_items", "each(_millwright.lines) { remote_id: id | string, part_id: part | ref(parts), description: name, quantity: product_qty, quantity_received: qty_received, unit_price: price_unit }"),
            ("custom_fields.receipt_status", "receipt_status"),
            ("custom_fields.buyer_id", "user_id[0] | ref(users)")),
    };

    private static EntityMapping Map(Entity entity, params (string Target, string Expression)[] fields) =>
        new(entity, [.. fields.Select(f => new FieldMapping(f.Target, f.Expression))]);
}
