using System.Text.Json;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.Connections;

public sealed class ConnectionsOpenApiTests : IClassFixture<SharedHost>
{
    private readonly SharedHost host;

    public ConnectionsOpenApiTests(SharedHost host) => this.host = host;

    [Theory]
    [InlineData("/v1/systems", "get", "ListSystems", "200")]
    [InlineData("/v1/systems/{id}", "get", "GetSystem", "404")]
    [InlineData("/v1/connections", "post", "CreateConnection", "422")]
    [InlineData("/v1/connections", "get", "ListConnections", "400")]
    [InlineData("/v1/connections/{id}", "get", "GetConnection", "404")]
    [InlineData("/v1/connections/{id}", "patch", "UpdateConnection", "422")]
    [InlineData("/v1/connections/{id}", "delete", "DeleteConnection", "204")]
    [InlineData("/v1/connections/{id}/tokens", "post", "CreateConnectionToken", "201")]
    [InlineData("/v1/connections/{id}/tokens", "get", "ListConnectionTokens", "200")]
    [InlineData("/v1/connections/{id}/tokens/{tokenId}", "delete", "RevokeConnectionToken", "404")]
    [InlineData("/v1/connection", "get", "GetCurrentConnection", "400")]
    public async Task OpenApiDocument_ConnectionEndpoints_HaveOperationIdSummaryAndResponses(string path, string method, string operationId, string status)
    {
        using var http = host.Server.Http();
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var operation = doc.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        Assert.True(operation.GetProperty("responses").TryGetProperty(status, out _), $"{operationId} does not document {status}.");
        Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{operationId} does not document 401.");
    }

    [Fact]
    public async Task OpenApiDocument_CreateConnection_DescribesSnakeCaseBodyAndErrorEnvelope()
    {
        using var http = host.Server.Http();
        var json = await http.GetStringAsync("/openapi/v1.json");
        using var doc = JsonDocument.Parse(json);
        var create = doc.RootElement.GetProperty("paths").GetProperty("/v1/connections").GetProperty("post");

        Assert.True(create.TryGetProperty("requestBody", out _));
        Assert.Contains("\"sync_interval_minutes\"", json);
        Assert.Contains("\"display_name\"", json);
        var error = create.GetProperty("responses").GetProperty("400").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Contains("ErrorEnvelope", error.GetRawText());
    }
}
