using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Millwright.Sandbox.Common;
using Millwright.Sandbox.MaintainX;

namespace Millwright.Tests.Sandbox.MaintainX;

/// <summary>
/// One MaintainX sandbox on a real loopback Kestrel per test class, on a fake clock two weeks after the
/// seed epoch, with a rate limit high enough that reading tests never hit it.
/// </summary>
public sealed class MaintainXSandboxFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new MaintainXSandboxSettings().SeedEpoch.AddDays(14);

    private SandboxHost<MaintainXSandbox>? host;

    public FakeTimeProvider Time { get; } = new(Start);

    public SandboxHost<MaintainXSandbox> Host => host ?? throw new InvalidOperationException("Not started.");

    public MaintainXSandbox Sandbox => Host.Sandbox;

    public HttpClient Client(string? apiKey = MaintainXSandboxSettings.DemoApiKey) => Host.CreateClient(apiKey);

    public async Task InitializeAsync() =>
        host = await SandboxHost.StartAsync(new MaintainXSandboxModule(), new MaintainXSandboxSettings { RequestsPerMinute = 1_000_000 }, Time);

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

internal static class MaintainXHttp
{
    public static async Task<JsonObject> GetObjectAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Follows nextCursor from <paramref name="url"/> to the end and returns every item of <paramref name="envelope"/>.</summary>
    public static async Task<List<JsonObject>> WalkAsync(this HttpClient client, string url, string envelope)
    {
        var items = new List<JsonObject>();
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        string? cursor = null;
        var cursors = new HashSet<string>();
        do
        {
            var page = await client.GetObjectAsync(cursor is null ? url : $"{url}{separator}cursor={Uri.EscapeDataString(cursor)}");
            items.AddRange(page[envelope]!.AsArray().Select(n => n!.AsObject()));
            cursor = (string?)page["nextCursor"];
            Assert.True(cursor is null || cursors.Add(cursor), "A cursor repeated.");
        }
        while (cursor is not null);
        return items;
    }

    public static async Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string url, object body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        return await client.SendAsync(request);
    }
}
