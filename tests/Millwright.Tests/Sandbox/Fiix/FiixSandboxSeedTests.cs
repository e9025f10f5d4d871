using Millwright.Sandbox.Fiix;

namespace Millwright.Tests.Sandbox.Fiix;

/// <summary>The seeded tenant is the same for the same seed, and its references point at existing objects.</summary>
public sealed class FiixSandboxSeedTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_SameSeed_SameTenant()
    {
        var a = FiixSandboxSeed.Build(FiixSandboxFixture.Small(), Now);
        var b = FiixSandboxSeed.Build(FiixSandboxFixture.Small(), Now);

        foreach (var className in FxClasses.All.Keys)
        {
            Assert.Equal(a.All(className).Select(o => o.ToJsonString()), b.All(className).Select(o => o.ToJsonString()));
        }
    }

    [Fact]
    public void Build_References_PointAtExistingObjects()
    {
        var data = FiixSandboxSeed.Build(FiixSandboxFixture.Small(), Now);
        (string Class, string Field, string Target)[] references =
        [
            ("WorkOrder", "intWorkOrderStatusID", "WorkOrderStatus"), ("WorkOrder", "intPriorityID", "Priority"), ("WorkOrder", "intSiteID", "Asset"),
            ("WorkOrder", "intMaintenanceTypeID", "MaintenanceType"), ("WorkOrderAsset", "intAssetID", "Asset"), ("WorkOrderAsset", "intWorkOrderID", "WorkOrder"),
            ("Asset", "intAssetParentID", "Asset"), ("Asset", "intAssetLocationID", "Asset"), ("Asset", "intCategoryID", "AssetCategory"),
            ("Stock", "intAssetID", "Asset"), ("Stock", "intFacilityID", "Asset"), ("PurchaseOrderLineItem", "intPurchaseOrderID", "PurchaseOrder"),
            ("PurchaseOrderLineItem", "intSupplierID", "Business"), ("MeterReading", "intAssetID", "Asset"), ("ScheduledMaintenanceAsset", "intScheduledMaintenanceID", "ScheduledMaintenance"),
        ];

        foreach (var (className, field, target) in references)
        {
            foreach (var row in data.All(className))
            {
                if (FxExecutor.Long(row[field]) is { } id)
                {
                    Assert.True(data.Find(target, id) is not null, $"{className} {row["id"]}.{field} = {id} has no {target}");
                }
            }
        }
    }
}
