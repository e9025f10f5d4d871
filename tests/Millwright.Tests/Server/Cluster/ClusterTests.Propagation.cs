using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Millwright.Client.Errors;

namespace Millwright.Tests.Server.Cluster;

public sealed partial class ClusterTests
{
    /// <summary>
    /// Issue 17, "a revoked token, a changed field mapping, a changed rate limit take effect on every node at once":
    /// each change is made through one node after another node has served the same caller (so anything that node
    /// kept per process would now be stale), and that other node's very next request shows it (ADR 0027). The account
    /// is the test's own, so lowering its limit touches no other test.
    /// </summary>
    [ClusterFact]
    public async Task ThreeNodes_TokenRevokedMappingChangedLimitsLoweredOnOneNode_AnotherNodeAppliesThemFromItsNextRequest()
    {
        await cluster.StartAsync(output);
        var key = await cluster.CreateAccountAsync("Propagation");
        var (a, b) = (Nodes[0], Nodes[1]);
        var connection = await ClusterFixture.ConnectAsync(a, key, cluster.SmallApiBase);
        Assert.Equal("succeeded", (string?)(await cluster.WaitForRunEndAsync(b, key, connection))["status"]);
        using var onA = a.Http(key);
        using var onB = b.Http(key);
        onB.DefaultRequestHeaders.Add("Millwright-Connection", connection);

        // A token made on A works on B; revoked on A, it is refused by B's next request.
        using var created = await onA.PostAsJsonAsync($"/v1/connections/{connection}/tokens", new { name = "propagation" });
        var token = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.True(created.StatusCode == HttpStatusCode.Created, token.ToJsonString());
        using var tokenOnB = b.Http((string)token["token"]!);
        using (var served = await tokenOnB.GetAsync(new Uri("/v1/work-orders?limit=1", UriKind.Relative)))
        {
            Assert.True(served.StatusCode == HttpStatusCode.OK, await served.Content.ReadAsStringAsync());
        }

        using (var revoked = await onA.DeleteAsync(new Uri($"/v1/connections/{connection}/tokens/{(string)token["id"]!}", UriKind.Relative)))
        {
            Assert.True(revoked.IsSuccessStatusCode, await revoked.Content.ReadAsStringAsync());
        }

        using (var refused = await tokenOnB.GetAsync(new Uri("/v1/work-orders?limit=1", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal(ErrorCodes.InvalidToken, await CodeAsync(refused));
        }

        cluster.Step("token revoked on one node, refused on another");

        // A mapping changed on A: B's next read shows the re-mapped field.
        var before = JsonNode.Parse(await onB.GetStringAsync(new Uri("/v1/work-orders?limit=1", UriKind.Relative)))!["data"]![0]!;
        var id = (string)before["id"]!;
        using (var changed = await onA.PatchAsJsonAsync($"/v1/connections/{connection}/field-mappings",
            new { mappings = new Dictionary<string, Dictionary<string, string>> { ["work-orders"] = new() { ["title"] = "concat('remapped: ', title)" } } }))
        {
            Assert.True(changed.IsSuccessStatusCode, await changed.Content.ReadAsStringAsync());
        }

        var after = JsonNode.Parse(await onB.GetStringAsync(new Uri($"/v1/work-orders/{id}", UriKind.Relative)))!;
        Assert.Equal("remapped: " + (string?)before["title"], (string?)after["title"]);
        cluster.Step("mapping changed on one node, read re-mapped on another");

        // The connection's limit lowered on A: B counts its next requests on that connection against the new limit.
        await LowerAsync(onA, $"/v1/connections/{connection}", 3);
        await AssertLimitedAsync(onB, $"/v1/connections/{connection}", 3);
        cluster.Step("connection limit lowered on one node, enforced on another");

        // The account's limit lowered on A (B has served this account at the old limit): B enforces it from the next request.
        await LowerAsync(onA, "/v1/account", 4);
        using var accountOnB = b.Http(key);
        await AssertLimitedAsync(accountOnB, "/v1/account", 4);
        cluster.Step("account limit lowered on one node, enforced on another");
    }

    private static async Task LowerAsync(HttpClient http, string path, int limit)
    {
        using var patched = await http.PatchAsJsonAsync(path, new { rate_limit_per_minute = limit });
        Assert.True(patched.IsSuccessStatusCode, await patched.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Every response from the first on shows <paramref name="limit"/> as the tightest budget, and a 429 comes within
    /// two windows' worth of requests (the count may restart once at a minute's turn), with its Retry-After.
    /// </summary>
    private static async Task AssertLimitedAsync(HttpClient http, string path, int limit)
    {
        for (var sent = 1; sent <= (2 * limit) + 1; sent++)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.Headers.TryGetValues("X-RateLimit-Limit", out var limits), body);
            Assert.Equal(limit.ToString(CultureInfo.InvariantCulture), limits.Single());
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(ErrorCodes.RateLimitExceeded, (string?)JsonNode.Parse(body)!["error"]!["code"]);
                Assert.InRange(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? -1, 1, 60);
                return;
            }

            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        }

        Assert.Fail($"no 429 within {(2 * limit) + 1} requests at a limit of {limit}");
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"];
}
