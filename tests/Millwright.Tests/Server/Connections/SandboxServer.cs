using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Sandbox.MaintainX;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Connections;

/// <summary>
/// A server whose mounted MaintainX sandbox has a small data set and no practical rate limit, so every
/// connection's first sync is quick and credential checks never queue behind it.
/// </summary>
public sealed class SandboxServer : IDisposable
{
    public MillwrightHost Server { get; } = new(new Dictionary<string, string?>
    {
        [$"{new MaintainXSandboxModule().ConfigurationSection}:RequestsPerMinute"] = "100000",
        [$"{new MaintainXSandboxModule().ConfigurationSection}:WorkOrderCount"] = "120",
        [$"{new MaintainXSandboxModule().ConfigurationSection}:AssetCount"] = "20",
    });

    /// <summary>The sandbox's API base URL as a customer would type it.</summary>
    public string MaintainXBaseUrl => new Uri(Server.BaseAddress, "sandbox/maintainx/v1").ToString();

    public CreateConnectionRequest MaintainX(string apiKey = MaintainXSandboxSettings.DemoApiKey, IReadOnlyDictionary<string, string>? metadata = null) => new()
    {
        System = "maintainx",
        Settings = new Dictionary<string, string> { ["base_url"] = MaintainXBaseUrl },
        Credentials = new Dictionary<string, string> { ["api_key"] = apiKey },
        Metadata = metadata,
    };

    /// <summary>Waits until the connection's first sync has finished (status leaves <c>syncing</c>).</summary>
    public static async Task<Connection> WaitForFirstSyncAsync(MillwrightClient tokenClient)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var connection = await tokenClient.GetCurrentConnectionAsync();
            if (connection.Status != ConnectionStatuses.Syncing || waited.Elapsed > TimeSpan.FromMinutes(2))
            {
                return connection;
            }

            await Task.Delay(200);
        }
    }

    public void Dispose() => Server.Dispose();
}
