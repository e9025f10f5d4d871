using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>
/// JSON bodies are redacted in one pass over the captured bytes (reader → writer, no document), which also
/// works for a body cut mid-way: the reader stops at the incomplete token and the output is the redacted
/// prefix. Under a secret-looking member a value becomes <c>***</c>; an array, or an object named like
/// credentials, has every value inside masked; other objects are walked member by member.
/// </summary>
internal static partial class SecretRedactor
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? output;

    private static bool LooksLikeJson(ReadOnlySpan<byte> bytes)
    {
        var start = bytes.TrimStart(" \t\r\n"u8);
        return !start.IsEmpty && start[0] is (byte)'{' or (byte)'[';
    }

    /// <summary>The redacted JSON (a prefix when <paramref name="truncated"/>), or null when the bytes are not JSON.</summary>
    private static string? TryRedactJson(ReadOnlySpan<byte> bytes, bool truncated, IReadOnlyCollection<string> knownSecrets)
    {
        var buffer = output ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                var reader = new Utf8JsonReader(bytes, isFinalBlock: !truncated, state: default);
                Copy(ref reader, writer, knownSecrets);
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Copy(ref Utf8JsonReader reader, Utf8JsonWriter writer, IReadOnlyCollection<string> knownSecrets)
    {
        var maskDepth = -1;
        var nextSensitive = false;
        var nextCredential = false;
        while (reader.Read())
        {
            var mask = maskDepth >= 0 || nextSensitive;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    writer.WritePropertyName(name);
                    nextSensitive = IsSensitiveName(name);
                    nextCredential = name.Contains("credential", StringComparison.OrdinalIgnoreCase);
                    continue;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (maskDepth < 0 && nextSensitive && (reader.TokenType == JsonTokenType.StartArray || nextCredential))
                    {
                        maskDepth = reader.CurrentDepth;
                    }

                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        writer.WriteStartObject();
                    }
                    else
                    {
                        writer.WriteStartArray();
                    }

                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        writer.WriteEndObject();
                    }
                    else
                    {
                        writer.WriteEndArray();
                    }

                    if (reader.CurrentDepth == maskDepth)
                    {
                        maskDepth = -1;
                    }

                    break;
                case JsonTokenType.Null:
                    writer.WriteNullValue();
                    break;
                case not JsonTokenType.String when mask:
                    writer.WriteStringValue(Mask);
                    break;
                case JsonTokenType.String:
                    writer.WriteStringValue(mask ? Mask : ScrubValue(reader.GetString()!, knownSecrets));
                    break;
                default:
                    // Numbers and booleans, as they were.
                    writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                    break;
            }

            nextSensitive = false;
            nextCredential = false;
        }
    }

    /// <summary>Most values hold no secret: only run the replacements when one could be there.</summary>
    private static string ScrubValue(string value, IReadOnlyCollection<string> knownSecrets) =>
        value.Contains("mw_", StringComparison.Ordinal) || knownSecrets.Any(s => s.Length >= 8 && value.Contains(s, StringComparison.Ordinal))
            ? Scrub(value, knownSecrets)
            : value;
}
