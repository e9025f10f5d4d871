using Millwright.Client;
using Millwright.Client.Connections;
using Millwright.Client.Sync;
using Millwright.Sandbox.Maximo;
using Spectre.Console;

namespace Millwright.Server.Hosting.Demo;

internal sealed partial class DemoRunner
{
    private const string MaximoSystem = "ibm-maximo";

    /// <summary>
    /// The demo's second system: a test connection to this process's IBM Maximo sandbox (API key of the
    /// sandbox's integration user), synced before the credentials are printed. Returns its id and a fresh token.
    /// </summary>
    private async Task<(string ConnectionId, string Token)> ConnectMaximoAsync(MillwrightClient client, string baseUrl, CancellationToken ct)
    {
        var sandboxUrl = $"{baseUrl}sandbox/maximo/maximo";
        var existing = await FindDemoConnectionAsync(client, ct, MaximoSystem);
        string connectionId;
        string token;
        string? runId;
        if (existing is null)
        {
            var created = await client.CreateConnectionAsync(new CreateConnectionRequest
            {
                System = MaximoSystem,
                Settings = new Dictionary<string, string> { ["base_url"] = sandboxUrl },
                Credentials = new Dictionary<string, string> { ["api_key"] = MaximoSandboxSettings.DemoApiKey },
                Metadata = new Dictionary<string, string> { [DemoMarker] = "true" },
            }, ct);
            connectionId = created.Connection.Id;
            token = created.Token.Token;
            runId = await LatestRunIdAsync(client, connectionId, ct);
        }
        else
        {
            connectionId = existing;
            await PointAtThisSandboxAsync(connectionId, sandboxUrl, ct);
            token = (await client.CreateConnectionTokenAsync(connectionId, new CreateConnectionTokenRequest { Name = "demo" }, ct)).Token;
            runId = await StartSyncAsync(client, connectionId, ct);
        }

        if (runId is not null)
        {
            SyncRun run = await AnsiConsole.Status().StartAsync("Syncing the IBM Maximo sandbox…",
                _ => client.WaitForSyncRunAsync(connectionId, runId, TimeSpan.FromMilliseconds(300), ct));
            AnsiConsole.MarkupLine(
                $"IBM Maximo sync {Markup.Escape(Wire(run.Kind))} {Markup.Escape(Wire(run.Status))}: " +
                $"{run.Counts.Added} added, {run.Counts.Updated} updated, {run.Counts.Deleted} deleted.");
        }

        return (connectionId, token);
    }
}
