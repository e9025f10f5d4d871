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

    /// <summary>Priorities are written without the read's fallback (<c>*: none</c> cannot be inverted into a priority).</summary>
    private const string PriorityWrite = "MaintPriority | map(1: critical, 2: high, 3: medium, 4: low)";

    /// <summary>Marks a line written back through its own read expression.</summary>
    private const string Same = "=";
    private const string Address = "concat(StreetName, ' ', HouseNumber, ', ', PostalCode, ' ', CityName) | trim";

    /// <summary>An order's components over all its operations, without those flagged deleted (SAP keeps struck-off items).</summary>
    private const string Components = "each(to_MaintenanceOrderOperation.results[].to_MaintOrderOpComponent_2.results[?IsDeleted != true]) { "
        + "remote_id: MaintOrderComponentInternalID, part_id: Product | ref(parts), description: MaintOrdOperationComponentText, "
        + "quantity: MaintOrdOpCompRequiredQuantity | number, quantity_used: QuantityWithdrawnInBaseUnit | number, unit: BaseUnit, "
        + "site_id: Plant | ref(sites), storage_location: StorageLocation }";

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
            ("name", "EquipmentName", Same),
            ("code", "Equipment", null),
            ("status", "coalesce(EquipmentIsMarkedForDeletion | map(true: retired), EquipmentIsInactive | map(true: down)) | default(operational)", null),
            ("remote_status", "coalesce(EquipmentIsMarkedForDeletion | map(true: DLFL), EquipmentIsInactive | map(true: INAC), EquipmentIsInstalled | map(true: INST)) | default(AVLB)", null),
            ("site_id", Site, Same),
            ("location_id", "FunctionalLocation | ref(locations)", "FunctionalLocationLabelName | ref(locations)"),
            ("parent_id", "SuperordinateEquipment | ref(assets)", Same),
            ("serial_number", "ManufacturerSerialNumber", Same),
            ("manufacturer", "AssetManufacturerName", Same),
            ("model", "ManufacturerPartTypeName", Same),
            ("category", "TechnicalObjectType", Same),
            ("custom_fields.inventory_number", "InventoryNumber", Same),
            ("custom_fields.abc_indicator", "ABCIndicator", Same),
            ("custom_fields.construction_year", "ConstructionYear", Same)),
        [Entity.WorkOrders] = Map(Entity.WorkOrders,
            ("number", "MaintenanceOrder", null),
            ("title", "MaintenanceOrderDesc", Same),
            ("status", "coalesce(UserStatusText | words | map(WMAT: on_hold, HOLD: on_hold) | last, "
                + "SystemStatusText | words | map(CRTD: open, REL: in_progress, TECO: completed, CLSD: completed, DLFL: cancelled) | last) | default(other)", null),
            ("remote_status", "SystemStatusText | trim", null),
            ("priority", Priority, PriorityWrite),
            ("remote_priority", "MaintPriority", null),
            ("type", "MaintenanceOrderType", Same),
            ("site_id", Site, Same),
            ("location_id", "FunctionalLocation | ref(locations)", Same),
            ("asset_id", "Equipment | ref(assets)", Same),
            ("started_at", "MaintOrdBasicStartDateTime | date", Same),
            ("due_at", "MaintOrdBasicEndDateTime | date", Same),
            ("completed_at", "MainWorkCompletedDateTime | date", null),
            ("team_ids", "concat(MainWorkCenter, '/', MainWorkCenterPlant) | ref(teams)", null),
            ("parts", Components, null),
            ("custom_fields.user_status", "UserStatusText | trim", null),
            ("custom_fields.work_center", "MainWorkCenter", Same),
            ("custom_fields.notification", "MaintenanceNotification", Same),
            ("custom_fields.activity_type", "MaintenanceActivityType", Same)),
        [Entity.MaintenanceRequests] = Map(Entity.MaintenanceRequests,
            ("title", "NotificationText", Same),
            ("description", "MaintNotificationLongText", "MaintNotifLongTextForEdit"),
            ("status", "NotifProcessingPhase | map(1: pending, 2: pending, 3: approved, 4: completed, *: other)", null),
            ("remote_status", "coalesce(NotifProcessingPhaseDesc, NotifProcessingPhase)", null),
            ("priority", Priority, PriorityWrite),
            ("remote_priority", "MaintPriority", null),
            ("site_id", Site, Same),
            ("location_id", "FunctionalLocation | ref(locations)", "_millwright.functional_location | ref(locations)"),
            ("asset_id", "_millwright.equipment | ref(assets)", Same),
            ("work_order_id", "MaintenanceOrder | ref(work_orders)", Same),
            ("custom_fields.notification_type", "NotificationType", Same),
            ("custom_fields.reporter", "ReporterFullName", null),
            ("custom_fields.object_is_down", "MaintenanceObjectIsDown", Same)),
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
            ("name", "coalesce(to_Supplier.SupplierName, BusinessPartnerFullName, Supplier)"),
            ("address", "concat(to_BusinessPartnerAddress.results[0].StreetName, ' ', to_BusinessPartnerAddress.results[0].HouseNumber, ', ', "
                + "to_BusinessPartnerAddress.results[0].PostalCode, ' ', to_BusinessPartnerAddress.results[0].CityName) | trim"),
            ("custom_fields.business_partner", "BusinessPartner"),
            ("custom_fields.account_group", "to_Supplier.SupplierAccountGroup"),
            ("custom_fields.purchasing_blocked", "to_Supplier.PurchasingIsBlocked")),
        [Entity.Parts] = Map(Entity.Parts,
            ("name", "coalesce(to_Description.results[?Language == EN].ProductDescription | first, to_Description.results[0].ProductDescription, Product)"),
            ("number", "Product"),
            ("description", "to_Description.results[?Language == DE].ProductDescription | first"),
            ("unit_cost", "to_Valuation.results[0].StandardPrice | number"),
            ("unit", "BaseUnit"),
            ("stock", "each(_millwright.stock) { site_id: plant | ref(sites), storage_location: storage_location, quantity: quantity, unit: unit }"),
            ("total_quantity", "_millwright.stock[].quantity | sum"),
            ("custom_fields.product_type", "ProductType"),
            ("custom_fields.product_group", "ProductGroup"),
            ("custom_fields.manufacturer_part_number", "ProductManufacturerNumber"),
            ("custom_fields.plants", "to_Plant.results[].Plant | join(', ')")),
        [Entity.PmSchedules] = Map(Entity.PmSchedules,
            ("name", "MaintenancePlanDesc"),
            ("description", "to_Item.results[0].MaintenanceItemDescription"),
            ("asset_id", "to_Item.results[0].Equipment | ref(assets)"),
            ("location_id", "to_Item.results[0].FunctionalLocationLabelName | ref(locations)"),
            ("interval_value", "to_MaintenanceCycle.results[0].MaintPlanCycRcrrcIntervalQty | number"),
            ("interval_unit", "coalesce(to_MaintenanceCycle.results[0].MaintPlanCycRcrrcIntervalUnit | map(DAY: day, WK: week, MON: month, YR: year), "
                + "to_MaintenanceCycle.results[0].MaintPlanCycRcrrcIntervalUnit)"),
            ("next_due_at", "_millwright.next_due | date"),
            ("is_active", "MaintenancePlanSystemStatus | words | map(INAC: false, DLFL: false) | first | default(true)"),
            ("custom_fields.measuring_point", "to_MaintenanceCycle.results[0].MeasuringPoint"),
            ("custom_fields.strategy", "MaintenanceStrategy"),
            ("custom_fields.system_status", "MaintenancePlanSystemStatus"),
            ("custom_fields.work_center", "to_Item.results[0].MainWorkCenter"),
            ("custom_fields.order_type", "to_Item.results[0].MaintenanceOrderType")),
        [Entity.Meters] = Map(Entity.Meters,
            ("name", "MeasuringPointDescription"),
            ("unit", "CharcValueUnit"),
            ("asset_id", "Equipment | ref(assets)"),
            ("location_id", "FunctionalLocation | ref(locations)"),
            ("last_reading_value", "_millwright.last_reading.value | number"),
            ("last_reading_at", "_millwright.last_reading.at | date"),
            ("custom_fields.characteristic", "MsrgPtInternalCharacteristic"),
            ("custom_fields.is_counter", "MeasuringPointIsCounter"),
            ("custom_fields.category", "MeasuringPointCategory"),
            ("custom_fields.is_inactive", "MeasuringPointIsInactive")),
        [Entity.Teams] = Map(Entity.Teams,
            ("name", "WorkCenterDesc"),
            ("description", "concat(WorkCenter, ' ', Plant, ' ', WorkCenterResponsibleName) | trim"),
            ("custom_fields.work_center", "WorkCenter"),
            ("custom_fields.plant", "Plant"),
            ("custom_fields.site_id", "Plant | ref(sites)"),
            ("custom_fields.category", "WorkCenterCategoryCode"),
            ("custom_fields.responsible", "WorkCenterResponsibleName")),
        [Entity.MeterReadings] = Map(Entity.MeterReadings,
            ("meter_id", "MeasuringPoint | ref(meters)", Same),
            ("value", "MeasurementReadingInEntryUoM | number", "MeasurementReadingInEntryUoM"),
            ("read_at", "MeasurementReadingDateTime | date", "_millwright.read_at | date"),
            ("custom_fields.unit", "MeasurementReadingEntryUoM", null),
            ("custom_fields.counter_difference", "MsmtCounterReadingDifference", null),
            ("custom_fields.text", "MeasurementDocumentText", Same),
            ("custom_fields.read_by", "MsmtRdngByUser", null),
            ("custom_fields.is_reversed", "MsmtRdngIsReversed", null)),
    };

    private static EntityMapping Map(Entity entity, params (string Target, string Expression)[] fields) =>
        new(entity, [.. fields.Select(f => new FieldMapping(f.Target, f.Expression))]);

    /// <summary>
    /// An entity whose lines may say how they are written back: <see cref="Same"/> (the read expression), or another expression
    /// where SAP reads and writes a value at different properties (README.md, "Writing").
    /// </summary>
    private static EntityMapping Map(Entity entity, params (string Target, string Expression, string? Write)[] fields) =>
        new(entity, [.. fields.Select(f => new FieldMapping(f.Target, f.Expression, f.Write == Same ? f.Expression : f.Write))]);
}
