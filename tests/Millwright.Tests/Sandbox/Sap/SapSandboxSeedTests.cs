using System.Globalization;
using System.Text.Json.Nodes;

namespace Millwright.Tests.Sandbox.Sap;

/// <summary>The seed of the added services refers only to what exists: materials and plants, equipment and locations, points, work centers, suppliers.</summary>
public sealed class SapSandboxSeedTests(SapSandboxFixture fixture) : IClassFixture<SapSandboxFixture>
{
    [Fact]
    public async Task Stock_IsOfRealMaterialsAtTheirPlantsAndStorageLocations()
    {
        var products = await fixture.Client("API_PRODUCT_SRV").WalkAsync("A_Product?$format=json");
        var storage = (await fixture.Client("API_PRODUCT_SRV").WalkAsync("A_ProductStorageLocation?$format=json"))
            .Select(s => $"{s["Product"]}/{s["Plant"]}/{s["StorageLocation"]}").ToHashSet();
        var stock = await fixture.Client("API_MATERIAL_STOCK_SRV").WalkAsync("A_MatlStkInAcctMod?$format=json");
        var ordered = (await fixture.Client("API_PURCHASEORDER_PROCESS_SRV").WalkAsync("A_PurchaseOrderItem?$format=json")).Select(i => (string)i["Material"]!);

        Assert.NotEmpty(stock);
        Assert.All(stock, s => Assert.Contains($"{s["Material"]}/{s["Plant"]}/{s["StorageLocation"]}", storage));
        Assert.Subset(products.Select(p => (string)p["Product"]!).ToHashSet(), ordered.ToHashSet());
    }

    [Fact]
    public async Task Components_AreRealMaterialsStoredAtTheOrdersPlantAndWithdrawnAsTheOrderProgressed()
    {
        var products = (await fixture.Client("API_PRODUCT_SRV").WalkAsync("A_Product?$format=json")).ToDictionary(p => (string)p["Product"]!);
        var storage = (await fixture.Client("API_PRODUCT_SRV").WalkAsync("A_ProductStorageLocation?$format=json"))
            .Select(s => $"{s["Product"]}/{s["Plant"]}/{s["StorageLocation"]}").ToHashSet();
        var orders = (await fixture.Client("API_MAINTENANCEORDER").WalkAsync("MaintenanceOrder?$format=json")).ToDictionary(o => (string)o["MaintenanceOrder"]!);
        var operations = (await fixture.Client("API_MAINTENANCEORDER").WalkAsync("MaintenanceOrderOperation?$format=json"))
            .Select(o => $"{o["MaintenanceOrder"]}/{o["MaintenanceOrderOperation"]}").ToHashSet();
        var components = await fixture.Client("API_MAINTENANCEORDER").WalkAsync("MaintOrderOpComponent?$format=json");
        static decimal Quantity(JsonNode? value) => decimal.Parse((string)value!, CultureInfo.InvariantCulture);

        Assert.True(components.Count > 20, $"{components.Count} components");
        Assert.All(components, c =>
        {
            var order = orders[(string)c["MaintenanceOrder"]!];
            Assert.Contains($"{c["MaintenanceOrder"]}/{c["MaintenanceOrderOperation"]}", operations);
            Assert.Equal((string?)order["MaintenancePlant"], (string?)c["Plant"]);
            Assert.Contains($"{c["Product"]}/{c["Plant"]}/{c["StorageLocation"]}", storage);
            Assert.Equal((string?)products[(string)c["Product"]!]["BaseUnit"], (string?)c["BaseUnit"]);
            Assert.InRange(Quantity(c["QuantityWithdrawnInBaseUnit"]), 0m, Quantity(c["MaintOrdOpCompRequiredQuantity"]));
            if (((string)order["SystemStatusText"]!).StartsWith("CRTD", StringComparison.Ordinal) || c["IsDeleted"]!.GetValue<bool>())
            {
                Assert.Equal(0m, Quantity(c["QuantityWithdrawnInBaseUnit"]));
            }
        });
        Assert.Contains(components, c => Quantity(c["QuantityWithdrawnInBaseUnit"]) > 0);
        Assert.Equal(components.Count, components.Select(c => (string)c["MaintOrderComponentInternalID"]!).Distinct().Count());
    }

    [Fact]
    public async Task PlansPointsAndDocuments_PointAtRealEquipmentLocationsAndMeasuringPoints()
    {
        var equipment = (await fixture.Client("API_EQUIPMENT").WalkAsync("Equipment?$format=json")).ToDictionary(e => (string)e["Equipment"]!);
        var locations = (await fixture.Client("API_FUNCTIONALLOCATION").WalkAsync("FunctionalLocation?$format=json")).Select(l => (string)l["FunctionalLocationLabelName"]!).ToHashSet();
        var items = await fixture.Client("API_MAINTENANCEPLAN").WalkAsync("MaintenanceItem?$format=json");
        var cycles = await fixture.Client("API_MAINTENANCEPLAN").WalkAsync("MaintenancePlanCycle?$format=json");
        var points = (await SapSandboxV4Tests.WalkV4Async(fixture.Client("API_MEASURINGPOINT_0001"), "MeasuringPoint")).ToDictionary(p => (string)p["MeasuringPoint"]!);
        var documents = await SapSandboxV4Tests.WalkV4Async(fixture.Client("API_MEASUREMENTDOCUMENT_0001"), "MeasurementDocument");

        Assert.All(items, i => Assert.Contains((string)i["Equipment"]!, equipment.Keys));
        Assert.All(items, i => Assert.Contains((string)i["FunctionalLocationLabelName"]!, locations));
        Assert.All(cycles.Where(c => (string)c["MeasuringPoint"]! != ""), c => Assert.True(points[(string)c["MeasuringPoint"]!]["MeasuringPointIsCounter"]!.GetValue<bool>()));
        Assert.Contains(cycles, c => (string)c["MeasuringPoint"]! != "");
        Assert.All(points.Values, p => Assert.Equal((string)equipment[(string)p["Equipment"]!]["FunctionalLocation"]!, (string)p["FunctionalLocation"]!));
        Assert.All(documents, d => Assert.Contains((string)d["MeasuringPoint"]!, points.Keys));
    }

    [Fact]
    public async Task WorkCentersAndSuppliers_CoverEveryOrdersWorkCenterAndEveryPurchaseOrdersSupplier()
    {
        var centers = (await fixture.Client("API_WORK_CENTERS").WalkAsync("A_WorkCenters?$format=json")).Select(w => $"{w["Plant"]}/{w["WorkCenter"]}").ToHashSet();
        var orders = await fixture.Client("API_MAINTENANCEORDER").WalkAsync("MaintenanceOrder?$format=json&$select=MainWorkCenter,MainWorkCenterPlant");
        var suppliers = (await fixture.Client("API_BUSINESS_PARTNER").WalkAsync("A_Supplier?$format=json")).Select(s => (string)s["Supplier"]!).ToHashSet();
        var partners = (await fixture.Client("API_BUSINESS_PARTNER").WalkAsync("A_BusinessPartner?$format=json")).Select(s => (string)s["Supplier"]!).ToHashSet();
        var purchase = await fixture.Client("API_PURCHASEORDER_PROCESS_SRV").WalkAsync("A_PurchaseOrder?$format=json&$select=Supplier");

        Assert.All(orders, o => Assert.Contains($"{o["MainWorkCenterPlant"]}/{o["MainWorkCenter"]}", centers));
        Assert.All(purchase, p => Assert.Contains((string)p["Supplier"]!, suppliers));
        Assert.True(suppliers.SetEquals(partners));
    }
}
