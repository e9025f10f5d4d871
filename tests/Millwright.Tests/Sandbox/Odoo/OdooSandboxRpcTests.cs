using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.Odoo;

namespace Millwright.Tests.Sandbox.Odoo;

/// <summary>The legacy JSON-RPC protocol: services, authentication, paging and Odoo-shaped errors (HTTP 200 + error).</summary>
public sealed class OdooSandboxRpcTests(OdooSandboxFixture fixture) : IClassFixture<OdooSandboxFixture>
{
    [Fact]
    public async Task Common_VersionLoginAndAuthenticate_AnswerAsOdoo()
    {
        using var client = fixture.Client();
        var (_, version) = await client.CallAsync("common", "version");
        var (_, byPassword) = await client.CallAsync("common", "authenticate", OdooSandboxSettings.DemoDatabase, OdooSandboxSettings.DemoLogin, OdooSandboxSettings.DemoPassword, new { });
        var (_, byKey) = await client.CallAsync("common", "login", OdooSandboxSettings.DemoDatabase, OdooSandboxSettings.DemoLogin, OdooSandboxSettings.DemoApiKey);
        var (_, wrong) = await client.CallAsync("common", "authenticate", OdooSandboxSettings.DemoDatabase, OdooSandboxSettings.DemoLogin, "nope", new { });
        var (_, revoked) = await client.CallAsync("common", "authenticate", OdooSandboxSettings.DemoDatabase, OdooSandboxSettings.DemoLogin, OdooSandboxSettings.RevokedApiKey, new { });
        var (status, noDb) = await client.CallAsync("common", "authenticate", "production", OdooSandboxSettings.DemoLogin, OdooSandboxSettings.DemoPassword, new { });
        var (_, databases) = await client.CallAsync("db", "list");

        Assert.Equal("18.0", (string?)version["result"]!["server_version"]);
        Assert.Equal("[18,0,0,\"final\",0,\"\"]", version["result"]!["server_version_info"]!.ToJsonString());
        Assert.Equal(2, (int)byPassword["result"]!);
        Assert.Equal(2, (int)byKey["result"]!);
        Assert.False((bool)wrong["result"]!);
        Assert.False((bool)revoked["result"]!);
        Assert.Equal(200, status);
        Assert.Equal("psycopg2.OperationalError", (string?)noDb["error"]!["data"]!["name"]);
        Assert.Contains("database \"production\" does not exist", (string?)noDb["error"]!["data"]!["message"], StringComparison.Ordinal);
        Assert.Equal("[\"millwright-demo\"]", databases["result"]!.ToJsonString());
    }

    [Fact]
    public async Task ExecuteKw_WrongSecretUnknownModelMissingRecordAndNoRights_AreNamedPythonExceptions()
    {
        using var client = fixture.Client();
        var denied = await client.FailAsync("maintenance.request", "search_count", [Array.Empty<object>()], secret: "wrong");
        var noModel = await client.FailAsync("mrp.production", "search_count", [Array.Empty<object>()]);
        var missing = await client.FailAsync("maintenance.request", "read", [OdooRpcClient.Ids(999_999)], new { fields = OdooRpcClient.Fields("name") });
        var restricted = await client.ExecuteAsync("maintenance.request", "search_count", [Array.Empty<object>()], secret: OdooSandboxSettings.RestrictedApiKey, uid: RestrictedUid());
        var noRights = await client.FailAsync("purchase.order", "search_read", [Array.Empty<object>()], secret: OdooSandboxSettings.RestrictedApiKey, uid: RestrictedUid());
        var privateMethod = await client.FailAsync("maintenance.request", "_compute_done", [Array.Empty<object>()]);
        var badKwarg = await client.FailAsync("maintenance.request", "search_read", [Array.Empty<object>()], new { fields = OdooRpcClient.Fields("name"), limt = 5 });
        var badOrder = await client.FailAsync("maintenance.request", "search_read", [Array.Empty<object>()], new { order = "mtbf desc" });

        Assert.Equal("odoo.exceptions.AccessDenied", (string?)denied["name"]);
        Assert.Equal("Access Denied", (string?)denied["message"]);
        Assert.Equal("", (string?)denied["debug"]);
        Assert.Equal("odoo.exceptions.UserError", (string?)noModel["name"]);
        Assert.Equal("odoo.exceptions.MissingError", (string?)missing["name"]);
        Assert.True((int)restricted! > 0);
        Assert.Equal("odoo.exceptions.AccessError", (string?)noRights["name"]);
        Assert.Contains("(purchase.order)", (string?)noRights["message"], StringComparison.Ordinal);
        Assert.StartsWith("Traceback", (string?)noRights["debug"], StringComparison.Ordinal);
        Assert.Equal("odoo.exceptions.AccessError", (string?)privateMethod["name"]);
        Assert.Equal("builtins.TypeError", (string?)badKwarg["name"]);
        Assert.Equal("builtins.ValueError", (string?)badOrder["name"]);
    }

