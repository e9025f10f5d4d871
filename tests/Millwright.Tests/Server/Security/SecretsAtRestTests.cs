using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Millwright.Client;
using Millwright.Client.Connect;
using Millwright.Client.Connections;
using Millwright.Client.Models;
using Millwright.Client.Webhooks;
using Millwright.Sandbox.MaintainX;
using Millwright.Server.Persistence;
using Millwright.Tests.Server.Connect;
using Millwright.Tests.Server.Connections;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Security;

/// <summary>
/// Issue 20, item 5: after a full tour — an account, a connection through Connect, link sessions, magic links,
/// tokens, webhooks — no secret used on the way is found in any table of the store, in any log line of the
/// server (every level), or in what the request-log API shows.
/// </summary>
public sealed class SecretsAtRestTests
{
    [Fact]
    public async Task FullTour_NoSecretInStoreLogsOrRequestLogs()
    {
        var logs = new CapturedLogs();
        await using var receiver = await Webhooks.WebhookReceiver.StartAsync();
        using var host = new MillwrightHost(configureServices: logs.AddAsConfigured);
        var account = await host.CreateAccountAsync();
        var keys = new MillwrightClient(host.Http(), account.TestSecretKey);
        var sandboxUrl = new Uri(host.BaseAddress, "sandbox/maintainx/v1").ToString();

        var link = await keys.CreateLinkSessionAsync(new CreateLinkSessionRequest { EndUser = new EndUser("cust_1"), RedirectUrl = "https://integrator.example/done" });
        var magic = await keys.CreateMagicLinkAsync(new CreateLinkSessionRequest { EndUser = new EndUser("cust_2") });
        using var flow = new ConnectFlow(host.BaseAddress);
        (await flow.SubmitMaintainXAsync(link.Url, sandboxUrl)).Dispose();
        (await flow.GetAsync(magic.Url + "?code=should-not-be-logged")).Dispose();
        var (code, connectionId) = await flow.FinishAsync(link.Url);
        var exchanged = await keys.ExchangeLinkCodeAsync(code);
        var extra = await keys.CreateConnectionTokenAsync(connectionId);
        var endpoint = await keys.CreateWebhookEndpointAsync(new CreateWebhookEndpointRequest(receiver.Url.ToString()));
        await new MillwrightClient(host.Http(), extra.Token).GetCurrentConnectionAsync();
        var rotated = await keys.RotateConnectionTokenAsync(connectionId, extra.Id, new Millwright.Client.Keys.RotateRequest { GracePeriodSeconds = 0 });

        var secrets = new Dictionary<string, string>
        {
            ["test secret key"] = account.TestSecretKey,
            ["live secret key"] = account.LiveSecretKey,
            ["link session secret"] = SecretOf(link.Url),
            ["magic link secret"] = SecretOf(magic.Url),
            ["Connect code"] = code,
            ["Connect code body"] = code["mwc_".Length..],
            ["exchanged token"] = exchanged.Token!.Token,
            ["issued token"] = extra.Token,
            ["rotated token"] = rotated.Successor.Token,
            ["webhook signing secret"] = endpoint.Secret!,
            ["vendor api key"] = MaintainXSandboxSettings.DemoApiKey,
            ["query secret"] = "should-not-be-logged",
        };

        var store = await DumpStoreAsync(host);
        var requestLogs = await RequestLogsAsync(keys);
        var logLines = string.Join('\n', logs.Entries);
        foreach (var (name, secret) in secrets)
        {
            Assert.False(store.Contains(secret, StringComparison.Ordinal), $"the store holds the {name}");
            Assert.False(logLines.Contains(secret, StringComparison.Ordinal), $"a log line holds the {name}");
            Assert.False(requestLogs.Contains(secret, StringComparison.Ordinal), $"the request-log API shows the {name}");
        }

        Assert.NotEmpty(logs.Entries);
        Assert.Contains("/v1/link-sessions", requestLogs, StringComparison.Ordinal);
    }

    private static string SecretOf(string url) => new Uri(url).AbsolutePath["/connect/".Length..];

    /// <summary>Every value of every table (SQLite or PostgreSQL), as text.</summary>
    private static async Task<string> DumpStoreAsync(MillwrightHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MillwrightDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var sqlite = db.Database.ProviderName!.Contains("Sqlite", StringComparison.Ordinal);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains(tables, t => t.Contains("link_session", StringComparison.OrdinalIgnoreCase));
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(Text(reader, i)).Append('\t');
                }

                dump.Append('\n');
            }
        }

        return dump.ToString();
    }

    private static string Text(DbDataReader reader, int i) => reader.IsDBNull(i) ? "" : reader.GetValue(i) switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes) + " " + Convert.ToBase64String(bytes),
        var value => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>What the request-log API shows: every entry of the list, each in full.</summary>
    private static async Task<string> RequestLogsAsync(MillwrightClient keys)
    {
        var shown = new StringBuilder();
        var page = await keys.ListRequestLogsAsync(limit: 100);
        foreach (var entry in page.Data)
        {
            shown.Append(JsonSerializer.Serialize(entry, MillwrightJson.Options));
            shown.Append(JsonSerializer.Serialize(await keys.GetRequestLogAsync(entry.Id), MillwrightJson.Options));
        }

        return shown.ToString();
    }
}
