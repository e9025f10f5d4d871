using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Millwright.Client.Models;
using Millwright.Connectors.Core;
using Millwright.Connectors.Mapping;
using Millwright.Server.Features.Connections;
using Millwright.Server.Persistence;

namespace Millwright.Server.Features.Mappings;

/// <summary>
/// The JSON Schema (2020-12) of one connection's records of one entity: envelope, typed fields (with the
/// expression that fills each), and custom fields — named ones typed from their expressions, plus those
/// seen in the stored records (a <c>custom_fields</c> spread has names only the data knows).
/// </summary>
internal sealed class RecordSchemaBuilder(MillwrightDb db, ConnectionMappings mappings)
{
    private const int Sample = 500;

    public async Task<JsonObject> BuildAsync(ConnectionRow connection, IConnector? connector, EntityInfo info, CancellationToken cancellationToken)
    {
        var current = await mappings.CurrentAsync(connection.Id, cancellationToken);
        var mapping = connector?.DefaultMappings.GetValueOrDefault(info.Entity) is { } defaults ? current.Overrides.Apply(info, defaults) : null;
        var expressions = mapping?.Fields.ToDictionary(f => f.Target, f => f.Expression, StringComparer.Ordinal) ?? [];

        var properties = new JsonObject
        {
            ["id"] = Type("string", "Millwright id, stable across syncs."),
            ["remote_id"] = Type("string", "The record's id in the connected system."),
            ["created_at"] = Time(false, "When Millwright first stored the record."),
            ["updated_at"] = Time(false, "When Millwright last saw a change (including a field-mapping change)."),
            ["deleted_at"] = Time(true, "When the record was deleted at the source."),
            ["remote_created_at"] = Time(true, "Creation time in the connected system."),
            ["remote_updated_at"] = Time(true, "Last change time in the connected system."),
        };
        foreach (var field in UnifiedFields.For(info.Entity))
        {
            var schema = Field(field);
            schema["description"] = expressions.TryGetValue(field.Name, out var expression) ? $"Mapped from: {expression}" : "Not mapped for this connection (always null or empty).";
            properties[field.Name] = schema;
        }

        properties[MappingTargets.CustomFields] = await CustomFieldsAsync(connection.Id, info, expressions, cancellationToken);
        properties["raw"] = new JsonObject { ["type"] = "object", ["description"] = "The source document, only with include_raw=true." };
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = info.RecordType.Name,
            ["description"] = $"A {info.Singular.Replace('_', ' ')} of connection {connection.Id} ({connection.System}), field mappings version {current.Version}.",
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. properties.Select(p => p.Key).Where(k => k is not ("raw" or "deleted_at" or "remote_created_at" or "remote_updated_at")).Select(k => (JsonNode)k)]),
        };
    }

    private async Task<JsonObject> CustomFieldsAsync(string connectionId, EntityInfo info, Dictionary<string, string> expressions, CancellationToken cancellationToken)
    {
        var custom = new JsonObject();
        var datas = await db.Records.AsNoTracking()
            .Where(r => r.ConnectionId == connectionId && r.Entity == info.Path && r.DeletedAt == null)
            .OrderByDescending(r => r.UpdatedAt).Take(Sample).Select(r => r.Data).ToListAsync(cancellationToken);
        var seen = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var data in datas)
        {
            if (JsonNode.Parse(data)?[MappingTargets.CustomFields] is JsonObject fields)
            {
                foreach (var (name, value) in fields)
                {
                    var types = seen.TryGetValue(name, out var t) ? t : seen[name] = new(StringComparer.Ordinal);
                    types.Add(value is null ? "null" : JsonType(value.GetValueKind()));
                }
            }
        }

        foreach (var (name, types) in seen)
        {
            custom[name] = new JsonObject { ["type"] = Types(types.Append("null")), ["description"] = "Seen in this connection's records." };
        }

        foreach (var (target, expression) in expressions.Where(e => e.Key.StartsWith(MappingTargets.CustomPrefix, StringComparison.Ordinal)))
        {
            var schema = new JsonObject { ["description"] = $"Mapped from: {expression}" };
            if (MappingEngine.Inspect(expression) is { } inspected && inspected.JsonTypes.Count < 6)
            {
                schema["type"] = Types(inspected.JsonTypes);
                if (inspected.IsDateTime)
                {
                    schema["format"] = "date-time";
                }
            }

            custom[target[MappingTargets.CustomPrefix.Length..]] = schema;
        }

        var spread = expressions.ContainsKey(MappingTargets.CustomFields);
        return new JsonObject
        {
            ["type"] = "object",
            ["description"] = spread ? $"Custom fields; also every property of: {expressions[MappingTargets.CustomFields]}" : "Custom fields.",
            ["properties"] = custom,
            ["additionalProperties"] = spread,
        };
    }

    private static JsonObject Field(UnifiedField field) => field.Kind switch
    {
        UnifiedFieldKind.String => Type(["string", "null"]),
        UnifiedFieldKind.Decimal => Type(["number", "null"]),
        UnifiedFieldKind.Integer => Type(["integer", "null"]),
        UnifiedFieldKind.Boolean => Type(["boolean", "null"]),
        UnifiedFieldKind.DateTime => Time(true, null),
        UnifiedFieldKind.Enum => new JsonObject
        {
            ["type"] = Types(["string", "null"]),
            ["enum"] = new JsonArray([.. field.EnumValues!.Select(v => (JsonNode)v), null]),
        },
        UnifiedFieldKind.StringList => new JsonObject { ["type"] = "array", ["items"] = Type("string", null) },
        _ => new JsonObject
        {
            ["type"] = "array",
            ["items"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject(field.Nested!.Select(n => KeyValuePair.Create(n.Name, (JsonNode?)Field(n)))),
            },
        },
    };

    private static JsonObject Type(string type, string? description) =>
        description is null ? new JsonObject { ["type"] = type } : new JsonObject { ["type"] = type, ["description"] = description };

    private static JsonObject Type(IEnumerable<string> types) => new() { ["type"] = Types(types) };

    private static JsonObject Time(bool nullable, string? description)
    {
        var schema = new JsonObject { ["type"] = nullable ? Types(["string", "null"]) : "string", ["format"] = "date-time" };
        if (description is not null)
        {
            schema["description"] = description;
        }

        return schema;
    }

    private static JsonArray Types(IEnumerable<string> types) => new([.. types.Distinct().Select(t => (JsonNode)t)]);

    private static string JsonType(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };
}
