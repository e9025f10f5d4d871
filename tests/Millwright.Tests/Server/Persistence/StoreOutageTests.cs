using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;
using Millwright.Client.Sync;
using Millwright.Client.Webhooks;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Server.Webhooks;
using Millwright.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace Millwright.Tests.Server.Persistence;

/// <summary>
/// Issue 17, item 3: when PostgreSQL goes away, <c>/readyz</c> fails and API requests get <c>503 STORE_UNAVAILABLE</c>
/// with a request id and <c>Retry-After</c> (not a 500); when it returns, everything answers again by itself.
/// The server reaches a real PostgreSQL through a relay the test cuts and restores.
/// </summary>
public sealed class StoreOutageTests(ITestOutputHelper output)
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

    /// <summary>
    /// "Everything resumes by itself when it returns — no restart needed, nothing lost that was acknowledged": the
    /// relay is cut while a sync is running and a webhook endpoint and a written work order have been acknowledged.
    /// Every request meanwhile and while the store comes back gets 503 <c>STORE_UNAVAILABLE</c>, never a 500. Once it is
    /// back, with the same process: the endpoint and the work order are there, the interrupted run resumes from its
    /// checkpoint and ends <c>succeeded</c> with the records of an uninterrupted sync, each once; a sync started
    /// afterwards succeeds (Hangfire's workers reconnected) and its <c>sync.completed</c> event is delivered (the
    /// dispatcher survived).
    /// </summary>
    [PostgresFact]
    public async Task PostgresGoneMidSync_AcknowledgedWritesKept_SyncsSucceed_EventDelivered_NoRequestGets500()
    {
        var direct = new NpgsqlConnectionStringBuilder(TestDatabases.PostgresConnectionString(Path.Combine(TestFolders.Root, Guid.NewGuid().ToString("n"))));
        await using var relay = new TcpRelay(new IPEndPoint(IPAddress.Loopback, direct.Port));
        var relayed = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Port = relay.Port, Timeout = 3 };
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var scenario = await SandboxScenario.StartAsync(SandboxScenario.SmallPlant(workOrders: 1000), new Dictionary<string, string?>
        {
            ["MILLWRIGHT_DATABASE"] = relayed.ConnectionString,
            ["Millwright:Sync:PageSize"] = "50",
            ["Millwright:Sync:LeaseDuration"] = "00:00:03",
            ["Millwright:Sync:RecoveryCron"] = "*/2 * * * * *",
            ["Millwright:Webhooks:PollInterval"] = "00:00:00.100",
        });
        var client = scenario.Client;
        using var http = scenario.Host.Http(scenario.Account.TestSecretKey);
        http.DefaultRequestHeaders.Add("Millwright-Connection", scenario.ConnectionId);

        // Acknowledged before the outage.
        var endpoint = await WebhookTestKit.SubscribeAsync(client, receiver, [WebhookEventTypes.SyncCompleted]);
        using var written = await http.PostAsJsonAsync("/v1/work-orders", new { title = "Written before the outage" });
        var workOrder = JsonNode.Parse(await written.Content.ReadAsStringAsync())!;
        Assert.True(written.StatusCode == HttpStatusCode.Created, workOrder.ToJsonString());

        // A run in the middle of its pages when the store goes away.
        scenario.Sandbox.Sandbox.Faults.LatencyMs = 100;
        var interrupted = await client.StartSyncAsync(scenario.ConnectionId);
        await SyncTestData.WaitForRunAsync(scenario.Host, interrupted.Id, r => r.Added >= 100);
        await relay.CutAsync();
        var answers = new List<(string Request, HttpStatusCode Status, string Body)>();
        async Task CallAsync(string name, Func<Task<HttpResponseMessage>> send)
        {
            using var response = await send();
            answers.Add((name, response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        var outage = async () =>
        {
            await CallAsync("GET /v1/connections", () => http.GetAsync(new Uri("v1/connections", UriKind.Relative)));
            await CallAsync("GET /v1/work-orders/{id}", () => http.GetAsync(new Uri($"v1/work-orders/{(string)workOrder["id"]!}", UriKind.Relative)));
            await CallAsync("POST /v1/work-orders", () => http.PostAsJsonAsync("v1/work-orders", new { title = "Written during the outage" }));
            await CallAsync("POST /v1/connections/{id}/sync", () => http.PostAsync(new Uri($"v1/connections/{scenario.ConnectionId}/sync", UriKind.Relative), null));
            await CallAsync("GET /v1/webhook-endpoints", () => http.GetAsync(new Uri("v1/webhook-endpoints", UriKind.Relative)));
        };
        await outage();
        // The store stays away until the run's worker has stopped renewing its lease (read past the relay).
        await using (var store = new NpgsqlConnection(direct.ConnectionString))
        {
            await store.OpenAsync();
            Assert.True(await EventuallyAsync(async () =>
            {
                await using var lease = new NpgsqlCommand("select lease_expires_at < now() from sync_runs where id = $1", store) { Parameters = { new() { Value = interrupted.Id } } };
                return await lease.ExecuteScalarAsync() is true;
            }), "the run kept its lease while the store was unreachable");
        }

        await outage();
        relay.Restore();
        var restored = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(await EventuallyAsync(async () =>
        {
            await CallAsync("GET /v1/connections", () => http.GetAsync(new Uri("v1/connections", UriKind.Relative)));
            return answers[^1].Status == HttpStatusCode.OK;
        }), "the API did not answer again once PostgreSQL was reachable");
        var back = restored.Elapsed;

        // Never a 500: each answer until the store was back is a 503 with the code.
        Assert.All(answers.SkipLast(1), a =>
        {
            Assert.True(a.Status == HttpStatusCode.ServiceUnavailable, $"{a.Request}: {(int)a.Status} {a.Body}");
            Assert.Equal(ErrorCodes.StoreUnavailable, (string?)JsonNode.Parse(a.Body)!["error"]!["code"]);
        });

        // Nothing acknowledged was lost, and nothing refused was written.
        Assert.Equal(endpoint.Url, (await client.GetWebhookEndpointAsync(endpoint.Id)).Url);

        // Jobs resume by themselves: the interrupted run (the connection's first) from its checkpoint, then a new one.
        scenario.Sandbox.Sandbox.Faults.LatencyMs = 0;
        var resumed = await SyncTestData.WaitAsync(client, scenario.ConnectionId, interrupted.Id);
        output.WriteLine($"store back: API answered after {back.TotalSeconds:0.0} s, the interrupted run ended after {restored.Elapsed.TotalSeconds:0.0} s");
        Assert.True(resumed.Status == SyncRunStatus.Succeeded, $"the interrupted run ended {resumed.Status} ({resumed.ErrorCode})");
        using (var read = await http.GetAsync(new Uri($"v1/work-orders/{(string)workOrder["id"]!}", UriKind.Relative)))
        {
            var body = await read.Content.ReadAsStringAsync();
            Assert.True(read.StatusCode == HttpStatusCode.OK, body);
            Assert.Equal("Written before the outage", (string?)JsonNode.Parse(body)!["title"]);
        }

        // A sync started now (of a second connection to the same system) succeeds, its event is delivered, and it is
        // the reference: the interrupted run stored exactly the same records, each once.
        var reference = await SandboxScenario.ConnectAsync(scenario.Host, scenario.Account, scenario.Sandbox);
        var after = await SyncTestData.WaitAsync(client, reference, (await client.StartSyncAsync(reference)).Id);
        Assert.Equal(SyncRunStatus.Succeeded, after.Status);
        await receiver.WaitForAsync(r => r.Body.Contains(after.Id, StringComparison.Ordinal));
        var stored = await scenario.RecordsAsync();
        Assert.Equal(stored.Count, stored.Select(r => (r.Entity, r.RemoteId)).Distinct().Count());
        Assert.Equal(
            (await SyncTestData.RecordsAsync(scenario.Host, reference)).Select(r => (r.Entity, r.RemoteId)).Order(),
            stored.Select(r => (r.Entity, r.RemoteId)).Order());
        Assert.DoesNotContain(await scenario.SandboxListAsync("workorders", "workOrders"), w => (string?)w["title"] == "Written during the outage");
        output.WriteLine($"a sync after the return succeeded and its event was delivered {restored.Elapsed.TotalSeconds:0.0} s after it");
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
