using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.Maximo;

namespace Millwright.Tests.Sandbox.Maximo;

/// <summary>
/// One Maximo sandbox on a real loopback Kestrel per test class, on a fake clock two weeks after the seed
/// epoch, seeded small (300 work orders) so that tests stay quick.
/// </summary>
public sealed class MaximoSandboxFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new MaximoSandboxSettings().SeedEpoch.AddDays(14);

    private SandboxHost<MaximoSandbox>? host;

    public FakeTimeProvider Time { get; } = new(Start);

    public SandboxHost<MaximoSandbox> Host => host ?? throw new InvalidOperationException("Not started.");

    public MaximoSandbox Sandbox => Host.Sandbox;

    public static MaximoSandboxSettings Small() => new() { WorkOrderCount = 300, AssetCount = 40 };

    public HttpClient Client(string? apiKey = MaximoSandboxSettings.DemoApiKey) => Host.CreateClient(apiKey);

    public async Task InitializeAsync() => host = await SandboxHost.StartAsync(new MaximoSandboxModule(), Small(), Time);

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

internal static class MaximoHttp
{
    public static async Task<JsonObject> GetObjectAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>The status and the <c>Error</c> object of a refused request.</summary>
    public static async Task<(int Status, JsonObject Error)> GetErrorAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return ((int)response.StatusCode, body["Error"]!.AsObject());
    }

    /// <summary>Follows <c>responseInfo.nextPage.href</c> from <paramref name="url"/> to the end.</summary>
    public static async Task<List<JsonObject>> WalkAsync(this HttpClient client, string url)
    {
        var items = new List<JsonObject>();
        var seen = new HashSet<string>();
        string? next = url;
        while (next is not null)
        {
            Assert.True(seen.Add(next), "A next page repeated.");
            var page = await client.GetObjectAsync(next);
            items.AddRange(page["member"]!.AsArray().Select(n => n!.AsObject()));
            next = (string?)page["responseInfo"]?["nextPage"]?["href"];
        }

        return items;
    }

    public static async Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }
}
