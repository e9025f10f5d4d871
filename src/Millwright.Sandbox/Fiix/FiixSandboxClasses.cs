namespace Millwright.Sandbox.Fiix;

/// <summary>The wire type of one Fiix field, by its Hungarian prefix as the SDK declares it.</summary>
internal enum FxType
{
    /// <summary><c>id</c>, <c>int*</c> and <c>bol*</c> (0/1): JSON integers.</summary>
    Long,

    /// <summary><c>dbl*</c>, <c>qty*</c>: JSON numbers.</summary>
    Double,

    /// <summary><c>str*</c>: JSON strings.</summary>
    String,

    /// <summary><c>dtm*</c>: Java dates, which the SDK's Jackson mapper writes as epoch milliseconds.</summary>
    Date,
}

/// <summary>
/// The object classes this emulator serves, each with exactly the fields (and types) that Fiix's Java SDK
/// declares for it (<c>fiix-cmms-client-java</c> dto/*.java, as extracted in
/// <c>../shared/vendor-specs/fiix/fiix-cmms-classes.json</c>; a test compares the two). Letters: L long,
/// D double, S string, T date.
/// </summary>
internal static class FxClasses
{
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, FxType>> All { get; } = new Dictionary<string, IReadOnlyDictionary<string, FxType>>(StringComparer.Ordinal)
    {
        ["Asset"] = Fields("id:L bolIsBillToFacility:L bolIsOnline:L bolIsRegion:L bolIsShippingOrReceivingFacility:L bolIsSite:L dblLastPrice:D dblLatitude:D dblLongitude:D intAssetLocationID:L intAssetParentID:L intCategoryID:L intCountryID:L intKind:L intSiteID:L intSuperCategorySysCode:L intUpdated:L qtyMinStockCount:D qtyStockCount:D strAddress:S strAisle:S strBarcode:S strBinNumber:S strCity:S strCode:S strCustomerIds:S strDescription:S strInventoryCode:S strMASourceProduct:S strMake:S strModel:S strName:S strNotes:S strPostalCode:S strProvince:S strQuotingTerms:S strRow:S strSerialNumber:S strShippingTerms:S strStockLocation:S strUnspcCode:S strVendorIds:S"),
        ["AssetCategory"] = Fields("id:L intSysCode:L bolOverrideRules:L intParentID:L strName:S"),
        ["Business"] = Fields("id:L intCountryID:L strAddress:S strCity:S strCode:S strFax:S strName:S strNotes:S strPhone:S strPhone2:S strPostalCode:S strPrimaryContact:S strPrimaryEmail:S strProvince:S strSecondaryEmail:S strTimezone:S"),
        ["CalendarEvent"] = Fields("id:L dtmDate:T intScheduleTriggerID:L intScheduledMaintenanceID:L"),
        ["MaintenanceType"] = Fields("id:L intSysCode:L strColor:S strName:S"),
        ["MeterReading"] = Fields("id:L dblMeterReading:D dtmDateSubmitted:T intAssetID:L intMeterReadingUnitsID:L intSubmittedByUserID:L intWorkOrderID:L"),
        ["MeterReadingUnit"] = Fields("id:L intPrecision:L strName:S strSymbol:S"),
        ["Priority"] = Fields("id:L intSysCode:L intOrder:L strName:S"),
        ["PurchaseOrder"] = Fields("id:L intPurchaseOrderStatusID:L intSiteID:L"),
        ["PurchaseOrderLineItem"] = Fields("id:L bolAddedDirectlyToPurchaseOrder:L bolProductionEquipmentDownWhileOnOrder:L bolSupplierConfirmed:L dblRemoteOrgUnitPrice:D dblTaxRate:D dblTotalPrice:D dblUnitPrice:D dtmDateCreated:T dtmRequiredByDate:T intAccountID:L intAssetID:L intChargeDepartmentID:L intPurchaseOrderID:L intRequestedByUserID:L intShipToLocationID:L intSiteID:L intSourceAssetID:L intSourceWorkOrderID:L intStockHistoryID:L intStockID:L intSupplierID:L qtyOnOrder:D qtyRecieved:D strBusinessAssetNumber:S strDescription:S strJSON:S"),
        ["PurchaseOrderStatus"] = Fields("id:L intSysCode:L intControlID:L strDefaultLabel:S strName:S"),
        ["ScheduledMaintenance"] = Fields("id:L dblSuggestedTime:D dtmCreateDate:T dtmUpdatedDate:T intMaintenanceTypeID:L intPriorityID:L intProjectID:L intRequestorUserID:L intScheduledMaintenanceStatusID:L intSiteID:L intStartAsWorkOrderStatusID:L intSuggestedCompletion:L strCode:S strCompletionNotes:S strCustomerIds:S strDescription:S strVendorIds:S"),
        ["ScheduledMaintenanceAsset"] = Fields("id:L intAssetID:L intScheduledMaintenanceID:L"),
        ["Stock"] = Fields("id:L intAssetID:L intFacilityID:L qtyMinQty:D qtyOnHand:D strAisle:S strBin:S strRow:S"),
        ["User"] = Fields("id:L bolApiApplicationUser:L bolApiManaged:L bolGroup:L bolPushNotificationMessages:L intLocalizationID:L intUserStatusID:L strBusinessIds:S strEmailAddress:S strFullName:S strNotes:S strOneSignalPlayerIDs:S strPersonnelCode:S strPlayerID:S strPreferences:S strRequestNotes:S strTelephone:S strTelephone2:S strUserName:S strUserTitle:S"),
        ["WorkOrder"] = Fields("id:L dtmDateCompleted:T dtmDateCreated:T dtmDateLastModified:T dtmSuggestedCompletionDate:T intCompletedByUserID:L intMaintenanceTypeID:L intPriorityID:L intRCAActionID:L intRCACauseID:L intRCAProblemID:L intRequestedByUserID:L intSiteID:L intUpdated:L intWorkOrderStatusGroup:L intWorkOrderStatusID:L strAdminNotes:S strAssetIds:S strAssets:S strAssignedUserIds:S strAssignedUsers:S strCode:S strCompletedByUserIds:S strCompletedByUsers:S strCompletionNotes:S strCustomerIds:S strDescription:S strEmailUserGuest:S strNameUserGuest:S strPhoneUserGuest:S strVendorIds:S"),
        ["WorkOrderAsset"] = Fields("id:L intAssetID:L intUpdated:L intWorkOrderID:L"),
        ["WorkOrderPart"] = Fields("id:L intAssetID:L intPartID:L intStockID:L intUpdated:L intWorkOrderID:L qtyActualQuantityUsed:D qtySuggestedQuantity:D"),
        ["WorkOrderStatus"] = Fields("id:L intSysCode:L intControlID:L strName:S"),
        ["WorkOrderUser"] = Fields("id:L bolNotifyOnAssignment:L bolNotifyOnCompletion:L bolNotifyOnOnlineOffline:L bolNotifyOnStatusChange:L bolNotifyOnTaskCompleted:L intUserID:L intWorkOrderID:L"),
    };

