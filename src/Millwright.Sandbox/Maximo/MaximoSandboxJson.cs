using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Millwright.Sandbox.Maximo;

/// <summary>Maximo's wire formats: timestamps with an offset and whole seconds, rest ids, JSON values of attributes.</summary>
internal static class MxmJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = null,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>As in the published record: <c>1998-12-31T09:00:00+00:00</c> (the server's offset; the sandbox runs on UTC).</summary>
    public static string Ts(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    public static DateTimeOffset Seconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    /// <summary>
    /// The rest id of a record: <c>_</c> + base64 of its key values joined by '/', with '=' padding
    /// written as '-' (published record: <c>_QkVERk9SRC8yMDA2</c> is BEDFORD/2006; third-party stubs show
    /// <c>_T1lBTQ--</c>). '+' and '/' of the alphabet are made URL-safe.
    /// </summary>
    public static string RestId(string key)
    {
        var text = Convert.ToBase64String(Encoding.UTF8.GetBytes(key));
        return "_" + text.Replace('+', '.').Replace('/', '~').Replace('=', '-');
    }

    /// <summary>The key a rest id encodes, or null when it is not one.</summary>
    public static string? KeyOf(string restId)
    {
        if (restId.Length < 2 || restId[0] != '_' || restId.Length > 1024)
        {
            return null;
        }

        var text = restId[1..].Replace('.', '+').Replace('~', '/').Replace('-', '=');
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
        return Convert.TryFromBase64String(text, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : null;
    }

    public static string KeyOf(MxmObjectStructure os, JsonObject record) =>
        string.Join('/', os.KeyAttributes.Select(a => Text(record[a]) ?? ""));

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>()
        : node is JsonValue number && number.GetValueKind() == JsonValueKind.Number ? number.ToJsonString()
        : null;

    public static long Long(JsonNode? node) => Number(node) is { } d && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue ? (long)d : 0;

    /// <summary>A number attribute's value, whatever CLR type backs the node (seeded ints, parsed JSON…).</summary>
    public static decimal? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public static DateTimeOffset? Date(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    /// <summary>Whether <paramref name="node"/> fits an attribute of <paramref name="type"/> (null always does).</summary>
    public static bool Fits(JsonNode? node, MxmType type)
    {
        if (node is null)
        {
            return true;
        }

        if (node is not JsonValue value)
        {
            return false;
        }

        return (type, value.GetValueKind()) switch
        {
            (MxmType.Text, JsonValueKind.String) => true,
            (MxmType.Integer, JsonValueKind.Number) => Number(value) is { } n && n == decimal.Truncate(n),
            (MxmType.Number, JsonValueKind.Number) => true,
            (MxmType.YesNo, JsonValueKind.True or JsonValueKind.False) => true,
            (MxmType.Timestamp, JsonValueKind.String) => Date(value) is not null,
            _ => false,
        };
    }
}
