using Millwright.Client.Models;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Vendors.MaintainX;

/// <summary>
/// The default MaintainX → unified mappings, written in the mapping language (Mapping/README.md) so that
/// a connection can override any line. Field names and enum values are from the vendor spec; where a
/// document is not a plain list item (purchase orders and vendors are the detail documents, teams carry
/// <c>members</c>, and <c>_millwright.siteLocationId</c> is computed), the connector's README says so.
/// </summary>
internal static class MaintainXMapping
{
    private const string Site = "_millwright.siteLocationId | ref(sites)";
    private const string Priority = "priority | map(NONE: none, LOW: low, MEDIUM: medium, HIGH: high)";

    public static IReadOnlyDictionary<Entity, EntityMapping> Defaults { get; } = new Dictionary<Entity, EntityMapping>
    {
        [Entity.Sites] = Map(Entity.Sites,
            ("name", "name"),
            ("code", "barcode"),
            ("address", "address"),
            ("custom_fields", "extraFields")),
        [Entity.Locations] = Map(Entity.Locations,
            ("name", "name"),
            ("code", "barcode"),
            ("description", "description"),
            ("site_id", Site),
            ("parent_id", "parentId | ref(locations)"),
            ("address", "address"),
            ("custom_fields", "extraFields")),
        [Entity.Assets] = Map(Entity.Assets,
            ("name", "name"),
            ("description", "description"),
            ("status", "status.status | map(ONLINE: operational, OFFLINE: down, *: other)"),
            ("remote_status", "status.status"),
            ("site_id", Site),
            ("location_id", "locationId | ref(locations)"),
            ("parent_id", "parentId | ref(assets)"),
            ("serial_number", "serialNumber"),
            ("manufacturer", "manufacturer"),
            ("model", "model"),
            ("barcode", "barcode"),
            ("category", "assetTypes | join(', ')"),
            ("custom_fields", "extraFields")).Writing(
            // Spec, POST/PATCH /assets: manufacturer and model are written as {name} objects but read back as names.
            ("name", Same),
            ("description", Same),
            ("location_id", Same),
            ("parent_id", Same),
            ("serial_number", Same),
            ("manufacturer", "manufacturer.name"),
            ("model", "model.name"),
            ("barcode", Same),
            ("custom_fields", "extraFields")),
        [Entity.WorkOrders] = Map(Entity.WorkOrders,
            ("number", "sequentialId | string"),
            ("title", "title"),
            ("description", "description"),
            ("status", "status | map(OPEN: open, IN_PROGRESS: in_progress, ON_HOLD: on_hold, DONE: completed, CANCELED: cancelled, SKIPPED: cancelled, *: other)"),
            ("remote_status", "status"),
            ("priority", Priority),
            ("remote_priority", "priority"),
            ("type", "type"),
            ("site_id", Site),
            ("location_id", "coalesce(locationId, location.id) | ref(locations)"),
            ("asset_id", "asset.id | ref(assets)"),
            ("assignee_ids", "assignees[?type == 'USER'].id | ref(users)"),
            ("team_ids", "assignees[?type == 'TEAM'].id | ref(teams)"),
            ("requested_by_id", "coalesce(requesterId, creatorId) | ref(users)"),
            ("due_at", "dueDate | date"),
            ("started_at", "startDate | date"),
            ("completed_at", "completedAt | date"),
            ("custom_fields", "extraFields")).Writing(
            // Spec, POST/PATCH /workorders: the body names ids flat (assetId, locationId, requesterId) while documents
            // expand them; status changes go through PATCH /workorders/{id}/status (the connector's job).
            ("title", Same),
            ("description", Same),
            ("status", Same),
            ("priority", Same),
            ("location_id", "locationId | ref(locations)"),
            ("asset_id", "assetId | ref(assets)"),
            ("assignee_ids", Same),
            ("team_ids", Same),
            ("requested_by_id", "requesterId | ref(users)"),
            ("due_at", Same),
            ("started_at", Same),
            ("custom_fields", "extraFields")),
        [Entity.MaintenanceRequests] = Map(Entity.MaintenanceRequests,
            ("title", "title"),
            ("description", "description"),
            ("status", "requestStatus | map(PENDING: pending, APPROVED: approved, REJECTED: declined, DONE: completed, *: other)"),
            ("remote_status", "requestStatus"),
            ("priority", Priority),
            ("remote_priority", "priority"),
            ("site_id", Site),
            ("location_id", "locationId | ref(locations)"),
            ("asset_id", "assetId | ref(assets)"),
            ("work_order_id", "workOrderId | ref(work_orders)"),
            ("custom_fields", "extraFields")).Writing(
            // Spec, POST /workrequests: title, priority, assetId, locationId, extraFields (no description).
            ("title", Same),
            ("priority", Same),
            ("location_id", Same),
            ("asset_id", Same),
            ("custom_fields", "extraFields")),
        [Entity.Parts] = Map(Entity.Parts,
            ("name", "name"),
            ("number", "coalesce(partNumber, extraFields[\"Part Number\"])"),
            ("description", "description"),
            ("unit_cost", "unitCost | div(100)"),
            ("barcode", "barcode"),
            ("vendor_ids", "vendors[].vendorId | ref(vendors)"),
            ("stock", "each(locations) { location_id: locationId | ref(locations), quantity: availableQuantity, minimum_quantity: minimumQuantity }"),
            ("total_quantity", "coalesce(inStockQuantity, availableQuantity)"),
            ("custom_fields", "extraFields")),
        [Entity.PurchaseOrders] = Map(Entity.PurchaseOrders,
            ("number", "coalesce(overrideNumber, autoGeneratedNumber | string)"),
            ("title", "title"),
            ("status", "status | map(REQUESTED: pending_approval, PENDING: pending_approval, APPROVED: approved, PARTIALLY_FULFILLED: partially_received, COMPLETED: received, DECLINED: cancelled, CANCELED: cancelled, *: other)"),
            ("remote_status", "status"),
            ("vendor_id", "vendorId | ref(vendors)"),
            ("total_amount", "items[].price | sum | div(100)"),
            ("expected_at", "dueDate | date"),
            ("line_items", "each(items) { remote_id: id | string, part_id: partId | ref(parts), description: coalesce(name, partNumber), quantity: quantityOrdered, quantity_received: quantityReceived, unit_price: coalesce(unitCostDecimal | number, unitCost | div(100)) }"),
            ("custom_fields", "extraFields")),
        [Entity.Vendors] = Map(Entity.Vendors,
            ("name", "name"),
            ("email", "emails | first"),
            ("phone", "phoneNumbers | first"),
            ("custom_fields", "extraFields")),
        [Entity.Users] = Map(Entity.Users,
            ("name", "coalesce(concat(firstName, ' ', lastName) | trim, email)"),
            ("email", "email"),
            ("phone", "phoneNumber"),
            ("role", "role"),
            ("custom_fields", "extraFields")),
        [Entity.Teams] = Map(Entity.Teams,
            ("name", "name"),
            ("member_ids", "members[].id | ref(users)")),
        [Entity.Meters] = Map(Entity.Meters,
            ("name", "name"),
            ("unit", "unit"),
            ("asset_id", "asset.id | ref(assets)"),
            ("location_id", "location.id | ref(locations)"),
            ("last_reading_value", "lastReading.value"),
            ("last_reading_at", "coalesce(lastReading.readingDate, lastReading.createdAt) | date"),
            ("custom_fields.measurement_type", "measurementType")),
        // Write-only: the API creates readings (POST /meters/{meterId}/readings) but cannot list them; the connector
        // adds meterId to the document the API returns.
        [Entity.MeterReadings] = Map(Entity.MeterReadings,
            ("meter_id", "meterId | ref(meters)"),
            ("value", "readingValue"),
            ("read_at", "readingDate | date")).Writing(
            ("meter_id", Same),
            ("value", Same),
            ("read_at", Same)),
        [Entity.PmSchedules] = Map(Entity.PmSchedules,
            ("name", "name"),
            ("asset_id", "assets[0].assetId | ref(assets)"),
            ("interval_value", "coalesce(recurrence.interval, recurrence.type | map(DAILY: 1))"),
            ("interval_unit", "recurrence.type | map(DAILY: day, WEEKLY: week, MONTHLY: month, YEARLY: year)"),
            ("next_due_at", "nextScheduledWorkOrderDueDate | date"),
            ("is_active", "archivedAt | exists | not"),
            ("custom_fields.trigger_type", "triggerType")),
    };

    /// <summary>In <see cref="Writing"/>: the field is written back through its read expression.</summary>
    private const string? Same = null;

    private static EntityMapping Map(Entity entity, params (string Target, string Expression)[] fields) =>
        new(entity, [.. fields.Select(f => new FieldMapping(f.Target, f.Expression))]);

    /// <summary>Marks the fields MaintainX accepts in its create/update bodies, each with its write rule (<see cref="Same"/>, or where it is written).</summary>
    private static EntityMapping Writing(this EntityMapping mapping, params (string Target, string? Write)[] writes)
    {
        var rules = writes.ToDictionary(w => w.Target, w => w.Write, StringComparer.Ordinal);
        if (rules.Keys.FirstOrDefault(t => mapping.Fields.All(f => f.Target != t)) is { } unknown)
        {
            throw new InvalidOperationException($"MaintainX {mapping.Entity} has no mapping line '{unknown}' to write.");
        }

        return mapping with
        {
            Fields = [.. mapping.Fields.Select(f => rules.TryGetValue(f.Target, out var write) ? f with { Write = write ?? f.Expression } : f)],
        };
    }
}
