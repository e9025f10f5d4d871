using Millwright.Connectors.Vendors.MaintainX;
using Millwright.Tests.Connectors.Modules;

namespace Millwright.Tests.Connectors.Vendors.MaintainX;

internal sealed class MaintainXTestProfile : IVendorTestProfile
{
    public string SystemId => MaintainXSettings.SystemId;

    public IReadOnlyDictionary<string, string?> SmallSandbox { get; } = new Dictionary<string, string?>
    {
        ["RequestsPerMinute"] = "1000000",
        ["WorkOrderCount"] = "120",
        ["AssetCount"] = "20",
    };
}
