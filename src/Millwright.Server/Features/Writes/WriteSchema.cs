using System.Text.Json.Nodes;
using Millwright.Connectors.Mapping;

namespace Millwright.Server.Features.Writes;

/// <summary>
/// <c>GET /v1/{entity}/schema?operation=create|update</c>: JSON Schema (2020-12) of the body this connection accepts,
/// from the system's capabilities (required fields, status transitions) and the connection's mappings (which fields
/// write back, the values a value map can express, writable custom fields). <see cref="WriteBody"/> enforces exactly this.
/// </summary>
internal static class WriteSchema
{
    public static JsonObject Build(WriteTarget target, WriteOperation operation)
    {
        var properties = new JsonObject();
        foreach (var field in WriteBody.TypedFields(target))
        {
            var schema = Type(field.Field!, field.AllowedValues);
            schema["description"] = field.Reference is { } reference
                ? $"Id of a {Client.Models.EntityInfo.Of(reference).Singular.Replace('_', ' ')} of this connection; written to {field.SourcePath}."
                : $"Written to {field.SourcePath}.";
            properties[field.Target] = schema;
        }

        var statuses = WriteBody.Statuses(target, operation);
        if (statuses.Count > 0)
        {
            properties["status"] = new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray([.. statuses.Select(s => (JsonNode)s)]),
                ["description"] = operation == WriteOperation.Create
                    ? "Initial status."
                    : $"Performs {target.Connector.Descriptor.Name}'s own status transition; the system may refuse it from the record's current status (STATUS_TRANSITION_NOT_ALLOWED).",
            };
        }

        var custom = WriteBody.CustomFields(target);
        if (custom.Count > 0 || target.Plan.AnyCustomField)
        {
            properties["custom_fields"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject(custom.Select(c => KeyValuePair.Create(c.Target[WriteBody.CustomPrefix.Length..], (JsonNode?)Scalar($"Written to {c.SourcePath}.")))),
                ["additionalProperties"] = target.Plan.AnyCustomField ? Scalar("Written to the system's own custom fields.") : false,
            };
        }

        var required = operation == WriteOperation.Create ? target.Capabilities.RequiredOnCreate : [];
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = $"{(operation == WriteOperation.Create ? "Create" : "Update")}{target.Info.RecordType.Name}",
            ["description"] = $"What {target.Connector.Descriptor.Name} connection {target.Connection.Id} accepts in {(operation == WriteOperation.Create ? "POST" : "PATCH")} /v1/{target.Info.Path}.",
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]),
            ["additionalProperties"] = false,
            ["minProperties"] = 1,
        };
    }

    private static JsonObject Scalar(string description) => new()
    {
        ["type"] = new JsonArray("string", "number", "boolean", "null"),
        ["description"] = description,
    };

    private static JsonObject Type(UnifiedField field, IReadOnlyList<string>? allowed) => field.Kind switch
    {
        UnifiedFieldKind.Decimal => Nullable("number"),
        UnifiedFieldKind.Integer => Nullable("integer"),
        UnifiedFieldKind.Boolean => Nullable("boolean"),
        UnifiedFieldKind.DateTime => new JsonObject { ["type"] = new JsonArray("string", "null"), ["format"] = "date-time" },
        UnifiedFieldKind.Enum => new JsonObject
        {
            ["type"] = new JsonArray("string", "null"),
            ["enum"] = new JsonArray([.. (allowed ?? field.EnumValues ?? []).Select(v => (JsonNode)v), null]),
        },
        UnifiedFieldKind.StringList => new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
        _ => Nullable("string"),
    };

    private static JsonObject Nullable(string type) => new() { ["type"] = new JsonArray(type, "null") };
}
