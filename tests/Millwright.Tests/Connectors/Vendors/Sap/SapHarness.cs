using Millwright.Connectors.Core;
using Millwright.Connectors.Vendors.Sap;
using Millwright.Sandbox.Sap;
using Millwright.Tests.Support;

namespace Millwright.Tests.Connectors.Vendors.Sap;

/// <summary>The SAP connector (<see cref="ConnectorHarness"/>, real guarded transport) and SAP connections.</summary>
/// <param name="interceptor">The innermost handler, for write tests that act between the connector's calls.</param>
internal sealed class SapHarness(WriteInterceptor? interceptor = null, TimeSpan? attemptTimeout = null)
    : ConnectorHarness(SapSettings.SystemId, options: o => o.AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10), interceptor: interceptor)
{
    public static ConnectionContext Connection(string baseUrl, string environment = "test", string? client = SapSandboxSettings.Client,
        string user = SapSandboxSettings.DemoUser, string password = SapSandboxSettings.DemoPassword)
    {
        var settings = new Dictionary<string, string> { ["base_url"] = baseUrl };
        if (client is not null)
        {
            settings["sap_client"] = client;
        }

        return new($"conn_{Guid.NewGuid():N}", environment, settings, new Dictionary<string, string> { ["username"] = user, ["password"] = password });
    }
}
