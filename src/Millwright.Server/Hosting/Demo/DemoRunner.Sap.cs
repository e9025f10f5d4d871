using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Client.Sync;
using Millwright.Sandbox.Sap;
using Spectre.Console;

namespace Millwright.Server.Hosting.Demo;

/// <summary>
/// The demo's second connection: SAP S/4HANA through the SAP sandbox of this process. It is created (or
/// found again) before the MaintainX progress is shown, so its first sync runs alongside; afterwards the
/// demo waits for it and prints its id and a token beside the MaintainX ones.
/// </summary>
internal sealed partial class DemoRunner
{
    private const string SapSystem = "sap-s4hana";

    private sealed record SapDemo(string ConnectionId, string Token, string? RunId);

    private async Task<SapDemo> ConnectSapAsync(MillwrightClient client, string baseUrl, CancellationToken ct)
    {
        var sandboxUrl = $"{baseUrl}sandbox/sap";
        var page = await client.ListConnectionsAsync(new ListConnectionsOptions
        {
            Limit = 1,
            System = SapSystem,
            Metadata = new Dictionary<string, string> { [DemoMarker] = "true" },
        }, ct);
        if (page.Data.Count > 0)
        {
            var id = page.Data[0].Id;
            await PointAtThisSandboxAsync(id, sandboxUrl, ct);
            var token = (await client.CreateConnectionTokenAsync(id, new CreateConnectionTokenRequest { Name = "demo" }, ct)).Token;
            return new SapDemo(id, token, await StartSyncAsync(client, id, ct));
        }

        var created = await client.CreateConnectionAsync(new CreateConnectionRequest
        {
            System = SapSystem,
            Settings = new Dictionary<string, string> { ["base_url"] = sandboxUrl, ["sap_client"] = SapSandboxSettings.Client },
            Credentials = new Dictionary<string, string> { ["username"] = SapSandboxSettings.DemoUser, ["password"] = SapSandboxSettings.DemoPassword },
            Metadata = new Dictionary<string, string> { [DemoMarker] = "true" },
        }, ct);
        return new SapDemo(created.Connection.Id, created.Token.Token, await LatestRunIdAsync(client, created.Connection.Id, ct));
    }

    private static async Task ShowSapSyncAsync(MillwrightClient client, SapDemo sap, CancellationToken ct)
    {
        if (sap.RunId is null)
        {
            return;
        }

        var run = await client.WaitForSyncRunAsync(sap.ConnectionId, sap.RunId, TimeSpan.FromMilliseconds(300), ct);
        AnsiConsole.MarkupLine(
            $"SAP S/4HANA sync {Markup.Escape(Wire(run.Kind))} {Markup.Escape(Wire(run.Status))}: " +
            $"{run.Counts.Added} added, {run.Counts.Updated} updated, {run.Counts.Deleted} deleted.");
    }
}
