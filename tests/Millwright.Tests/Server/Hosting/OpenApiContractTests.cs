using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Server.Features.Records.Query;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Hosting;

/// <summary>
/// Every response the server sends for a documented operation validates against the operation's declared
/// response for its status (issue 19): records of every entity and system with their query variants, the
/// secret-key endpoints, writes and the error cases, all against the document the same server serves.
/// </summary>
[Collection(ContractScenario.Collection)]
public sealed class OpenApiContractTests(ContractScenario scenario)
{
    private static readonly RecordSchemas Schemas = RecordSchemas.Build();

    [Fact]
    public async Task Records_EveryEntityOfEverySystem_ListGetExpandRawDeletedMatchTheDocument()
    {
        var contract = new OpenApiContract(scenario.Document);
        var checkedIds = 0;
        foreach (var (_, _, token) in scenario.Connections)
        {
            using var http = scenario.Host.Http(token);
            await contract.CheckAsync(await http.GetAsync("/v1/connection"), "/v1/connection");
            foreach (var entity in EntityInfo.All)
            {
                var list = $"/v1/{entity.Path}";
                var expand = string.Join(',', Schemas[entity.Entity].Expansions.Keys);
                var page = await contract.CheckAsync(await http.GetAsync($"{list}?limit=5"), list);
                await contract.CheckAsync(await http.GetAsync($"{list}?limit=3&include_raw=true&include_deleted=true&sort=-updated_at"), list);
                if (expand.Length > 0)
                {
                    await contract.CheckAsync(await http.GetAsync($"{list}?limit=5&expand={expand}"), list);
                }

                await contract.CheckAsync(await http.GetAsync($"{list}/schema"), $"{list}/schema");
                await contract.CheckAsync(await http.GetAsync($"{list}/schema?operation=create"), $"{list}/schema");
                if (page?["data"]?.AsArray() is [{ } first, ..] && (string?)first["id"] is { } id)
                {
                    checkedIds++;
                    await contract.CheckAsync(await http.GetAsync($"{list}/{id}"), $"{list}/{{id}}");
                    await contract.CheckAsync(await http.GetAsync($"{list}/{id}?include_raw=true&include_deleted=true" + (expand.Length > 0 ? $"&expand={expand}" : "")), $"{list}/{{id}}");
                }

                await contract.CheckAsync(await http.GetAsync($"{list}/rec_does_not_exist"), $"{list}/{{id}}");
            }
        }

        Assert.True(checkedIds > 20, $"only {checkedIds} records read by id");
        Assert.Empty(contract.Failures);
    }

