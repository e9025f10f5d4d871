using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Millwright.Client.Models;
using Millwright.Client.RequestLogs;
using Millwright.Server.Hosting;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>Examples and parameter descriptions of the request log endpoints, serialized from the wire types so they never drift.</summary>
internal static partial class RequestLogEndpoints
{
    private static readonly RequestLog ExampleLog = new()
    {
        Id = "req_5f0c2a9e41b7d3886a1e02cd",
        Kind = RequestLogKind.Api,
        ConnectionId = "conn_4kT9bQ2mW7xZ1cV8nY3L",
        CredentialId = "key_9XcV2bN7mQ4wE1rT6yU3",
        Method = "POST",
        Path = "/v1/connections",
        Status = 201,
        DurationMs = 412.7,
        CreatedAt = new DateTimeOffset(2026, 3, 2, 14, 15, 0, 118, TimeSpan.Zero),
        UpstreamCallCount = 1,
    };

    private static Task DocumentList(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter p)
            {
                p.Description = p.Name switch
                {
                    "connection_id" => "Only calls that worked on this connection.",
                    "status" => "An HTTP status (e.g. 429) or a status class (2xx, 4xx, 5xx).",
                    "since" => "Only calls at or after this ISO-8601 time.",
                    "kind" => "`api` (calls of this API) or `sync` (upstream calls of sync runs).",
                    "limit" => $"Page size, 1 to {NewestFirstCursor.MaxLimit}; default {NewestFirstCursor.DefaultLimit}.",
                    "cursor" => "next_cursor of the previous page; valid only with the same filters.",
                    _ => p.Description,
                };
            }
        }

        SetExample(operation, Json(new Page<RequestLog>([ExampleLog], null)));
        return Task.CompletedTask;
    }

    private static Task DocumentGet(OpenApiOperation operation)
    {
        SetExample(operation, Json(ExampleLog with
        {
            RequestHeaders = new Dictionary<string, string> { ["authorization"] = "Bearer ***", ["content-type"] = "application/json" },
            RequestBody = """{"system":"maintainx","settings":{"base_url":"https://api.getmaintainx.com/v1"},"credentials":{"api_key":"***"}}""",
            ResponseHeaders = new Dictionary<string, string> { ["content-type"] = "application/json; charset=utf-8", ["x-request-id"] = ExampleLog.Id },
            ResponseBody = """{"connection":{"id":"conn_4kT9bQ2mW7xZ1cV8nY3L","status":"syncing"},"token":{"id":"tok_2hR8","token":"mw_live_ct_***"}}""",
            UpstreamCalls =
            [
                new UpstreamCallLog
                {
                    System = "maintainx",
                    ConnectionId = ExampleLog.ConnectionId,
                    Method = "GET",
                    Url = "https://api.getmaintainx.com/v1/organizations",
                    Status = 200,
                    Outcome = UpstreamCallOutcome.Succeeded,
                    DurationMs = 388.2,
                    StartedAt = ExampleLog.CreatedAt.AddMilliseconds(14),
                },
            ],
        }));
        return Task.CompletedTask;
    }

    private static JsonNode? Json<T>(T value) => JsonSerializer.SerializeToNode(value, MillwrightJson.Options);

    private static void SetExample(OpenApiOperation operation, JsonNode? example)
    {
        if (operation.Responses?.TryGetValue("200", out var response) == true && response.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = example;
        }
    }
}
