using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.Sap;

namespace Millwright.Tests.Sandbox.Sap;

/// <summary>
/// One SAP sandbox on a real loopback Kestrel per test class, small seed and small server pages (so that
/// <c>__next</c> paging always happens), on a fake clock two weeks after the seed epoch.
/// </summary>
public sealed class SapSandboxFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new SapSandboxSettings().SeedEpoch.AddDays(14);

    private SandboxHost<SapSandbox>? host;

    public FakeTimeProvider Time { get; } = new(Start);

    public SandboxHost<SapSandbox> Host => host ?? throw new InvalidOperationException("Not started.");

    public SapSandbox Sandbox => Host.Sandbox;

    public static SapSandboxSettings Small() => new()
    {
        RequestsPerMinute = 1_000_000,
        MaxPageSize = 25,
        MaintenanceOrderCount = 70,
        EquipmentCount = 30,
        NotificationCount = 40,
        PurchaseOrderCount = 20,
        MaintenancePlanCount = 12,
    };

    public HttpClient Client(string service, HttpMessageHandler? handler = null) => Host.CreateClient(service, handler: handler);

    public async Task InitializeAsync() => host = await SandboxHost.StartAsync(new SapSandboxModule(), Small(), Time);

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

internal static class SapHttp
{
    /// <summary>GET <paramref name="url"/> and return <c>d</c>, asserting success.</summary>
    public static async Task<JsonObject> GetDAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["d"]!.AsObject();
    }

    /// <summary>Follows <c>__next</c> from <paramref name="url"/> to the end and returns every entity.</summary>
    public static async Task<List<JsonObject>> WalkAsync(this HttpClient client, string url)
    {
        var items = new List<JsonObject>();
        var links = new HashSet<string>(StringComparer.Ordinal);
        string? next = url;
        while (next is not null)
        {
            var page = await client.GetDAsync(next);
            items.AddRange(page["results"]!.AsArray().Select(n => n!.AsObject()));
            next = (string?)page["__next"];
            Assert.True(next is null || links.Add(next), "A next link repeated.");
        }

        return items;
    }

    /// <summary>The SAP error body of a refused request: <c>{"error":{"code","message":{"lang","value"},"innererror"}}</c>.</summary>
    public static async Task<JsonObject> ErrorAsync(HttpResponseMessage response)
    {
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.AsObject();
        Assert.False(string.IsNullOrWhiteSpace((string?)error["code"]));
        Assert.Equal("en", (string?)error["message"]!["lang"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]!["value"]));
        Assert.NotNull(error["innererror"]!["errordetails"]);
        return error;
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
