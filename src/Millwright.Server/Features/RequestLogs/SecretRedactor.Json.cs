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
        Span<char> nameChars = stackalloc char[128];
        while (reader.Read())
        {
            var mask = maskDepth >= 0 || nextSensitive;
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName when !reader.ValueIsEscaped && reader.ValueSpan.Length <= 128:
                    // The common case without allocating: a short, unescaped name is classified from its bytes.
                    var count = Encoding.UTF8.GetChars(reader.ValueSpan, nameChars);
                    writer.WritePropertyName(reader.ValueSpan);
                    nextSensitive = IsSensitiveName(nameChars[..count]);
                    nextCredential = nameChars[..count].Contains("credential", StringComparison.OrdinalIgnoreCase);
                    continue;
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
                case JsonTokenType.String when mask:
                    writer.WriteStringValue(Mask);
                    break;
                case JsonTokenType.String when !reader.ValueIsEscaped && !MayHoldSecret(reader.ValueSpan, knownSecrets):
                    writer.WriteStringValue(reader.ValueSpan);
                    break;
                case JsonTokenType.String:
                    writer.WriteStringValue(ScrubValue(reader.GetString()!, knownSecrets));
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

    private static bool MayHoldSecret(ReadOnlySpan<byte> utf8, IReadOnlyCollection<string> knownSecrets)
    {
        if (utf8.IndexOf("mw_"u8) >= 0 || utf8.IndexOf("mwc_"u8) >= 0 || utf8.IndexOf("/connect/"u8) >= 0)
        {
            return true;
        }

        Span<byte> bytes = stackalloc byte[256];
        foreach (var secret in knownSecrets)
        {
            if (secret.Length < 8)
            {
                continue;
            }

            // Secrets are short ASCII (keys, tokens): compare their bytes without decoding the value.
            // Anything else takes the slow path, which decodes and replaces.
            if (secret.Length > bytes.Length || Encoding.UTF8.GetByteCount(secret) != secret.Length
                || utf8.IndexOf(bytes[..Encoding.UTF8.GetBytes(secret, bytes)]) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Most values hold no secret: only run the replacements when one could be there.</summary>
    private static string ScrubValue(string value, IReadOnlyCollection<string> knownSecrets) =>
        value.Contains("mw_", StringComparison.Ordinal) || value.Contains("mwc_", StringComparison.Ordinal)
        || value.Contains("/connect/", StringComparison.Ordinal) || knownSecrets.Any(s => s.Length >= 8 && value.Contains(s, StringComparison.Ordinal))
            ? Scrub(value, knownSecrets)
            : value;
}
