using Millwright.Client.Models;
using Millwright.Connectors.Mapping;

namespace Millwright.Connectors.Vendors.Sap;

/// <summary>
/// The default SAP → unified mappings in the mapping language (Mapping/README.md), so a connection can
/// override any line. Property names are those of SAP's published metadata; values in V2 JSON are
/// strings for decimals and <c>/Date(ms)/</c> for dates, which <c>number</c> and <c>date</c> read.
/// Status lines such as <c>REL  MANC NMAT PRC</c> are split with <c>words</c>: the lifecycle status decides.
/// </summary>
internal static class SapMapping
{
    private const string Site = "MaintenancePlanningPlant | ref(sites)";
    private const string Priority = "MaintPriority | map(1: critical, 2: high, 3: medium, 4: low, *: none)";
    private const string Address = "concat(StreetName, ' ', HouseNumber, ', ', PostalCode, ' ', CityName) | trim";

    public static IReadOnlyDictionary<Entity, EntityMapping> Defaults { get; } = new Dictionary<Entity, EntityMapping>
    {
        [Entity.Sites] = Map(Entity.Sites,
            ("name", "FunctionalLocationName"),
            ("code", "MaintenancePlanningPlant"),
            ("address", Address),
            ("custom_fields.functional_location", "FunctionalLocation")),
        [Entity.Locations] = Map(Entity.Locations,
            ("name", "FunctionalLocationName"),
            ("code", "FunctionalLocationLabelName"),
            ("site_id", Site),
            ("parent_id", "SuperiorFunctionalLocation | ref(locations)"),
            ("address", Address),
            ("custom_fields.plant_section", "PlantSection"),
            ("custom_fields.abc_indicator", "ABCIndicator"),
            ("custom_fields.work_center", "MainWorkCenter")),
        [Entity.Assets] = Map(Entity.Assets,
            ("name", "EquipmentName"),
            ("code", "Equipment"),
            ("status", "coalesce(EquipmentIsMarkedForDeletion | map(true: retired), EquipmentIsInactive | map(true: down)) | default(operational)"),
            ("remote_status", "coalesce(EquipmentIsMarkedForDeletion | map(true: DLFL), EquipmentIsInactive | map(true: INAC), EquipmentIsInstalled | map(true: INST)) | default(AVLB)"),
            ("site_id", Site),
            ("location_id", "FunctionalLocation | ref(locations)"),
            ("parent_id", "SuperordinateEquipment | ref(assets)"),
            ("serial_number", "ManufacturerSerialNumber"),
            ("manufacturer", "AssetManufacturerName"),
            ("model", "ManufacturerPartTypeName"),
            ("category", "TechnicalObjectType"),
            ("custom_fields.inventory_number", "InventoryNumber"),
            ("custom_fields.abc_indicator", "ABCIndicator"),
            ("custom_fields.construction_year", "ConstructionYear")),
        [Entity.WorkOrders] = Map(Entity.WorkOrders,
            ("number", "MaintenanceOrder"),
            ("title", "MaintenanceOrderDesc"),
            ("status", "coalesce(UserStatusText | words | map(WMAT: on_hold, HOLD: on_hold) | last, "
                + "SystemStatusText | words | map(CRTD: open, REL: in_progress, TECO: completed, CLSD: completed, DLFL: cancelled) | last) | default(other)"),
            ("remote_status", "SystemStatusText | trim"),
            ("priority", Priority),
            ("remote_priority", "MaintPriority"),
            ("type", "MaintenanceOrderType"),
            ("site_id", Site),
            ("location_id", "FunctionalLocation | ref(locations)"),
            ("asset_id", "Equipment | ref(assets)"),
            ("started_at", "MaintOrdBasicStartDateTime | date"),
            ("due_at", "MaintOrdBasicEndDateTime | date"),
            ("completed_at", "MainWorkCompletedDateTime | date"),
            ("custom_fields.user_status", "UserStatusText | trim"),
            ("custom_fields.work_center", "MainWorkCenter"),
            ("custom_fields.notification", "MaintenanceNotification"),
            ("custom_fields.activity_type", "MaintenanceActivityType")),
        [Entity.MaintenanceRequests] = Map(Entity.MaintenanceRequests,
            ("title", "NotificationText"),
            ("description", "MaintNotificationLongText"),
            ("status", "NotifProcessingPhase | map(1: pending, 2: pending, 3: approved, 4: completed, *: other)"),
            ("remote_status", "coalesce(NotifProcessingPhaseDesc, NotifProcessingPhase)"),
            ("priority", Priority),
            ("remote_priority", "MaintPriority"),
            ("site_id", Site),
            ("location_id", "FunctionalLocation | ref(locations)"),
            ("asset_id", "_millwright.equipment | ref(assets)"),
            ("work_order_id", "MaintenanceOrder | ref(work_orders)"),
            ("custom_fields.notification_type", "NotificationType"),
            ("custom_fields.reporter", "ReporterFullName"),
            ("custom_fields.object_is_down", "MaintenanceObjectIsDown")),
        [Entity.PurchaseOrders] = Map(Entity.PurchaseOrders,
            ("number", "PurchaseOrder"),
            ("status", "PurchasingProcessingStatus | map('01': draft, '02': approved, '03': pending_approval, '05': approved, '08': cancelled, *: other)"),
            ("remote_status", "PurchasingProcessingStatus"),
            ("vendor_id", "Supplier | ref(vendors)"),
            ("site_id", "to_PurchaseOrderItem.results[0].Plant | ref(sites)"),
            ("total_amount", "_millwright.netAmount"),
            ("currency", "DocumentCurrency"),
            ("line_items", "each(to_PurchaseOrderItem.results) { remote_id: PurchaseOrderItem, description: PurchaseOrderItemText, quantity: OrderQuantity | number, unit_price: NetPriceAmount | number }"),
            ("custom_fields.purchasing_group", "PurchasingGroup"),
            ("custom_fields.order_type", "PurchaseOrderType")),
        [Entity.Vendors] = Map(Entity.Vendors,
            ("name", "coalesce(AddressName, Supplier)"),
            ("phone", "SupplierPhoneNumber"),
            ("address", "concat(AddressStreetName, ' ', AddressHouseNumber, ', ', AddressPostalCode, ' ', AddressCityName) | trim"),
            ("custom_fields.contact", "SupplierRespSalesPersonName")),
    };

    private static EntityMapping Map(Entity entity, params (string Target, string Expression)[] fields) =>
        new(entity, [.. fields.Select(f => new FieldMapping(f.Target, f.Expression))]);
}