    /// <summary>
    /// Foreign keys whose display value a client may ask for as <c>dv_&lt;field&gt;</c>: the referenced class
    /// and the field shown. The SDK documents <c>dv_</c> for foreign keys without listing them; these are
    /// the sandbox's reading of the field names (README, "Assumptions").
    /// </summary>
    public static IReadOnlyDictionary<string, (string Class, string Field)> DisplayValues { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["intWorkOrderStatusID"] = ("WorkOrderStatus", "strName"),
        ["intPriorityID"] = ("Priority", "strName"),
        ["intMaintenanceTypeID"] = ("MaintenanceType", "strName"),
        ["intSiteID"] = ("Asset", "strName"),
        ["intAssetID"] = ("Asset", "strName"),
        ["intAssetParentID"] = ("Asset", "strName"),
        ["intAssetLocationID"] = ("Asset", "strName"),
        ["intFacilityID"] = ("Asset", "strName"),
        ["intCategoryID"] = ("AssetCategory", "strName"),
        ["intParentID"] = ("AssetCategory", "strName"),
        ["intPurchaseOrderStatusID"] = ("PurchaseOrderStatus", "strName"),
        ["intSupplierID"] = ("Business", "strName"),
        ["intUserID"] = ("User", "strFullName"),
        ["intRequestedByUserID"] = ("User", "strFullName"),
        ["intCompletedByUserID"] = ("User", "strFullName"),
        ["intSubmittedByUserID"] = ("User", "strFullName"),
        ["intMeterReadingUnitsID"] = ("MeterReadingUnit", "strName"),
        ["intWorkOrderID"] = ("WorkOrder", "strCode"),
        ["intScheduledMaintenanceID"] = ("ScheduledMaintenance", "strCode"),
        ["intPurchaseOrderID"] = ("PurchaseOrder", "id"),
        ["intStartAsWorkOrderStatusID"] = ("WorkOrderStatus", "strName"),
    };

    public static IReadOnlyDictionary<string, FxType>? Find(string? className) =>
        className is not null && All.TryGetValue(className, out var fields) ? fields : null;

    private static Dictionary<string, FxType> Fields(string list) =>
        list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split(':')).ToDictionary(
            p => p[0],
            p => p[1] switch
            {
                "L" => FxType.Long,
                "D" => FxType.Double,
                "S" => FxType.String,
                _ => FxType.Date,
            },
            StringComparer.Ordinal);
}
