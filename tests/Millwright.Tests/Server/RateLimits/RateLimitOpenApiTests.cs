using System.Text.Json;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.RateLimits;

public sealed class RateLimitOpenApiTests(SharedHost host) : IClassFixture<SharedHost>
{
    [Fact]
    public async Task OpenApiDocument_EveryV1Operation_Documents429WithRetryAfter()
    {
        using var http = host.Server.Http();
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));

        var operations = doc.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/v1/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .ToList();

        Assert.True(operations.Count > 20, $"only {operations.Count} /v1 operations");
        Assert.Contains(operations, o => o.Path == "/v1/account" && o.Method == "patch");
        Assert.Contains(operations, o => o.Path == "/v1/connections/{id}/credentials" && o.Method == "put");
        foreach (var (path, method, operation) in operations)
        {
            Assert.True(operation.GetProperty("responses").TryGetProperty("429", out var limited), $"{method} {path} does not document 429.");
            Assert.True(limited.GetProperty("headers").TryGetProperty("Retry-After", out _), $"{method} {path}: 429 without Retry-After.");
            Assert.Contains("ErrorEnvelope", limited.GetProperty("content").GetRawText(), StringComparison.Ordinal);
        }
    }
}