    [Fact]
    public async Task Errors_BadTokenCursorLimitFilterConnection_AreDeclaredAndMatchTheDocument()
    {
        var contract = new OpenApiContract(scenario.Document);
        var (_, connectionId, token) = scenario.Connections[0];
        using var reader = scenario.Host.Http(token);
        using var anonymous = scenario.Host.Http();
        using var forged = scenario.Host.Http("mw_test_ct_notarealtokenatall");
        using var key = scenario.Host.Http(scenario.SecretKey);
        await contract.CheckAsync(await anonymous.GetAsync("/v1/work-orders"), "/v1/work-orders");
        await contract.CheckAsync(await forged.GetAsync("/v1/work-orders"), "/v1/work-orders");
        await contract.CheckAsync(await forged.GetAsync("/v1/connections"), "/v1/connections");
        await contract.CheckAsync(await reader.GetAsync("/v1/work-orders?cursor=not-a-cursor"), "/v1/work-orders");
        await contract.CheckAsync(await reader.GetAsync("/v1/work-orders?limit=0"), "/v1/work-orders");
        await contract.CheckAsync(await reader.GetAsync("/v1/work-orders?limit=501"), "/v1/work-orders");
        await contract.CheckAsync(await reader.GetAsync("/v1/work-orders?filter[no_such_field]=1"), "/v1/work-orders");
        await contract.CheckAsync(await reader.GetAsync("/v1/work-orders?expand=nothing"), "/v1/work-orders");
        await contract.CheckAsync(await reader.GetAsync("/v1/work-orders?updated_after=yesterday"), "/v1/work-orders");
        await contract.CheckAsync(await reader.GetAsync("/v1/connections"), "/v1/connections");
        await contract.CheckAsync(await key.GetAsync("/v1/connections?limit=0"), "/v1/connections");
        await contract.CheckAsync(await key.GetAsync("/v1/request-logs?limit=9999"), "/v1/request-logs");
        await contract.CheckAsync(await key.GetAsync($"/v1/connections/{connectionId}/sync-runs?cursor=broken"), "/v1/connections/{id}/sync-runs");
        await contract.CheckAsync(await key.GetAsync("/v1/sites"), "/v1/sites");
        await contract.CheckAsync(await key.GetAsync("/v1/connection"), "/v1/connection");
        foreach (var (path, template) in new[] { ("/v1/sites", "/v1/sites"), ("/v1/work-orders/wo_x", "/v1/work-orders/{id}"), ("/v1/connection", "/v1/connection"), ("/v1/assets/schema", "/v1/assets/schema") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Millwright-Connection", "conn_doesnotexist000000");
            await contract.CheckAsync(await key.SendAsync(request), template);
        }

        await contract.CheckAsync(await key.GetAsync("/v1/connections/conn_doesnotexist000000"), "/v1/connections/{id}");
        await contract.CheckAsync(await key.GetAsync("/v1/systems/no-such-system"), "/v1/systems/{id}");
        await contract.CheckAsync(await key.PostAsJsonAsync("/v1/connections", new { system = "maintainx" }), "/v1/connections");
        await contract.CheckAsync(await key.PostAsync("/v1/connections", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")), "/v1/connections");
        Assert.True(contract.Checked >= 23, $"{contract.Checked} responses checked");
        Assert.Empty(contract.Failures);
    }

    [Fact]
    public async Task SecretKeyEndpoints_AccountConnectionsSyncMappingsLogsWebhooksKeys_MatchTheDocument()
    {
        var contract = new OpenApiContract(scenario.Document);
        var (system, connectionId, _) = scenario.Connections[0];
        using var key = scenario.Host.Http(scenario.SecretKey);
        await contract.CheckAsync(await key.GetAsync("/v1/systems"), "/v1/systems");
        foreach (var (each, _, _) in scenario.Connections)
        {
            await contract.CheckAsync(await key.GetAsync($"/v1/systems/{each}"), "/v1/systems/{id}");
        }

        await contract.CheckAsync(await key.GetAsync("/v1/account"), "/v1/account");
        await contract.CheckAsync(await key.GetAsync("/v1/connections?limit=2"), "/v1/connections");
        await contract.CheckAsync(await key.GetAsync($"/v1/connections?system={system}"), "/v1/connections");
        foreach (var (_, id, _) in scenario.Connections)
        {
            await contract.CheckAsync(await key.GetAsync($"/v1/connections/{id}"), "/v1/connections/{id}");
            var runs = await contract.CheckAsync(await key.GetAsync($"/v1/connections/{id}/sync-runs"), "/v1/connections/{id}/sync-runs");
            if (runs?["data"]?.AsArray() is [{ } run, ..])
            {
                await contract.CheckAsync(await key.GetAsync($"/v1/connections/{id}/sync-runs/{(string)run["id"]!}"), "/v1/connections/{id}/sync-runs/{run_id}");
            }

            await contract.CheckAsync(await key.GetAsync($"/v1/connections/{id}/field-mappings"), "/v1/connections/{id}/field-mappings");
        }

        await contract.CheckAsync(await key.PatchAsJsonAsync($"/v1/connections/{connectionId}", new { metadata = new { team = "contract" } }), "/v1/connections/{id}");
        await contract.CheckAsync(await key.GetAsync($"/v1/connections/{connectionId}/field-mappings/history"), "/v1/connections/{id}/field-mappings/history");
        await contract.CheckAsync(await key.PostAsJsonAsync($"/v1/connections/{connectionId}/field-mappings/preview",
            new { mappings = new { work_orders = new { } }, limit = 2 }), "/v1/connections/{id}/field-mappings/preview");
        var token = await contract.CheckAsync(await key.PostAsJsonAsync($"/v1/connections/{connectionId}/tokens", new JsonObject { ["name"] = "contract", ["scopes"] = new JsonArray("read") }), "/v1/connections/{id}/tokens");
        await contract.CheckAsync(await key.GetAsync($"/v1/connections/{connectionId}/tokens"), "/v1/connections/{id}/tokens");
        if ((string?)token?["id"] is { } tokenId)
        {
            var rotated = await contract.CheckAsync(await key.PostAsJsonAsync($"/v1/connections/{connectionId}/tokens/{tokenId}/rotate", new { }), "/v1/connections/{id}/tokens/{tokenId}/rotate");
            await contract.CheckAsync(await key.DeleteAsync($"/v1/connections/{connectionId}/tokens/{(string?)rotated?["successor"]?["id"] ?? tokenId}"), "/v1/connections/{id}/tokens/{tokenId}");
        }

        await contract.CheckAsync(await key.PostAsync($"/v1/connections/{connectionId}/sync", null), "/v1/connections/{id}/sync");
        await contract.CheckAsync(await key.GetAsync("/v1/request-logs?limit=5"), "/v1/request-logs");
        var logs = await contract.CheckAsync(await key.GetAsync($"/v1/request-logs?connection_id={connectionId}&limit=1"), "/v1/request-logs");
        if (logs?["data"]?.AsArray() is [{ } log, ..])
        {
            await contract.CheckAsync(await key.GetAsync($"/v1/request-logs/{(string)log["id"]!}"), "/v1/request-logs/{request_id}");
        }

        var endpoint = await contract.CheckAsync(await key.PostAsJsonAsync("/v1/webhook-endpoints", new JsonObject { ["url"] = "http://127.0.0.1:9/hooks", ["events"] = new JsonArray("work_order.*") }), "/v1/webhook-endpoints");
        var endpointId = (string?)endpoint?["id"] ?? "we_missing";
        await contract.CheckAsync(await key.GetAsync("/v1/webhook-endpoints"), "/v1/webhook-endpoints");
        await contract.CheckAsync(await key.GetAsync($"/v1/webhook-endpoints/{endpointId}"), "/v1/webhook-endpoints/{id}");
        await contract.CheckAsync(await key.PatchAsJsonAsync($"/v1/webhook-endpoints/{endpointId}", new { description = "contract" }), "/v1/webhook-endpoints/{id}");
        await contract.CheckAsync(await key.PostAsJsonAsync($"/v1/webhook-endpoints/{endpointId}/rotate-secret", new { }), "/v1/webhook-endpoints/{id}/rotate-secret");
        await contract.CheckAsync(await key.PostAsync($"/v1/webhook-endpoints/{endpointId}/test", null), "/v1/webhook-endpoints/{id}/test");
        await contract.CheckAsync(await key.GetAsync("/v1/webhook-deliveries"), "/v1/webhook-deliveries");
        await contract.CheckAsync(await key.GetAsync("/v1/events?limit=5"), "/v1/events");
        await contract.CheckAsync(await key.DeleteAsync($"/v1/webhook-endpoints/{endpointId}"), "/v1/webhook-endpoints/{id}");
        await contract.CheckAsync(await key.GetAsync("/v1/api-keys"), "/v1/api-keys");
        await contract.CheckAsync(await key.GetAsync("/v1/audit-events?limit=5"), "/v1/audit-events");
        await contract.CheckAsync(await key.PostAsJsonAsync("/v1/link-sessions", new { end_user = new { id = "cust-1", name = "Plant One" }, redirect_url = "http://127.0.0.1:9/done" }), "/v1/link-sessions");
        Assert.True(contract.Checked >= 40, $"{contract.Checked} responses checked");
        Assert.Empty(contract.Failures);
    }

    [Fact]
    public async Task Writes_CreateUpdateDeleteRefusalsAndPassthrough_MatchTheDocument()
    {
        var contract = new OpenApiContract(scenario.Document);
        foreach (var (system, _, token) in scenario.Connections)
        {
            using var http = scenario.Host.Http(token);
            foreach (var entity in EntityInfo.All)
            {
                // An empty body: 422 where the entity is writable, 405 where the system cannot create it.
                await contract.CheckAsync(await http.PostAsJsonAsync($"/v1/{entity.Path}", new JsonObject()), $"/v1/{entity.Path}");
                await contract.CheckAsync(await http.PatchAsJsonAsync($"/v1/{entity.Path}/rec_does_not_exist", new JsonObject { ["title"] = "x" }), $"/v1/{entity.Path}/{{id}}");
            }

            await contract.CheckAsync(await http.PostAsJsonAsync("/v1/passthrough", new { method = "TRACE", path = "x" }), "/v1/passthrough");
            if (system == "maintainx")
            {
                await WriteMaintainXAsync(contract, http);
            }
        }

        Assert.Empty(contract.Failures);
    }

    private static async Task WriteMaintainXAsync(OpenApiContract contract, HttpClient http)
    {
        var assets = await contract.CheckAsync(await http.GetAsync("/v1/assets?limit=1"), "/v1/assets");
        var created = await contract.CheckAsync(await http.PostAsJsonAsync("/v1/work-orders", new JsonObject
        {
            ["title"] = "Contract check",
            ["priority"] = "high",
            ["asset_id"] = (string?)assets?["data"]?[0]?["id"],
            ["due_at"] = "2026-12-24T16:00:00Z",
        }), "/v1/work-orders");
        var id = (string?)created?["id"] ?? "wo_missing";
        await contract.CheckAsync(await http.PatchAsJsonAsync($"/v1/work-orders/{id}", new JsonObject { ["status"] = "in_progress" }), "/v1/work-orders/{id}");
        await contract.CheckAsync(await http.PostAsJsonAsync("/v1/work-orders", new JsonObject { ["title"] = "x", ["priority"] = "urgent-ish" }), "/v1/work-orders");
        await contract.CheckAsync(await http.DeleteAsync($"/v1/work-orders/{id}"), "/v1/work-orders/{id}");
        await contract.CheckAsync(await http.GetAsync($"/v1/work-orders/{id}?include_deleted=true"), "/v1/work-orders/{id}");
        await contract.CheckAsync(await http.PostAsJsonAsync("/v1/passthrough", new { method = "GET", path = "workorders", query = new { limit = 1 } }), "/v1/passthrough");
    }

    [Fact]
    public async Task PublicEndpoints_WithoutToken_MatchTheDocumentAndDeclareNoSecurity()
    {
        var contract = new OpenApiContract(scenario.Document);
        using var anonymous = scenario.Host.Http();
        foreach (var path in new[] { "/healthz", "/readyz", "/status.json" })
        {
            await contract.CheckAsync(await anonymous.GetAsync(path), path);
            Assert.Empty(scenario.Document["paths"]![path]!["get"]!["security"]!.AsArray());
        }

        Assert.Empty(contract.Failures);
    }
}
