using Millwright.Client.Models;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Vendors.Maximo;

/// <summary>
/// The default Maximo → unified mappings, in the mapping language (Mapping/README.md) so a connection can
/// override any line. Attribute names are Maximo's; <c>_millwright.*</c> are the site- or org-scoped
/// reference keys the connector computes (README.md, "References"). Domain values are the out-of-the-box
/// ones (WOSTATUS, LOCASSETSTATUS, POSTATUS, SRSTATUS); the Maximo value is kept in <c>remote_status</c>.
/// </summary>
internal static class MaximoMapping
{
    private const string Site = "siteid | ref(sites)";

    /// <summary>Marks a line written back through its own read expression.</summary>
    private const string Same = "=";

    public static IReadOnlyDictionary<Entity, EntityMapping> Defaults { get; } = new Dictionary<Entity, EntityMapping>
    {
        [Entity.Sites] = Map(Entity.Sites,
            ("name", "coalesce(description, siteid)"),
            ("code", "siteid"),
            ("custom_fields.organization", "orgid")),
        [Entity.Locations] = Map(Entity.Locations,
            ("name", "coalesce(description, location)"),
            ("code", "location"),
            ("site_id", Site),
            ("parent_id", "_millwright.parent | ref(locations)"),
            ("custom_fields.type", "type"),
            ("custom_fields.status", "status")),
        [Entity.Assets] = Map(Entity.Assets,
            ("name", "coalesce(description, assetnum)", "description"),
            ("code", "assetnum", Same),
            ("description", "description", Same),
            ("status", "status | map(OPERATING: operational, ACTIVE: operational, LIMITEDUSE: operational, 'NOT READY': down, BROKEN: down, MISSING: down, SEALED: down, DECOMMISSIONED: retired, *: other)", Same),
            ("remote_status", "status", null),
            ("site_id", Site, Same),
            ("location_id", "_millwright.location | ref(locations)", Same),
            ("parent_id", "_millwright.parent | ref(assets)", Same),
            ("serial_number", "serialnum", Same),
            ("manufacturer", "manufacturer", Same),
            ("barcode", "assettag", Same),
            ("category", "assettype", Same)),
        [Entity.WorkOrders] = Map(Entity.WorkOrders,
            ("number", "wonum", null),
            ("title", "description", Same),
            ("status", "status | map(WAPPR: open, APPR: open, WSCH: open, WMATL: on_hold, WPCOND: on_hold, INPRG: in_progress, COMP: completed, CLOSE: completed, CAN: cancelled, *: other)", Same),
            ("remote_status", "status", null),
            ("priority", "wopriority | map(1: critical, 2: high, 3: medium, 4: low, 5: low)", Same),
            ("remote_priority", "wopriority | string", null),
            ("type", "worktype", Same),
            ("site_id", Site, Same),
            ("location_id", "_millwright.location | ref(locations)", Same),
            ("asset_id", "_millwright.asset | ref(assets)", Same),
            ("assignee_ids", "lead | ref(users)", Same),
            ("requested_by_id", "reportedby | ref(users)", Same),
            ("due_at", "targcompdate | date", Same),
            ("started_at", "coalesce(actstart, schedstart) | date", "schedstart | date"),
            ("completed_at", "actfinish | date", null),
            ("custom_fields.work_group", "persongroup", Same),
            ("custom_fields.pm_number", "pmnum", null)),
        [Entity.MaintenanceRequests] = Map(Entity.MaintenanceRequests,
            ("title", "description", Same),
            ("status", "status | map(NEW: pending, QUEUED: pending, PENDING: pending, INPROG: approved, RESOLVED: completed, CLOSED: completed, CANCELLED: declined, *: other)", Same),
            ("remote_status", "status", null),
            ("priority", "reportedpriority | map(1: critical, 2: high, 3: medium, 4: low, 5: low)", Same),
            ("remote_priority", "reportedpriority | string", null),
            ("site_id", Site, Same),
            ("location_id", "_millwright.location | ref(locations)", Same),
            ("asset_id", "_millwright.asset | ref(assets)", Same),
            ("requested_by_id", "coalesce(reportedby, affectedperson) | ref(users)", "reportedby | ref(users)"),
            ("work_order_id", "_millwright.workorder | ref(work_orders)", null)),
        [Entity.Parts] = Map(Entity.Parts,
            ("name", "coalesce(description, itemnum)"),
            ("number", "itemnum"),
            ("description", "description"),
            ("unit_cost", "inventory[].avgcost | first"),
            ("unit", "issueunit"),
            ("stock", "each(inventory) { location_id: _millwright.location | ref(locations), quantity: curbaltotal, minimum_quantity: minlevel }"),
            ("total_quantity", "inventory[].curbaltotal | sum"),
            ("custom_fields.item_set", "itemsetid"),
            ("custom_fields.status", "status")),
        [Entity.PurchaseOrders] = Map(Entity.PurchaseOrders,
            ("number", "ponum"),
            ("title", "description"),
            ("status", "status | map(WAPPR: pending_approval, HOLD: pending_approval, REVISE: draft, APPR: approved, INPRG: partially_received, CLOSE: received, CAN: cancelled, *: other)"),
            ("remote_status", "status"),
            ("vendor_id", "_millwright.vendor | ref(vendors)"),
            ("site_id", Site),
            ("total_amount", "totalcost"),
            ("currency", "currencycode"),
            ("expected_at", "requireddate | date"),
            ("line_items", "each(poline) { remote_id: polinenum | string, part_id: _millwright.item | ref(parts), description: description, quantity: orderqty, quantity_received: receivedqty, unit_price: unitcost }")),
        [Entity.Vendors] = Map(Entity.Vendors,
            ("name", "coalesce(name, company)"),
            ("email", "companycontact[].email | first"),
            ("phone", "phone"),
            ("website", "homepage"),
            ("address", "concat(address1, ', ', city, ' ', stateprovince, ' ', zip) | trim"),
            ("custom_fields.company", "company")),
        [Entity.Users] = Map(Entity.Users,
            ("name", "coalesce(displayname, concat(firstname, ' ', lastname) | trim, personid)"),
            ("email", "primaryemail"),
            ("phone", "primaryphone"),
            ("role", "title"),
            ("is_active", "status | map(ACTIVE: true, INACTIVE: false) | bool")),
    };

    private static EntityMapping Map(Entity entity, params (string Target, string Expression)[] fields) =>
        new(entity, [.. fields.Select(f => new FieldMapping(f.Target, f.Expression))]);

    /// <summary>An entity whose lines say how they are written back: <see cref="Same"/> (the read expression) or another expression (README.md, "Writing").</summary>
    private static EntityMapping Map(Entity entity, params (string Target, string Expression, string? Write)[] fields) =>
        new(entity, [.. fields.Select(f => new FieldMapping(f.Target, f.Expression, f.Write == Same ? f.Expression : f.Write))]);
}
