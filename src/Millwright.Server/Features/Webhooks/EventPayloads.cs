using System.Buffers;
using System.Text;
using System.Text.Json;
using Millwright.Client.Models;
using Millwright.Server.Features.Records;
using Millwright.Server.Features.Records.Query;

namespace Millwright.Server.Features.Webhooks;

/// <summary>
/// Event bodies, written once when the event is stored and sent byte for byte by every delivery:
/// <c>{id, type, created_at, connection_id, data}</c> (wire shape: Millwright.Client.Webhooks.WebhookEvent).
/// </summary>
internal static class EventPayloads
{
    public static string Write(string id, string type, DateTimeOffset createdAt, string? connectionId, Action<Utf8JsonWriter> writeData)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", type);
            writer.WriteString("created_at", createdAt.UtcDateTime);
            if (connectionId is null)
            {
                writer.WriteNull("connection_id");
            }
            else
            {
                writer.WriteString("connection_id", connectionId);
            }

            writer.WritePropertyName("data");
            writeData(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Data of any event whose content is a wire type (sync run, connection change…).</summary>
    public static Action<Utf8JsonWriter> Object<T>(T value) => writer => JsonSerializer.Serialize(writer, value, MillwrightJson.Options);

    /// <summary>Data of a record event: the record exactly as <c>GET /v1/{entity}/{id}</c> shows it (no raw).</summary>
    public static Action<Utf8JsonWriter> Record(EntitySchema schema, RecordRow row, DateTimeOffset changedAt) => writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("entity", row.Entity);
        writer.WriteString("record_id", row.Id);
        writer.WriteString("connection_id", row.ConnectionId);
        writer.WriteString("changed_at", changedAt.UtcDateTime);
        writer.WritePropertyName("record");
        var stored = new StoredRecord(row.Id, row.RemoteId, row.CreatedAt, row.UpdatedAt, row.DeletedAt, row.RemoteCreatedAt, row.RemoteUpdatedAt, row.Data, null);
        RecordJsonWriter.WriteRecord(writer, new RecordSet(schema, [stored], IncludeRaw: false, []), stored);
        writer.WriteEndObject();
    };
}
