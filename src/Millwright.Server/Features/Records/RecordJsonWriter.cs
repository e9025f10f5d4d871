using System.Text.Json;

namespace Millwright.Server.Features.Records;

/// <summary>
/// Writes records straight from the stored JSON: the envelope from the columns, then each property of
/// <c>data</c> copied token by token (no model types in between), then <c>raw</c> as stored. Expanded
/// references go right after their <c>_id</c>/<c>_ids</c> field.
/// </summary>
internal static class RecordJsonWriter
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "id", "remote_id", "created_at", "updated_at", "deleted_at", "remote_created_at", "remote_updated_at", "raw",
    };

    public static void WriteRecord(Utf8JsonWriter writer, RecordSet set, StoredRecord record)
    {
        writer.WriteStartObject();
        WriteEnvelope(writer, record);
        var wroteCustomFields = false;
        var expanded = set.Expansions.Count == 0 ? null : new HashSet<string>(StringComparer.Ordinal);
        using (var data = JsonDocument.Parse(record.Data))
        {
            if (data.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in data.RootElement.EnumerateObject())
                {
                    var name = property.Name;
                    if (Reserved.Contains(name))
                    {
                        continue;
                    }

                    if (set.Schema.DateTimeDataFields.Contains(name) && property.Value.ValueKind == JsonValueKind.String
                        && property.Value.TryGetDateTimeOffset(out var time))
                    {
                        writer.WriteString(name, time.UtcDateTime);
                    }
                    else
                    {
                        property.WriteTo(writer);
                    }

                    wroteCustomFields |= name == "custom_fields";
                    if (expanded is not null && set.Schema.ExpansionByField.ContainsKey(name))
                    {
                        WriteExpansion(writer, set, name, property.Value);
                        expanded.Add(name);
                    }
                }
            }
        }

        if (!wroteCustomFields)
        {
            writer.WriteStartObject("custom_fields");
            writer.WriteEndObject();
        }

        foreach (var expansion in set.Expansions.Where(e => !expanded!.Contains(e.Field.Name)))
        {
            WriteExpansion(writer, set, expansion.Field.Name, default);
        }

        if (set.IncludeRaw)
        {
            writer.WritePropertyName("raw");
            writer.WriteRawValue(record.Raw ?? "null");
        }

        writer.WriteEndObject();
    }

    private static void WriteEnvelope(Utf8JsonWriter writer, StoredRecord record)
    {
        writer.WriteString("id", record.Id);
        writer.WriteString("remote_id", record.RemoteId);
        writer.WriteString("created_at", record.CreatedAt.UtcDateTime);
        writer.WriteString("updated_at", record.UpdatedAt.UtcDateTime);
        WriteTime(writer, "deleted_at", record.DeletedAt);
        WriteTime(writer, "remote_created_at", record.RemoteCreatedAt);
        WriteTime(writer, "remote_updated_at", record.RemoteUpdatedAt);
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time.UtcDateTime);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>A single reference becomes the record or null; a list becomes the records found, in list order.</summary>
    private static void WriteExpansion(Utf8JsonWriter writer, RecordSet set, string fieldName, JsonElement reference)
    {
        var expansion = set.Expansions.FirstOrDefault(e => e.Field.Name == fieldName);
        if (expansion is null)
        {
            return;
        }

        writer.WritePropertyName(expansion.Field.ExpandName!);
        if (expansion.Field.Kind == Query.FieldKind.StringArray)
        {
            writer.WriteStartArray();
            if (reference.ValueKind == JsonValueKind.Array)
            {
                foreach (var id in reference.EnumerateArray())
                {
                    if (id.ValueKind == JsonValueKind.String && expansion.ById.TryGetValue(id.GetString()!, out var item))
                    {
                        WriteRecord(writer, expansion.Target, item);
                    }
                }
            }

            writer.WriteEndArray();
        }
        else if (reference.ValueKind == JsonValueKind.String && expansion.ById.TryGetValue(reference.GetString()!, out var one))
        {
            WriteRecord(writer, expansion.Target, one);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
