using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Vendors.Fiix;
using Millwright.Sandbox.Fiix;
using Millwright.Tests.Support;

namespace Millwright.Tests.Connectors.Vendors.Fiix;

/// <summary>The Fiix connector (<see cref="ConnectorHarness"/>) and Fiix connections.</summary>
internal sealed class FiixHarness() : ConnectorHarness(FiixSettings.SystemId)
{
    public static ConnectionContext Connection(Uri tenantUrl, string appKey = FiixSandboxSettings.DemoAppKey, string accessKey = FiixSandboxSettings.DemoAccessKey,
        string secretKey = FiixSandboxSettings.DemoSecretKey, string environment = "test") =>
        new($"conn_{Guid.NewGuid():N}", environment, new Dictionary<string, string> { ["tenant_url"] = tenantUrl.ToString() },
            new Dictionary<string, string> { ["app_key"] = appKey, ["access_key"] = accessKey, ["secret_key"] = secretKey });

    public async Task<ConnectorResult<RawPage>> PageAsync(ConnectionContext connection, Entity entity, string? cursor = null, DateTimeOffset? since = null, int pageSize = 100) =>
        await Connector.ReadPageAsync(connection, new ReadRequest(entity, cursor, since, pageSize), CancellationToken.None);
}
