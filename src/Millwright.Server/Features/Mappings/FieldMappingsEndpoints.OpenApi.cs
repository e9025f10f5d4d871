using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Millwright.Client.Mappings;
using Millwright.Client.Models;

namespace Millwright.Server.Features.Mappings;

/// <summary>Descriptions and examples of the field-mapping endpoints, serialized from the wire types so they never drift.</summary>
internal static partial class FieldMappingsEndpoints
{
    private const string GetDescription = """
        Per entity the connection's system offers: every unified field with the expression that fills it
        (`source`: `default` from the connector, or `connection` for this connection's own), its custom fields,
        and the source fields found in up to 500 of the connection's most recently updated stored raw records
        (path in the expression language, example values, fill rate, whether a mapping reads it), so you can
        see what is not mapped yet. Expressions: see docs/unified-model.md and the mapping README.
        """;

    private static readonly DateTimeOffset ExampleTime = new(2026, 3, 2, 14, 15, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, IReadOnlyDictionary<string, string?>?> ExampleChange = new()
    {
        ["work-orders"] = new Dictionary<string, string?>
        {
            ["priority"] = "extraFields.Urgency | map(P1: high, P2: medium, *: low)",
            ["custom_fields.line"] = "extraFields[\"Production Line\"] | upper",
        },
    };

    private static readonly FieldMappingVersion ExampleVersion = new()
    {
        Version = 3,
        Change = "patch",
        Mappings = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["work-orders"] = ExampleChange["work-orders"]!.ToDictionary(p => p.Key, p => p.Value!),
        },
        RemappedRecords = 1840,
        RequestId = "req_9fK2mQ7xT1bN4vLp",
        CreatedAt = ExampleTime,
    };

    private static string ChangeDescription(string what) => what + """
         Every entity whose mapping changes is re-applied to all of the connection's stored records from their
        raw documents, in one transaction, before the call returns: the very next read, filter and sort (including
        `custom_fields.<name>`) sees the new values, and records whose data changed get a new `updated_at`.
        A sync that is writing waits for the change, then maps with it. Invalid expressions, unknown targets and type
        mismatches are refused with 422 `VALIDATION_FAILED`; each `details` entry has `field` (a JSON pointer such as
        `/mappings/work-orders/status`) and `position` (0-based offset in the expression). A change that changes
        nothing answers with the version in force.
        """;

    private static Task DocumentGet(OpenApiOperation operation)
    {
        SetExample(operation, "200", Json(new FieldMappings
        {
            ConnectionId = "conn_4kT9bQ2mW7xZ1cV8nY3L",
            System = "maintainx",
            Version = 3,
            UpdatedAt = ExampleTime,
            Entities =
            [
                new EntityFieldMappings
                {
                    Entity = "work-orders",
                    Fields =
                    [
                        new FieldMappingLine { Target = "title", Type = "string", Expression = "title", Source = "default", DefaultExpression = "title" },
                        new FieldMappingLine
                        {
                            Target = "priority", Type = "enum", EnumValues = ["none", "low", "medium", "high", "urgent"],
                            Expression = "extraFields.Urgency | map(P1: high, P2: medium, *: low)", Source = "connection",
                            DefaultExpression = "priority | map(NONE: none, LOW: low, MEDIUM: medium, HIGH: high)",
                        },
                    ],
                    SourceFields =
                    [
                        new SourceField { Path = "extraFields.Urgency", Types = ["string"], Examples = [JsonSerializer.SerializeToElement("P1")], FillRate = 0.92, Mapped = true },
                        new SourceField { Path = "extraFields[\"Shift\"]", Types = ["string"], Examples = [JsonSerializer.SerializeToElement("night")], FillRate = 0.4, Mapped = false },
                    ],
                    RecordsSampled = 500,
                    RecordsStored = 1840,
                },
            ],
        }));
        return Task.CompletedTask;
    }

    private static Task DocumentChange(OpenApiOperation operation, string change)
    {
        SetRequestExample(operation, Json(new FieldMappingsRequest(ExampleChange)));
        SetExample(operation, "200", Json(ExampleVersion with { Change = change }));
        return Task.CompletedTask;
    }

    private static Task DocumentRollback(OpenApiOperation operation)
    {
        SetRequestExample(operation, Json(new FieldMappingsRollbackRequest(1)));
        SetExample(operation, "200", Json(ExampleVersion with { Version = 4, Change = "rollback", RestoredVersion = 1 }));
        return Task.CompletedTask;
    }

    private static Task DocumentHistory(OpenApiOperation operation)
    {
        SetExample(operation, "200", Json(new Page<FieldMappingVersion>([ExampleVersion], null)));
        return Task.CompletedTask;
    }

    private static Task DocumentPreview(OpenApiOperation operation)
    {
        SetRequestExample(operation, Json(new FieldMappingsPreviewRequest(ExampleChange, Limit: 2)));
        return Task.CompletedTask;
    }

    private static JsonNode? Json<T>(T value) => JsonSerializer.SerializeToNode(value, MillwrightJson.Options);

    private static void SetRequestExample(OpenApiOperation operation, JsonNode? example)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true)
        {
            body.Example = example;
        }
    }

    private static void SetExample(OpenApiOperation operation, string status, JsonNode? example)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true && response.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = example;
        }
    }
}
