using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Millwright.Server.Features.RequestLogs;

/// <summary>
/// Masks secrets in what a request log keeps: headers and query parameters by name, JSON members by name
/// (a <c>credentials</c> object entirely), Millwright keys and tokens wherever they appear, and the
/// caller's own bearer secret. Bodies that were cut (and so are not valid JSON) get the same treatment by
/// pattern. Errs towards masking: a masked harmless value costs little, a logged secret costs a lot.
/// </summary>
internal static partial class SecretRedactor
{
    public const string Mask = "***";

    private static readonly string[] SensitiveParts =
        ["key", "token", "secret", "password", "passwd", "pwd", "signature", "authorization", "cookie", "credential", "session", "private"];

    private static readonly string[] HarmlessSuffixes = ["_id", "_ids", "_at", "_hint", "_count", "_type"];

    /// <summary>Whether a header, query parameter or JSON member with this name holds a secret.</summary>
    public static bool IsSensitiveName(string name) => IsSensitiveName(name.AsSpan());

    /// <inheritdoc cref="IsSensitiveName(string)"/>
    public static bool IsSensitiveName(ReadOnlySpan<char> name)
    {
        if (name.Length > 256)
        {
            return true;
        }

        Span<char> n = stackalloc char[name.Length];
        name.ToLowerInvariant(n);
        n.Replace('-', '_');
        if (n.SequenceEqual("idempotency_key"))
        {
            return false;
        }

        foreach (var suffix in HarmlessSuffixes)
        {
            if (n.EndsWith(suffix, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var part in SensitiveParts)
        {
            if (n.Contains(part, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return n.SequenceEqual("auth") || n.SequenceEqual("x_auth") || n.SequenceEqual("pass") || n.SequenceEqual("sig");
    }

    /// <summary>Headers as a JSON object, secrets masked; an <c>Authorization</c> keeps only its scheme.</summary>
    public static string Headers(IEnumerable<KeyValuePair<string, string>> headers)
    {
        // Written straight to the reused buffer (as bodies are): a JsonObject per header set cost several KiB per entry.
        var buffer = output ??= new ArrayBufferWriter<byte>(16 * 1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            Span<char> lower = stackalloc char[256];
            foreach (var (name, value) in headers)
            {
                // Header names are ASCII tokens; a longer one than the stack buffer is rare enough to allocate.
                var key = name.Length <= lower.Length ? lower[..name.AsSpan().ToLowerInvariant(lower)] : name.ToLowerInvariant().AsSpan();
                writer.WritePropertyName(key);
                if (!IsSensitiveName(name))
                {
                    writer.WriteStringValue(value);
                }
                else if (name.Equals("authorization", StringComparison.OrdinalIgnoreCase) && value.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space)
                {
                    writer.WriteStringValue(value[..space] + " " + Mask);
                }
                else
                {
                    writer.WriteStringValue(Mask);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A query string (without <c>?</c>) with the values of sensitive parameters masked.</summary>
    public static string? Query(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }

        var parts = query.Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && IsSensitiveName(Uri.UnescapeDataString(parts[i][..eq])))
            {
                parts[i] = parts[i][..(eq + 1)] + Mask;
            }
        }

        return Scrub(string.Join('&', parts), []);
    }

    /// <summary>The captured body as text with secrets masked; null when empty.</summary>
    public static string? Body(ReadOnlySpan<byte> bytes, bool truncated, IReadOnlyCollection<string> knownSecrets)
    {
        if (bytes.IsEmpty)
        {
            return null;
        }

        if (LooksLikeJson(bytes) && TryRedactJson(bytes, truncated, knownSecrets) is { } json)
        {
            return json;
        }

        // A cut may split a multi-byte character: decode leniently and drop a trailing replacement char.
        var text = Encoding.UTF8.GetString(bytes);
        if (truncated && text.EndsWith('\uFFFD'))
        {
            text = text[..^1];
        }

        text = CredentialsObject().Replace(text, m => m.Groups["name"].Value + "\"" + Mask + "\"");
        text = JsonStringMember().Replace(text, m => IsSensitiveName(m.Groups["name"].Value)
            ? m.Groups["lead"].Value + "\"" + Mask + "\""
            : m.Value);
        text = FormPair().Replace(text, m => IsSensitiveName(m.Groups["name"].Value) ? m.Groups["name"].Value + "=" + Mask : m.Value);
        return Scrub(text, knownSecrets);
    }

    /// <summary>Masks Millwright secrets by shape and every known secret by value.</summary>
    public static string Scrub(string text, IReadOnlyCollection<string> knownSecrets)
    {
        text = MillwrightSecret().Replace(text, m => m.Groups["prefix"].Value + Mask);
        text = ConnectSecret().Replace(text, m => m.Groups["prefix"].Value + Mask);
        foreach (var secret in knownSecrets)
        {
            if (secret.Length >= 8)
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }

        return text;
    }

    [GeneratedRegex(@"(?<prefix>mw_(?:test|live)_[a-z]{2}_)[A-Za-z0-9]{20,}")]
    private static partial Regex MillwrightSecret();

    /// <summary>
    /// Connect secrets: the session secret in a <c>/connect/…</c> URL (link sessions, magic links) and the
    /// one-time <c>mwc_</c> code. Both are bearer secrets, stored only as hashes (see Features/Connect).
    /// </summary>
    [GeneratedRegex(@"(?<prefix>/connect/|mwc_)[0-9a-f]{64}")]
    private static partial Regex ConnectSecret();

    [GeneratedRegex("(?<name>\"credentials\"\\s*:\\s*)\\{[^}]*(\\}|$)", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialsObject();

    [GeneratedRegex("(?<lead>\"(?<name>[^\"\\\\]{1,100})\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*(\"|$)")]
    private static partial Regex JsonStringMember();

    [GeneratedRegex(@"(?<name>[A-Za-z_\-]{1,100})=(?<value>[^&\s""]+)")]
    private static partial Regex FormPair();
}