    [Fact]
    public async Task SearchRead_OffsetLimitOrder_PagesTheWholeSetOnAUniqueOrder()
    {
        using var client = fixture.Client();
        var total = (int)(await client.ExecuteAsync("maintenance.request", "search_count", [Array.Empty<object>()]))!;
        var ids = new List<int>();
        for (var offset = 0; offset < total; offset += 70)
        {
            var page = (await client.ExecuteAsync("maintenance.request", "search_read", [Array.Empty<object>()],
                new { fields = OdooRpcClient.Fields("write_date"), offset, limit = 70, order = "write_date asc, id asc" }))!.AsArray();
            Assert.All(page, r => Assert.Equal(["id", "write_date"], r!.AsObject().Select(p => p.Key)));
            ids.AddRange(page.Select(r => (int)r!["id"]!));
        }

        var defaultOrder = (await client.ExecuteAsync("maintenance.request", "search", [Array.Empty<object>()], new { limit = 5 }))!.AsArray().Select(i => (int)i!).ToList();
        var raw = (await client.ExecuteAsync("maintenance.request", "read", [ids.Take(1).ToArray()], new { fields = OdooRpcClient.Fields("stage_id"), load = (string?)null }))!.AsArray();

        Assert.Equal(total, ids.Distinct().Count());
        Assert.Equal(defaultOrder.OrderDescending(), defaultOrder);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, raw[0]!["stage_id"]!.GetValueKind());
    }

    [Fact]
    public async Task Faults_ForcedStatusAndMalformedBody_AreHttpFailures()
    {
        using var client = fixture.Client();
        fixture.Sandbox.Faults.ForceStatus(502, 1);
        var (status, _) = await SendRawAsync(client.Http);
        fixture.Sandbox.Faults.ForceMalformed();
        var (okStatus, body) = await SendRawAsync(client.Http);

        Assert.Equal(502, status);
        Assert.Equal(200, okStatus);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(body));
        fixture.Sandbox.Faults.Reset();
    }

    private static async Task<(int, string)> SendRawAsync(HttpClient http)
    {
        using var response = await http.PostAsJsonAsync("jsonrpc", new { jsonrpc = "2.0", method = "call", @params = new { service = "common", method = "version", args = Array.Empty<object>() }, id = 1 });
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private int RestrictedUid() => fixture.Sandbox.Authenticate(OdooSandboxSettings.RestrictedLogin, OdooSandboxSettings.RestrictedApiKey)!.Value;
}

/// <summary>JSON-2 (19.0): bearer key, bare results, real status codes; absent on 18.0.</summary>
public sealed class OdooSandboxJson2Tests(OdooSandbox19Fixture fixture) : IClassFixture<OdooSandbox19Fixture>
{
    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, object body, string? key = OdooSandboxSettings.DemoApiKey, string? database = null)
    {
        using var http = fixture.Host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("bearer", key);
        }

        if (database is not null)
        {
            request.Headers.Add("X-Odoo-Database", database);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task Json2_SearchReadAndRead_ReturnBareValues()
    {
        var (status, page) = await PostAsync("json/2/maintenance.request/search_read",
            new { domain = OdooRpcClient.Domain(OdooRpcClient.Leaf("stage_id.done", "=", false)), fields = OdooRpcClient.Fields("name", "stage_id"), limit = 3, order = "id asc" }, database: OdooSandboxSettings.DemoDatabase);
        var ids = page!.AsArray().Select(r => (int)r!["id"]!).ToArray();
        var (readStatus, read) = await PostAsync("json/2/maintenance.request/read", new { ids, fields = OdooRpcClient.Fields("name") });
        var (_, version) = await new OdooRpcClient(fixture.Host.CreateClient()).CallAsync("common", "version");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, ids.Length);
        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Equal(ids, read!.AsArray().Select(r => (int)r!["id"]!));
        Assert.Equal(19, (int)version["result"]!["server_version_info"]![0]!);
    }

    [Fact]
    public async Task Json2_Errors_UseRealStatusCodesAndTheErrorBody()
    {
        var (noKey, noKeyBody) = await PostAsync("json/2/maintenance.request/search_count", new { domain = Array.Empty<object>() }, key: null);
        var (password, _) = await PostAsync("json/2/maintenance.request/search_count", new { domain = Array.Empty<object>() }, key: OdooSandboxSettings.DemoPassword);
        var (revoked, _) = await PostAsync("json/2/maintenance.request/search_count", new { domain = Array.Empty<object>() }, key: OdooSandboxSettings.RevokedApiKey);
        var (badArgument, badArgumentBody) = await PostAsync("json/2/maintenance.request/search_count", new { domain = Array.Empty<object>(), limt = 1 });
        var (forbidden, forbiddenBody) = await PostAsync("json/2/purchase.order/search_count", new { domain = Array.Empty<object>() }, key: OdooSandboxSettings.RestrictedApiKey);
        var (missing, _) = await PostAsync("json/2/maintenance.request/read", new { ids = OdooRpcClient.Ids(999_999), fields = OdooRpcClient.Fields("name") });
        var (noModel, _) = await PostAsync("json/2/mrp.production/search_count", new { domain = Array.Empty<object>() });
        var (wrongDb, _) = await PostAsync("json/2/maintenance.request/search_count", new { domain = Array.Empty<object>() }, database: "production");

        Assert.Equal(HttpStatusCode.Unauthorized, noKey);
        Assert.Equal(["name", "message", "arguments", "context", "debug"], noKeyBody!.AsObject().Select(p => p.Key));
        Assert.Equal(HttpStatusCode.Unauthorized, password);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badArgument);
        Assert.Equal("builtins.TypeError", (string?)badArgumentBody!["name"]);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Equal("odoo.exceptions.AccessError", (string?)forbiddenBody!["name"]);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(HttpStatusCode.NotFound, noModel);
        Assert.Equal(HttpStatusCode.NotFound, wrongDb);
    }

    [Fact]
    public async Task Json2_On18_IsNotServed()
    {
        await using var host = await SandboxHost.StartAsync(new OdooSandboxModule(), OdooSandboxFixture.Small(), fixture.Time);
        using var http = host.CreateClient();
        using var response = await http.PostAsJsonAsync("json/2/maintenance.request/search_count", new { domain = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
