using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Millwright.Client.Models;
using Millwright.Tests.Server.Sync;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Security;

/// <summary>
/// Issue 20, item 6 over HTTP: seeded random field-mapping changes (PATCH and preview) and random bodies for every
/// write operation of every entity never get a 500 — only answers with an error code and request id (or a
/// success). Kept to a few hundred calls (the engine itself is fuzzed by thousands in MappingFuzzTests). Paths
/// with a NUL byte are left out: Kestrel refuses them as malformed HTTP before Millwright sees the request.
/// </summary>
public sealed class BadInputFuzzTests
{
    [Fact]
    public async Task MappingsAndWriteBodies_Random_NeverAnswer500()
    {
        const int Seed = 20261202;
        var fuzz = new FuzzInput(Seed);
        await using var scenario = await SandboxScenario.StartAsync(SandboxScenario.SmallPlant(workOrders: 20),
            new Dictionary<string, string?> { ["Millwright:RateLimits:AccountPerMinute"] = "100000", ["Millwright:RateLimits:ConnectionPerMinute"] = "100000" });
        await scenario.SyncAsync();
        using var http = scenario.Host.Http(scenario.Account.TestSecretKey);
        http.DefaultRequestHeaders.Add("Millwright-Connection", scenario.ConnectionId);
        var mappings = $"/v1/connections/{scenario.ConnectionId}/field-mappings";
        var failures = new List<string>();

        for (var i = 0; i < 100; i++)
        {
            var entity = fuzz.Pick(EntityInfo.All);
            var targets = Millwright.Connectors.Mapping.UnifiedFields.For(entity.Entity).Select(f => f.Name).Append("custom_fields.fuzz").ToList();
            var change = new JsonObject { [entity.Path] = new JsonObject { [fuzz.Pick(targets)] = fuzz.Expression() } };
            var (method, path, body) = (i % 2) switch
            {
                0 => (HttpMethod.Patch, mappings, new JsonObject { ["mappings"] = change }),
                _ => (HttpMethod.Post, mappings + "/preview", new JsonObject { ["mappings"] = change, ["limit"] = 3 }),
            };
            await SendAsync(http, method, path, body.ToJsonString(), FuzzInput.Describe(Seed, i), failures);
        }

        for (var i = 0; i < 200; i++)
        {
            var entity = fuzz.Pick(EntityInfo.All);
            var body = (fuzz.Next(6) switch
            {
                0 => fuzz.Value(0)?.ToJsonString() ?? "null",
                1 => fuzz.NoiseString(fuzz.Next(40)),
                _ => WriteBody(fuzz, entity).ToJsonString(),
            });
            var path = fuzz.Next(2) == 0 ? $"/v1/{entity.Path}" : $"/v1/{entity.Path}/{fuzz.Pick([entity.IdPrefix + "_" + fuzz.NoiseString(8), "x", "%20", "%E2%80%AE", new string('9', 300)])}";
            var method = path.Count(c => c == '/') == 2 ? HttpMethod.Post : HttpMethod.Patch;
            await SendAsync(http, method, path, body, FuzzInput.Describe(Seed, 100 + i), failures);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    /// <summary>An object with the entity's own field names (so validation goes deep) holding random values.</summary>
    private static JsonObject WriteBody(FuzzInput fuzz, EntityInfo entity)
    {
        var fields = Millwright.Connectors.Mapping.UnifiedFields.For(entity.Entity).Select(f => f.Name).Concat(["custom_fields", "status", "id", "x"]).ToList();
        var body = new JsonObject();
        for (var n = fuzz.Next(6); n > 0; n--)
        {
            body[fuzz.Pick(fields)] = fuzz.Value(0);
        }

        return body;
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string path, string body, string label, List<string> failures)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request);
        if ((int)response.StatusCode >= 500 && response.StatusCode != HttpStatusCode.BadGateway && response.StatusCode != HttpStatusCode.GatewayTimeout)
        {
            failures.Add($"{label}: {method} {path} {body} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        else if ((int)response.StatusCode >= 400)
        {
            var text = await response.Content.ReadAsStringAsync();
            JsonNode? json = null;
            try
            {
                json = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
            }

            if (json?["error"]?["code"] is null || json["error"]?["request_id"] is null)
            {
                failures.Add($"{label}: {method} {path} → {(int)response.StatusCode} without an error code and request id: {text}");
            }
        }
    }
}
