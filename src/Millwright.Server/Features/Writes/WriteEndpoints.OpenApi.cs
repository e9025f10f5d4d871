using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Millwright.Client.Models;

namespace Millwright.Server.Features.Writes;

internal static partial class WriteEndpoints
{
    private static Task DocumentCreate(OpenApiOperation operation, EntityInfo entity)
    {
        AddIdempotencyKey(operation);
        SetRequestExample(operation, Example(entity, create: true));
        return Task.CompletedTask;
    }

    private static Task DocumentUpdate(OpenApiOperation operation, EntityInfo entity)
    {
        AddIdempotencyKey(operation);
        SetRequestExample(operation, Example(entity, create: false));
        return Task.CompletedTask;
    }

    private static void AddIdempotencyKey(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = IdempotencyKeys.Header,
            In = ParameterLocation.Header,
            Required = false,
            Description = "Makes the write safe to retry for 24 hours (per account and environment): the same key and body returns the first answer with `Idempotent-Replayed: true`, without calling the system again; another body is 422 `IDEMPOTENCY_KEY_REUSED`. 1–255 visible ASCII characters; a UUID is a good key.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyKeys.MaxKeyLength },
        });
    }

    private static void SetRequestExample(OpenApiOperation operation, JsonNode example)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = example;
            media.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Unified fields to write. What this connection accepts is the JSON Schema of GET /v1/{entity}/schema?operation=create|update.",
            };
        }
    }

    private static JsonObject Example(EntityInfo entity, bool create) => entity.Entity switch
    {
        Entity.WorkOrders when create => new JsonObject
        {
            ["title"] = "Vibration alarm on pump P-101",
            ["description"] = "Vibration above 7 mm/s for 10 minutes (sensor VX-12).",
            ["priority"] = "high",
            ["asset_id"] = "ast_3k9x2m7q4w1z8v5n",
            ["due_at"] = "2026-03-05T16:00:00Z",
        },
        Entity.WorkOrders => new JsonObject { ["status"] = "completed" },
        Entity.MeterReadings => new JsonObject { ["meter_id"] = "mtr_8d2k5m1q7w3z9v4n", ["value"] = 1523.5m, ["read_at"] = "2026-03-05T10:00:00Z" },
        Entity.MaintenanceRequests => new JsonObject { ["title"] = "Leaking valve in hall 2", ["priority"] = "medium" },
        Entity.Assets when create => new JsonObject { ["name"] = "Pump P-102", ["serial_number"] = "SN-88121" },
        _ => new JsonObject { ["name"] = "New name" },
    };
}
