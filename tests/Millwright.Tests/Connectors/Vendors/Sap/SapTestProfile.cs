using Millwright.Connectors.Vendors.Sap;
using Millwright.Tests.Connectors.Modules;

namespace Millwright.Tests.Connectors.Vendors.Sap;

internal sealed class SapTestProfile : IVendorTestProfile
{
    public string SystemId => SapSettings.SystemId;

    /// <summary>Server pages of 25, so that <c>__next</c> paging always happens.</summary>
    public IReadOnlyDictionary<string, string?> SmallSandbox { get; } = new Dictionary<string, string?>
    {
        ["RequestsPerMinute"] = "1000000",
        ["MaxPageSize"] = "25",
        ["MaintenanceOrderCount"] = "70",
        ["EquipmentCount"] = "30",
        ["NotificationCount"] = "40",
        ["PurchaseOrderCount"] = "20",
    };
}
