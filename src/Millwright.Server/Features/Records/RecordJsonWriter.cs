using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Millwright.Server.Features.Records;

/// <summary>
/// Writes records straight from the stored JSON: the envelope from the columns, then each property of
/// <c>data</c> copied token by token (no model types in between), then <c>raw</c> as stored. Expanded
/// references go right after their <c>_id</c>/<c>_ids</c> field. Without expansions (the common read) the stored
/// text is transcoded once into a pooled UTF-8 buffer and copied token by token with a <see cref="Utf8JsonReader"/>:
/// no document, no property-name strings (issue 16's lean read path); the bytes written are the same as the
/// document path's.
/// </summary>
internal static class RecordJsonWriter
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "id", "remote_id", "created_at", "updated_at", "deleted_at", "remote_created_at", "remote_updated_at", "raw",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ReservedByName = Reserved.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Longest property name decoded on the stack; a longer one (or an escaped one) becomes a string.</summary>
    private const int StackNameLength = 128;

    public static void WriteRecord(Utf8JsonWriter writer, RecordSet set, StoredRecord record)
    {
        writer.WriteStartObject();
        WriteEnvelope(writer, record);
        var wroteCustomFields = set.Expansions.Count == 0 ? CopyData(writer, set.Schema, record.Data) : WriteDataWithExpansions(writer, set, record);
        if (!wroteCustomFields)
        {
            writer.WriteStartObject("custom_fields");
            writer.WriteEndObject();
        }

        if (set.IncludeRaw)
        {
            writer.WritePropertyName("raw");
            writer.WriteRawValue(record.Raw ?? "null");
        }

        writer.WriteEndObject();
    }

    /// <summary>The properties of <c>data</c> (an object; anything else writes none); true when one was <c>custom_fields</c>.</summary>
    private static bool CopyData(Utf8JsonWriter writer, Query.EntitySchema schema, string data)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(data.Length));
        try
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(data, buffer)));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                // Stored data is always an object (the mapping engine writes it); anything else contributes nothing, as before.
                return false;
            }

            var wroteCustomFields = false;
            Span<char> stack = stackalloc char[StackNameLength];
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // The unescaped name, decoded on the stack when it fits.
                var name = !reader.ValueIsEscaped && reader.ValueSpan.Length <= stack.Length && Encoding.UTF8.TryGetChars(reader.ValueSpan, stack, out var written)
                    ? stack[..written]
                    : reader.GetString().AsSpan();
                reader.Read();
                if (ReservedByName.Contains(name))
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType == JsonTokenType.String && schema.IsDateTimeDataField(name) && reader.TryGetDateTimeOffset(out var time))
                {
                    writer.WriteString(name, time.UtcDateTime);
                    continue;
                }

                writer.WritePropertyName(name);
                CopyValue(ref reader, writer);
                wroteCustomFields |= name.SequenceEqual("custom_fields");
            }

            return wroteCustomFields;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The value the reader is on, as <see cref="JsonElement.WriteTo"/> would write it (strings re-encoded by the writer, numbers as stored).</summary>
    private static void CopyValue(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        var depth = reader.CurrentDepth;
        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    writer.WriteStartObject();
                    break;
                case JsonTokenType.EndObject:
                    writer.WriteEndObject();
                    break;
                case JsonTokenType.StartArray:
                    writer.WriteStartArray();
                    break;
                case JsonTokenType.EndArray:
                    writer.WriteEndArray();
                    break;
                case JsonTokenType.PropertyName when reader.ValueIsEscaped:
                    writer.WritePropertyName(reader.GetString()!);
                    break;
                case JsonTokenType.PropertyName:
                    writer.WritePropertyName(reader.ValueSpan);
                    break;
                case JsonTokenType.String when reader.ValueIsEscaped:
                    writer.WriteStringValue(reader.GetString());
                    break;
                case JsonTokenType.String:
                    writer.WriteStringValue(reader.ValueSpan);
                    break;
                case JsonTokenType.Number:
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
                case JsonTokenType.True:
                    writer.WriteBooleanValue(true);
                    break;
                case JsonTokenType.False:
                    writer.WriteBooleanValue(false);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }

            // Done with a scalar at the value's own depth, or with the end of the object or array it opened.
            if (reader.CurrentDepth == depth && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
            {
                return;
            }

            reader.Read();
        }
    }

    /// <summary>The document path, which expansions need (they write the referenced records beside their field).</summary>
    private static bool WriteDataWithExpansions(Utf8JsonWriter writer, RecordSet set, StoredRecord record)
    {
        var wroteCustomFields = false;
        var expanded = new HashSet<string>(StringComparer.Ordinal);
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
                    if (set.Schema.ExpansionByField.ContainsKey(name))
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

        // After custom_fields, as always: references the record does not have.
        foreach (var expansion in set.Expansions.Where(e => !expanded.Contains(e.Field.Name)))
        {
            WriteExpansion(writer, set, expansion.Field.Name, default);
        }

        return true;
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
