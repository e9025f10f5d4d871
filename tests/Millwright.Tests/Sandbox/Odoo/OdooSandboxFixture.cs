using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.Odoo;

namespace Millwright.Tests.Sandbox.Odoo;

/// <summary>
/// One Odoo sandbox on a real loopback Kestrel per test class, on a fake clock two weeks after the seed
/// epoch, seeded small so that tests stay quick.
/// </summary>
public class OdooSandboxFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new OdooSandboxSettings().SeedEpoch.AddDays(14);

    private SandboxHost<OdooSandbox>? host;

    public FakeTimeProvider Time { get; } = new(Start);

    public SandboxHost<OdooSandbox> Host => host ?? throw new InvalidOperationException("Not started.");

    public OdooSandbox Sandbox => Host.Sandbox;

    protected virtual OdooSandboxSettings Settings() => Small();

    public static OdooSandboxSettings Small(string version = "18.0") =>
        new() { ServerVersion = version, EquipmentCount = 60, RequestCount = 400, PartCount = 30, PurchaseOrderCount = 20 };

    public OdooRpcClient Client() => new(Host.CreateClient());

    public async Task InitializeAsync() => host = await SandboxHost.StartAsync(new OdooSandboxModule(), Settings(), Time);

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

/// <summary>The same sandbox reporting 19.0, so that <c>/json/2</c> is served.</summary>
public sealed class OdooSandbox19Fixture : OdooSandboxFixture
{
    protected override OdooSandboxSettings Settings() => Small("19.0");
}

/// <summary>A minimal JSON-RPC caller for tests: the raw envelope, the result, or the error's <c>data</c>.</summary>
public sealed class OdooRpcClient(HttpClient http) : IDisposable
{
    private int id;

    public HttpClient Http { get; } = http;

    public async Task<(int Status, JsonObject Envelope)> CallAsync(string service, string method, params object?[] args)
    {
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "call",
            ["params"] = new JsonObject { ["service"] = service, ["method"] = method, ["args"] = System.Text.Json.JsonSerializer.SerializeToNode(args) },
            ["id"] = ++id,
        };
        using var response = await Http.PostAsJsonAsync("jsonrpc", body);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary><c>object.execute_kw</c> as the administrator with the demo API key; asserts success.</summary>
    public async Task<JsonNode?> ExecuteAsync(string model, string method, object?[] args, object? kwargs = null, string secret = OdooSandboxSettings.DemoApiKey, int uid = 2)
    {
        var (status, envelope) = await CallAsync("object", "execute_kw", OdooSandboxSettings.DemoDatabase, uid, secret, model, method, args, kwargs ?? new { });
        Assert.Equal(200, status);
        Assert.True(envelope["error"] is null, $"{model}.{method}: {envelope["error"]?.ToJsonString()}");
        return envelope["result"];
    }

    /// <summary>The <c>error.data</c> of a call that must fail (HTTP 200, code 200, "Odoo Server Error").</summary>
    public async Task<JsonObject> FailAsync(string model, string method, object?[] args, object? kwargs = null, string secret = OdooSandboxSettings.DemoApiKey, int uid = 2)
    {
        var (status, envelope) = await CallAsync("object", "execute_kw", OdooSandboxSettings.DemoDatabase, uid, secret, model, method, args, kwargs ?? new { });
        Assert.Equal(200, status);
        var error = envelope["error"]?.AsObject();
        Assert.NotNull(error);
        Assert.Equal(200, (int)error["code"]!);
        Assert.Equal("Odoo Server Error", (string?)error["message"]);
        return error["data"]!.AsObject();
    }

    /// <summary>Every record of <paramref name="model"/> (archived included) with all fields.</summary>
    public async Task<JsonArray> AllAsync(string model, object? domain = null) =>
        (await ExecuteAsync(model, "search_read", [domain ?? Array.Empty<object>()], new { context = new { active_test = false } }))!.AsArray();

    public static string[] Fields(params string[] names) => names;

    public static int[] Ids(params int[] ids) => ids;

    public static object[] Domain(params object?[][] leaves) => leaves;

    public static object?[] Leaf(string field, string op, object? value) => [field, op, value];

    public void Dispose() => Http.Dispose();
}
