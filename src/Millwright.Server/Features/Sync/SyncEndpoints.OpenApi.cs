using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Millwright.Client.Models;
using Millwright.Client.Sync;
using Millwright.Server.Hosting;

namespace Millwright.Server.Features.Sync;

/// <summary>Examples and parameter descriptions of the sync endpoints, serialized from the wire types so they never drift.</summary>
internal static partial class SyncEndpoints
{
    private static readonly SyncRun ExampleRun = new()
    {
        Id = "sync_7QmX2vKc9TnB4wLp0RzA",
        ConnectionId = "conn_4kT9bQ2mW7xZ1cV8nY3L",
        Kind = SyncKind.Incremental,
        Status = SyncRunStatus.Succeeded,
        Trigger = SyncRunTrigger.Schedule,
        CreatedAt = new DateTimeOffset(2026, 3, 2, 14, 15, 0, TimeSpan.Zero),
        StartedAt = new DateTimeOffset(2026, 3, 2, 14, 15, 0, 412, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2026, 3, 2, 14, 15, 3, 978, TimeSpan.Zero),
        DurationMs = 3566,
        CurrentEntity = null,
        Counts = new SyncCounts(2, 17, 1),
        Errors = [],
        ErrorCode = null,
    };

    private static Task DocumentStart(OpenApiOperation operation)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Example = Json(new StartSyncRequest(SyncKind.Full));
        }

        SetExample(operation, "202", Json(ExampleRun with
        {
            Kind = SyncKind.Full,
            Status = SyncRunStatus.Queued,
            Trigger = SyncRunTrigger.Manual,
            StartedAt = null,
            FinishedAt = null,
            DurationMs = null,
            Counts = new SyncCounts(0, 0, 0),
        }));
        return Task.CompletedTask;
    }

    private static Task DocumentList(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter p)
            {
                p.Description = p.Name switch
                {
                    "limit" => $"Page size, 1 to {NewestFirstCursor.MaxLimit}; default {NewestFirstCursor.DefaultLimit}.",
                    "cursor" => "next_cursor of the previous page; valid only for this connection.",
                    _ => p.Description,
                };
            }
        }

        SetExample(operation, "200", Json(new Page<SyncRun>([ExampleRun], "cnVuc3xjb25uXzRrVDl8MTc3MjQ2MDkwMDAwMDAwMHxzeW5jXzdRbVg")));
        return Task.CompletedTask;
    }

    private static Task DocumentGet(OpenApiOperation operation)
    {
        SetExample(operation, "200", Json(ExampleRun));
        return Task.CompletedTask;
    }

    private static JsonNode? Json<T>(T value) => JsonSerializer.SerializeToNode(value, MillwrightJson.Options);

    private static void SetExample(OpenApiOperation operation, string status, JsonNode? example)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = example;
        }
    }
}
