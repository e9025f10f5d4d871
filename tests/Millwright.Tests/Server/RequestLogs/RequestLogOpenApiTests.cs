using System.Text.Json;
using Millwright.Tests.Support;

namespace Millwright.Tests.Server.RequestLogs;

public sealed class RequestLogOpenApiTests(SharedHost host) : IClassFixture<SharedHost>
{
    [Theory]
    [InlineData("/v1/request-logs", "ListRequestLogs", "400")]
    [InlineData("/v1/request-logs/{request_id}", "GetRequestLog", "404")]
    public async Task OpenApiDocument_RequestLogEndpoints_HaveOperationIdExampleAndErrors(string path, string operationId, string status)
    {
        using var http = host.Server.Http();
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var operation = doc.RootElement.GetProperty("paths").GetProperty(path).GetProperty("get");

        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        Assert.True(operation.GetProperty("responses").TryGetProperty(status, out _));
        Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _));
        var example = operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example").GetRawText();
        Assert.Contains("\"upstream_call_count\"", example);
        Assert.DoesNotContain("mw_live_ct_A", example);
    }

    [Fact]
    public async Task OpenApiDocument_Status_IsDocumentedWithoutAuth()
    {
        using var http = host.Server.Http();
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var operation = doc.RootElement.GetProperty("paths").GetProperty("/status.json").GetProperty("get");

        Assert.Equal("GetStatus", operation.GetProperty("operationId").GetString());
        Assert.False(operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0);
    }
}
