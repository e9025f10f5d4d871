using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Millwright.Client;

/// <summary>Writes every timestamp as UTC ISO-8601 with a <c>Z</c> (<c>2026-01-31T08:15:00.123Z</c>); reads any ISO-8601 offset.</summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
