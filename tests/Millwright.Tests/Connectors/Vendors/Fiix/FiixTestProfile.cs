using Millwright.Connectors.Vendors.Fiix;
using Millwright.Tests.Connectors.Modules;

namespace Millwright.Tests.Connectors.Vendors.Fiix;

internal sealed class FiixTestProfile : IVendorTestProfile
{
    public string SystemId => FiixSettings.SystemId;

    public IReadOnlyDictionary<string, string?> SmallSandbox { get; } = new Dictionary<string, string?>
    {
        ["WorkOrderCount"] = "240",
        ["AssetCount"] = "40",
    };
}
