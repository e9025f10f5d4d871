using Millwright.Connectors.Vendors.Maximo;
using Millwright.Tests.Connectors.Modules;

namespace Millwright.Tests.Connectors.Vendors.Maximo;

internal sealed class MaximoTestProfile : IVendorTestProfile
{
    public string SystemId => MaximoSettings.SystemId;

    public IReadOnlyDictionary<string, string?> SmallSandbox { get; } = new Dictionary<string, string?>
    {
        ["WorkOrderCount"] = "300",
        ["AssetCount"] = "40",
    };
}
