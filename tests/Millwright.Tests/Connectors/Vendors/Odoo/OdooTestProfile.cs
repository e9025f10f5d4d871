using Millwright.Connectors.Vendors.Odoo;
using Millwright.Tests.Connectors.Modules;

namespace Millwright.Tests.Connectors.Vendors.Odoo;

internal sealed class OdooTestProfile : IVendorTestProfile
{
    public string SystemId => OdooSettings.SystemId;

    public IReadOnlyDictionary<string, string?> SmallSandbox { get; } = new Dictionary<string, string?>
    {
        ["EquipmentCount"] = "60",
        ["RequestCount"] = "400",
        ["PartCount"] = "30",
        ["PurchaseOrderCount"] = "20",
    };
}
