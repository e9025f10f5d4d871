using System.Net;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Tests.Support;
using Npgsql;

namespace Millwright.Tests.Server.Persistence;

/// <summary>
/// Issue 17, item 3: when PostgreSQL goes away, <c>/readyz</c> fails and API requests get <c>503 STORE_UNAVAILABLE</c>
/// with a request id and <c>Retry-After</c> (not a 500); when it returns, everything answers again by itself.
/// The server reaches a real PostgreSQL through a relay the test cuts and restores.
/// </summary>
public sealed class StoreOutageTests
{
    [PostgresFact]
    public async Task PostgresGoneAndBack_ReadyzFails_RequestsGet503WithACode_ThenServeAgainWithoutARestart()
    {
        var direct = new NpgsqlConnectionStringBuilder(TestDatabases.PostgresConnectionString(Path.Combine(TestFolders.Root, Guid.NewGuid().ToString("n"))));
        await using var relay = new TcpRelay(new IPEndPoint(IPAddress.Loopback, direct.Port));
        var relayed = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Port = relay.Port, Timeout = 3 };
        using var host = new MillwrightHost(new Dictionary<string, string?> { ["MILLWRIGHT_DATABASE"] = relayed.ConnectionString });
        var account = await host.CreateAccountAsync();
        using var client = host.Http(account.TestSecretKey);
        using var before = await client.GetAsync("v1/connections");

        await relay.CutAsync();
        using var readyWhileDown = await client.GetAsync("readyz");
        using var whileDown = await client.GetAsync("v1/connections");
        var error = JsonNode.Parse(await whileDown.Content.ReadAsStringAsync())!["error"]!;

        relay.Restore();
        var back = await EventuallyAsync(async () => (await client.GetAsync("v1/connections")).StatusCode == HttpStatusCode.OK);
        using var readyAfter = await client.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileDown.StatusCode);
        Assert.Equal(ErrorCodes.StoreUnavailable, (string?)error["code"]);
        Assert.Equal(ErrorSource.Platform, (string?)error["source"]);
        Assert.StartsWith("req_", (string?)error["request_id"], StringComparison.Ordinal);
        Assert.True(whileDown.Headers.RetryAfter is not null, "Retry-After is set");
        Assert.True(back, "the API answered again once PostgreSQL was reachable");
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(250);
        }

        return false;
    }
}
